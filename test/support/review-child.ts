import { setTimeout as sleep } from 'node:timers/promises';
import { createAppCore } from '../../src-main/core/app-core';
import type { CommentTarget } from '../../src-shared/contracts';
import { seededRandom } from './seeded-random';

/**
 * A reviewer's client that types comment drafts and decides, over and over, printing one JSON line per
 * step: `saving` before a draft is written and `saved` once saveCommentDraft answered (durable), then
 * `deciding` and `decided` around each decision. The crash test kills it (SIGKILL) at random moments and
 * holds the cache it leaves behind to what it printed (test/support/crash-rounds.ts).
 * Usage: tsx test/support/review-child.ts <serverUrl> <dataDir> <account> <password> <round> <seed>
 */

const TARGETS: CommentTarget[] = [
  { sectionKey: '', rowIndex: null, fieldKey: null },
  { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'employer' },
  { sectionKey: 'education', rowIndex: 0, fieldKey: 'school' },
];
/** Passes over the targets before deciding: each pass rewrites every draft. */
const PASSES = 2;

const [serverUrl = '', dataDir = '', account = '', password = '', round = '0', seed = '0'] =
  process.argv.slice(2);
const random = seededRandom(Number(seed));
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const core = createAppCore({
  serverUrl,
  mode: 'remote',
  dataDir,
  syncIntervalMs: 3_600_000,
  offlineProbeMs: 500,
});
const { user } = await core.handlers.login({ identifier: account, password });
const unitId = user?.memberships[0]?.unitId;
const workspace = core.workspace();
if (unitId === undefined || workspace === null) throw new Error('login failed');
say({ ready: true, cacheFile: workspace.cacheFile });

for (let typed = 0; ;) {
  const list = await core.handlers.listApplications({
    unitId,
    state: 'unitReview',
    search: '',
    filterUnitIds: [],
    sortField: 'applicationNo',
    sortOrder: 'ascend',
    page: 1,
    pageSize: 200,
  });
  const next = list.rows.find((row) => row.outboxStatus === null);
  if (next === undefined) {
    // Nothing left to decide in the cache yet (the first sync may still be filling it).
    await sleep(20);
    continue;
  }
  for (let pass = 0; pass < PASSES; pass += 1) {
    for (const target of TARGETS) {
      typed += 1;
      const draft = {
        applicationId: next.id,
        target,
        text: `第${round}轮第${typed}稿:请核实${next.applicationNo}`,
      };
      say({ saving: draft });
      await core.handlers.saveCommentDraft(draft);
      say({ saved: draft });
      // Typing takes time; meanwhile the sync gets its turns.
      await sleep(Math.floor(random() * 5));
    }
  }
  say({ deciding: next.id });
  await core.handlers.decide({ applicationId: next.id, transitionId: 'unitReturn' });
  say({ decided: next.id });
}
