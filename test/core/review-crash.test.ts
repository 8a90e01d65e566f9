import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../src-main/core/app-core';
import { openApplicationCache } from '../../src-main/core/cache/application-cache';
import { commentTargetKey } from '../../src-main/core/review/comment-targets';
import type { CommentTarget } from '../../src-shared/contracts';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import { addHospitalApplications, spawnClient } from '../support/killed-client';

/**
 * A reviewer's client killed (SIGKILL) at random moments while it types comment drafts and decides, many
 * times over, with the server up and answering its pushes: after every kill each draft it reported saved
 * is in its cache and the cache passes its integrity check; at the end, once it has synced, the server
 * has applied every decision it reported exactly once (one history entry, one version step), with the
 * comments typed for it, and nothing twice.
 */

const ROUNDS = 15;
const GENERATED = 150;

interface Draft {
  applicationId: string;
  target: CommentTarget;
  text: string;
}

type ChildLine =
  | { ready: true; cacheFile: string }
  | { saving: Draft }
  | { saved: Draft }
  | { deciding: string }
  | { decided: string };

let server: DemoServer;
let unitId: string;
/** Per application of the unit before the test: its version and the last history entry's number. */
const before = new Map<string, { version: number; lastEvent: number }>();

beforeAll(async () => {
  server = await startDemoServer();
  // startDemoServer keeps SQLite's files beside its database, in the folder that also holds clientDataDir.
  const filesDir = path.join(path.dirname(server.clientDataDir), 'files');
  unitId = await addHospitalApplications(server.platform, filesDir, {
    seed: 11,
    count: GENERATED,
    firstIndex: 200_000,
  });
  for (const row of await applicationsOfUnit()) {
    before.set(row.id, { version: Number(row.version), lastEvent: Number(row.last_event ?? 0) });
  }
}, 120_000);

afterAll(async () => {
  await server.close();
});

function applicationsOfUnit() {
  return server.platform.db
    .selectFrom('applications as a')
    .select(['a.id', 'a.state', 'a.version'])
    .select((eb) =>
      eb
        .selectFrom('application_events as e')
        .whereRef('e.application_id', '=', 'a.id')
        .select((e) => e.fn.max('e.seq').as('seq'))
        .as('last_event'),
    )
    .where('a.unit_id', '=', unitId)
    .execute();
}

/** unitReturn entries in the server's history since the test began, per application. */
async function returnsSinceStart(): Promise<Map<string, number>> {
  const rows = await server.platform.db
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.seq'])
    .where('a.unit_id', '=', unitId)
    .where('e.action', '=', 'unitReturn')
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (Number(row.seq) <= (before.get(row.application_id)?.lastEvent ?? 0)) continue;
    counts.set(row.application_id, (counts.get(row.application_id) ?? 0) + 1);
  }
  return counts;
}

const keyOf = (draft: { applicationId: string; target: CommentTarget }) =>
  `${draft.applicationId} ${commentTargetKey(draft.target)}`;

describe('a reviewer client killed while typing and deciding', () => {
  it('keeps every saved draft and applies every decision once', async () => {
    const dataDir = path.join(server.clientDataDir, 'crashing');
    /** The last text reported saved per application and target, and a write begun but not reported. */
    const saved = new Map<string, Draft>();
    const inFlight = new Map<string, Draft>();
    const deciding = new Set<string>();
    const decided = new Set<string>();
    /** The drafts each decision was made from, as the child last reported them before deciding. */
    const sentWith = new Map<string, string[]>();
    let cacheFile = '';
    let draftsChecked = 0;

    // The reviewer has used this computer before: the cache holds the unit's applications, so the kills
    // land while drafts are typed and decisions sent, not while a first sync fills an empty cache.
    const first = createAppCore({
      serverUrl: server.url,
      mode: 'remote',
      dataDir,
      syncIntervalMs: 3_600_000,
    });
    await first.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
    await first.workspace()?.syncAndWait();
    expect(first.workspace()?.syncStatus().cachedCount).toBeGreaterThan(GENERATED);
    await first.close();

    for (let round = 1; round <= ROUNDS; round += 1) {
      const child = spawnClient<ChildLine>('test/support/review-child.ts', [
        server.url,
        dataDir,
        'unitadmin',
        'Unit@2026',
        String(round),
      ]);
      let timer: NodeJS.Timeout | undefined;
      for await (const line of child.lines) {
        if ('ready' in line) {
          cacheFile = line.cacheFile;
        } else if ('saving' in line) {
          // The clock starts when the reviewer starts typing (the process takes seconds to start).
          timer ??= setTimeout(() => child.kill(), 50 + Math.floor(Math.random() * 350));
          inFlight.set(keyOf(line.saving), line.saving);
        } else if ('saved' in line) {
          inFlight.delete(keyOf(line.saved));
          saved.set(keyOf(line.saved), line.saved);
        } else if ('deciding' in line) {
          deciding.add(line.deciding);
          sentWith.set(
            line.deciding,
            [...saved.values()]
              .filter((draft) => draft.applicationId === line.deciding)
              .map((draft) => draft.text)
              .sort(),
          );
        } else if ('decided' in line) {
          decided.add(line.decided);
        }
      }
      clearTimeout(timer);
      await child.expectKilled(`round ${round}`);
      expect(cacheFile).not.toBe('');

      const cache = await openApplicationCache(cacheFile);
      try {
        expect(cache.integrityCheck(), `round ${round}`).toEqual([]);
        for (const key of new Set([...saved.keys(), ...inFlight.keys()])) {
          const expected = saved.get(key);
          const maybe = inFlight.get(key);
          const applicationId = (expected ?? maybe)?.applicationId ?? '';
          const target = (expected ?? maybe)?.target;
          // Drafts that went with a decision leave with it once the server applied it.
          const application = cache.reviewTarget(applicationId);
          const withDecision =
            deciding.has(applicationId) &&
            (cache.latestOperation(applicationId) !== null || application?.state !== 'unitReview');
          if (withDecision || target === undefined) continue;
          const stored = cache
            .commentDrafts(applicationId)
            .find((draft) => draft.target === commentTargetKey(target))?.text;
          const allowed = [expected?.text, maybe?.text];
          expect(allowed, `round ${round}: draft ${key} is ${stored}`).toContain(stored);
          draftsChecked += 1;
        }
      } finally {
        cache.close();
      }
    }
    expect(draftsChecked).toBeGreaterThan(0);
    expect(decided.size).toBeGreaterThan(0);

    // The reviewer starts the client once more, with the server up: whatever was left is sent.
    const core = createAppCore({ serverUrl: server.url, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
    try {
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      const workspace = core.workspace();
      if (workspace === null) throw new Error('no workspace');
      await workspace.syncAndWait();
      expect(workspace.outbox()).toEqual([]);
      expect(workspace.integrityCheck()).toEqual([]);

      const returns = await returnsSinceStart();
      const states = new Map((await applicationsOfUnit()).map((row) => [row.id, row]));
      for (const [id, count] of returns) {
        // Nothing applied twice, and nothing the child did not decide.
        expect(count, `application ${id}`).toBe(1);
        expect(deciding.has(id), `application ${id}`).toBe(true);
      }
      for (const id of deciding) {
        const row = states.get(id);
        const applied = returns.get(id) === 1;
        if (!decided.has(id) && !applied) continue; // killed before the decision was stored
        expect(applied, `application ${id}`).toBe(true);
        expect(row?.state).toBe('unitReturned');
        expect(Number(row?.version)).toBe((before.get(id)?.version ?? 0) + 1);
        const detail = await core.handlers.getApplicationDetail({ id });
        expect(detail.state).toBe('unitReturned');
        const comments = workspace
          .reviewHistory(id)
          .comments.filter(
            (comment) => comment.action === 'unitReturn' && comment.round === detail.submitCount,
          )
          .map((comment) => comment.text)
          .sort();
        expect(comments, `comments of ${id}`).toEqual(sentWith.get(id));
        expect((await core.handlers.getReviewState({ applicationId: id })).drafts).toEqual([]);
      }
      console.log(
        `[review-crash] ${ROUNDS} kills, ${draftsChecked} draft checks, ${deciding.size} decisions begun, ` +
          `${decided.size} reported, ${returns.size} applied`,
      );
    } finally {
      await core.close();
    }
  }, 240_000);
});
