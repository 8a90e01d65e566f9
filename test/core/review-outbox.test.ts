import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import type { ReviewWorkspace } from '../../src-main/core/review/review-workspace';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import type { CommentTarget, ReviewState } from '../../src-shared/contracts';
import { listCached } from '../support/cached-list';
import { startFaultProxy } from '../support/fault-proxy';
import { englishWords } from '../support/fuzz-checks';
import {
  loginToken,
  postJson,
  startRestartableServer,
  type RestartableServer,
} from '../support/review-server';
import { waitForStatus } from '../support/sync-status';

/**
 * The review dialog's drafts and decisions against the real server on loopback (DESIGN.md "Sync",
 * push): drafts outlive restarts, snapshots and other users; a decision made offline waits as 待同步 and
 * is applied exactly once when the server is back; a decision the server refuses waits for the reviewer
 * beside the drafts; an operation whose answer got lost is applied once when sent again.
 */

const WHOLE: CommentTarget = { sectionKey: '', rowIndex: null, fieldKey: null };
const EMPLOYER: CommentTarget = { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'employer' };
const EDUCATION_ROW: CommentTarget = { sectionKey: 'education', rowIndex: 0, fieldKey: 'school' };

let server: RestartableServer;
const cores: AppCore[] = [];
const taken = new Set<string>();
let clients = 0;

beforeAll(async () => {
  server = await startRestartableServer();
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await server.close();
});

/** A client of its own (its own data folder unless given), signed in as the unit's administrator and synced. */
async function openClient(options: { dataDir?: string; offlineProbeMs?: number; serverUrl?: string } = {}) {
  clients += 1;
  const dataDir = options.dataDir ?? path.join(server.clientDataDir, `client-${clients}`);
  const core = createAppCore({
    serverUrl: options.serverUrl ?? server.url,
    mode: 'remote',
    dataDir,
    syncIntervalMs: 3_600_000,
    // Long unless the test wants the client to notice the server's return by itself.
    offlineProbeMs: options.offlineProbeMs ?? 3_600_000,
  });
  cores.push(core);
  const { user } = await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
  const workspace = core.workspace();
  if (user === null || workspace === null) throw new Error('login failed');
  await workspace.syncAndWait();
  return { core, workspace, dataDir, unitId: user.memberships[0]?.unitId ?? '' };
}

/** An application of the demo hospital waiting for the unit (待单位审核) that no other test uses. */
async function freshApplication() {
  const rows = await server.platform.db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('units as unit', 'unit.id', 'a.unit_id')
    .select(['a.id', 'a.version', 'u.account'])
    .select((eb) =>
      eb
        .selectFrom('application_events as e')
        .whereRef('e.application_id', '=', 'a.id')
        .select((e) => e.fn.max('e.seq').as('seq'))
        .as('last_event'),
    )
    .where('a.state', '=', 'unitReview')
    .where('unit.name', '=', '重庆市示例人民医院')
    .orderBy('a.application_no')
    .execute();
  const row = rows.find((candidate) => !taken.has(candidate.id));
  if (row === undefined) throw new Error('no application left in 待单位审核');
  taken.add(row.id);
  lastEventAtStart.set(row.id, Number(row.last_event ?? 0));
  return { id: row.id, version: Number(row.version), account: row.account };
}

/** Each test application's last history entry when the test took it (demo histories have returns too). */
const lastEventAtStart = new Map<string, number>();

/** How often the server's history has recorded this step for the application since the test took it. */
async function stepsOnServer(applicationId: string, action: string): Promise<number> {
  const rows = await server.platform.db
    .selectFrom('application_events')
    .select('seq')
    .where('application_id', '=', applicationId)
    .where('action', '=', action)
    .where('seq', '>', lastEventAtStart.get(applicationId) ?? 0)
    .execute();
  return rows.length;
}

async function serverRow(applicationId: string) {
  return server.platform.db
    .selectFrom('applications')
    .select(['state', 'version'])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
}

async function listRow(core: AppCore, unitId: string, id: string) {
  const list = await listCached(core, unitId);
  return list.rows.find((row) => row.id === id);
}

async function withdrawAsApplicant(application: { id: string; account: string }): Promise<void> {
  const token = await loginToken(server.url, application.account, DEMO_APPLICANT_PASSWORD);
  const { version } = await serverRow(application.id);
  const res = await postJson(server.url, `/api/applicant/applications/${application.id}/withdraw`, token, {
    baseVersion: Number(version),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

function texts(state: ReviewState): string[] {
  return state.drafts.map((draft) => draft.text).sort();
}

function cacheFile(workspace: ReviewWorkspace | null): string {
  if (workspace === null) throw new Error('no workspace');
  return workspace.cacheFile;
}

describe('comment drafts', () => {
  it('survive a restart, a resync snapshot, and logout with another user in between', async () => {
    const application = await freshApplication();
    const first = await openClient();
    const saved = await first.core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: EMPLOYER,
      text: '现工作单位与劳动合同不一致,请核实',
    });
    expect(Date.parse(saved.savedAt)).not.toBeNaN();
    await first.core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: WHOLE,
      text: '请补充近五年年度考核结果',
    });
    await first.core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: EDUCATION_ROW,
      text: '这一条稍后删除',
    });
    // An empty text deletes the draft; a target outside the catalog is refused while typing.
    await first.core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: EDUCATION_ROW,
      text: '',
    });
    await expect(
      first.core.handlers.saveCommentDraft({
        applicationId: application.id,
        target: { sectionKey: 'noSuchSection', rowIndex: null, fieldKey: null },
        text: '不存在的位置',
      }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const expected = ['现工作单位与劳动合同不一致,请核实', '请补充近五年年度考核结果'].sort();
    const state = await first.core.handlers.getReviewState({ applicationId: application.id });
    expect(texts(state)).toEqual(expected);
    expect(state.drafts.find((draft) => draft.text.startsWith('现工作单位'))?.target).toEqual(EMPLOYER);
    expect(state.decision).toBeNull();

    // A restart of the client.
    const file = cacheFile(first.workspace);
    await first.core.close();
    const second = await openClient({ dataDir: first.dataDir });
    expect(texts(await second.core.handlers.getReviewState({ applicationId: application.id }))).toEqual(
      expected,
    );

    // A cursor the server does not know: the next sync takes a fresh snapshot.
    await second.core.close();
    const raw = new SqliteDatabase(file);
    raw.prepare('update sync_state set cursor = ? where id = 1').run('bm90IGEgY3Vyc29y');
    const generation = (raw.prepare('select snapshot_generation as g from sync_state').get() as { g: number })
      .g;
    raw.close();
    const third = await openClient({ dataDir: first.dataDir });
    const after = new SqliteDatabase(file, { readonly: true });
    const state3 = after.prepare('select snapshot_generation as g, cursor from sync_state').get() as {
      g: number;
      cursor: string;
    };
    after.close();
    expect(state3.g).toBe(generation + 1);
    expect(state3.cursor).not.toBe('bm90IGEgY3Vyc29y');
    expect(texts(await third.core.handlers.getReviewState({ applicationId: application.id }))).toEqual(
      expected,
    );

    // Logout, another user on the same computer, and back.
    await third.core.handlers.logout(undefined);
    await third.core.handlers.login({ identifier: 'deptadmin', password: 'Dept@2026' });
    await third.core.workspace()?.syncAndWait();
    await expect(
      third.core.handlers.getReviewState({ applicationId: application.id }),
    ).resolves.toMatchObject({
      drafts: [],
    });
    await third.core.handlers.logout(undefined);
    await third.core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
    expect(texts(await third.core.handlers.getReviewState({ applicationId: application.id }))).toEqual(
      expected,
    );
    expect(third.core.workspace()?.cache.integrityCheck()).toEqual([]);
  });
});

describe('decisions', () => {
  it('refuses a return without a comment, and a decision the workflow does not allow', async () => {
    const application = await freshApplication();
    const { core } = await openClient();
    await expect(
      core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('修改意见') } });
    await expect(
      core.handlers.decide({ applicationId: application.id, transitionId: 'reportUp' }),
    ).rejects.toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('待单位审核') },
    });
    await expect(
      core.handlers.decide({ applicationId: application.id, transitionId: 'unitApprove' }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('公示') } });
    await expect(
      core.handlers.decide({ applicationId: application.id, transitionId: 'deptApprove' }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(core.workspace()?.cache.work.outboxEntries()).toEqual([]);
    expect(await stepsOnServer(application.id, 'unitReturn')).toBe(0);
  });

  it('made offline waits as 待同步 and is applied once when the server is back', async () => {
    const application = await freshApplication();
    const { core, workspace, unitId } = await openClient({ offlineProbeMs: 200 });
    const comment = '论文发表时间与证明材料不一致,请核实后重新提交';
    await core.handlers.saveCommentDraft({ applicationId: application.id, target: EMPLOYER, text: comment });

    const offline = waitForStatus(core, (status) => status.phase === 'offline');
    await server.stop();
    try {
      const decided = await core.handlers.decide({
        applicationId: application.id,
        transitionId: 'unitReturn',
      });
      expect(decided.decision).toMatchObject({
        transitionId: 'unitReturn',
        status: 'pending',
        message: null,
      });
      expect(texts(decided)).toEqual([comment]);
      await offline;

      const row = await listRow(core, unitId, application.id);
      expect(row).toMatchObject({ state: 'unitReview', outboxStatus: 'pending' });
      // 退出并清除本地数据 would lose it: the confirmation says so.
      expect(await core.handlers.getLocalDataSummary(undefined)).toMatchObject({ unsentDecisions: 1 });
      // One decision at a time, and its comments are fixed once it is made.
      await expect(
        core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' }),
      ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
      await expect(
        core.handlers.saveCommentDraft({ applicationId: application.id, target: WHOLE, text: '再补一条' }),
      ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
      const [queued] = workspace.cache.work.outboxEntries();
      expect(queued).toMatchObject({ applicationId: application.id, baseVersion: application.version });
      expect(JSON.parse(queued?.payloadJson ?? '{}')).toMatchObject({
        baseVersion: application.version,
        transitionId: 'unitReturn',
        comments: [{ target: EMPLOYER, text: comment }],
      });
    } finally {
      await server.start();
    }

    // The client notices the server's return by itself and sends the decision.
    await vi.waitFor(
      async () => {
        const state = await core.handlers.getReviewState({ applicationId: application.id });
        expect(state.decision, 'the decision is applied').toBeNull();
      },
      { timeout: 15_000, interval: 50 },
    );
    const state = await core.handlers.getReviewState({ applicationId: application.id });
    expect(state.drafts).toEqual([]);
    expect(await core.handlers.getApplicationDetail({ id: application.id })).toMatchObject({
      state: 'unitReturned',
      version: application.version + 1,
    });
    expect(await listRow(core, unitId, application.id)).toMatchObject({
      state: 'unitReturned',
      outboxStatus: null,
    });
    expect(await stepsOnServer(application.id, 'unitReturn')).toBe(1);
    expect(await serverRow(application.id)).toMatchObject({ state: 'unitReturned' });
    expect(workspace.reviewHistory(application.id).comments).toEqual([
      expect.objectContaining({ target: EMPLOYER, text: comment, action: 'unitReturn', round: 1 }),
    ]);
    expect(workspace.cache.work.outboxEntries()).toEqual([]);
    expect(await core.handlers.getLocalDataSummary(undefined)).toMatchObject({ unsentDecisions: 0 });
    expect(workspace.cache.integrityCheck()).toEqual([]);
  });

  it('refused because the applicant withdrew meanwhile waits for the reviewer, who keeps or discards it', async () => {
    const kept = await freshApplication();
    const discarded = await freshApplication();
    const { core, workspace, unitId } = await openClient();
    await core.handlers.saveCommentDraft({
      applicationId: kept.id,
      target: WHOLE,
      text: '请补充继续教育证明',
    });
    await core.handlers.saveCommentDraft({
      applicationId: discarded.id,
      target: WHOLE,
      text: '请补充职称证书',
    });

    const offline = waitForStatus(core, (status) => status.phase === 'offline');
    await server.stop();
    try {
      await core.handlers.decide({ applicationId: kept.id, transitionId: 'unitReturn' });
      await core.handlers.decide({ applicationId: discarded.id, transitionId: 'unitReturn' });
      await offline;
    } finally {
      await server.start();
    }
    // The applicants withdraw before the client is back online.
    await withdrawAsApplicant(kept);
    await withdrawAsApplicant(discarded);

    await workspace.syncAndWait();
    const conflict = await core.handlers.getReviewState({ applicationId: kept.id });
    expect(conflict.decision).toMatchObject({ transitionId: 'unitReturn', status: 'conflict' });
    expect(conflict.decision?.message).toMatch(/已撤回|已被修改/);
    expect(texts(conflict)).toEqual(['请补充继续教育证明']);
    // The cache holds the server's version, which the dialog shows beside the refused decision.
    expect(await core.handlers.getApplicationDetail({ id: kept.id })).toMatchObject({ state: 'withdrawn' });
    expect(await listRow(core, unitId, kept.id)).toMatchObject({
      state: 'withdrawn',
      outboxStatus: 'conflict',
    });
    // A new decision waits until this one is resolved; reapplying cannot work on a withdrawn application.
    await expect(
      core.handlers.decide({ applicationId: kept.id, transitionId: 'unitReturn' }),
    ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
    await expect(
      core.handlers.resolveConflict({ applicationId: kept.id, action: 'reapply' }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('已撤回') } });
    // Drafts may still be edited beside a refused decision.
    await core.handlers.saveCommentDraft({
      applicationId: kept.id,
      target: EMPLOYER,
      text: '单位名称请写全称',
    });

    const keep = await core.handlers.resolveConflict({ applicationId: kept.id, action: 'keep' });
    expect(keep.decision).toBeNull();
    expect(texts(keep)).toEqual(['单位名称请写全称', '请补充继续教育证明']);

    const discard = await core.handlers.resolveConflict({ applicationId: discarded.id, action: 'discard' });
    expect(discard).toMatchObject({ decision: null, drafts: [] });
    await expect(
      core.handlers.resolveConflict({ applicationId: discarded.id, action: 'keep' }),
    ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });

    expect(await listRow(core, unitId, kept.id)).toMatchObject({ outboxStatus: null });
    expect(await stepsOnServer(kept.id, 'unitReturn')).toBe(0);
    expect(await stepsOnServer(discarded.id, 'unitReturn')).toBe(0);
    expect(workspace.cache.work.outboxEntries()).toEqual([]);
  });

  it('refused because the version moved can be reapplied on the new version', async () => {
    const application = await freshApplication();
    const { core, workspace } = await openClient();
    await core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: WHOLE,
      text: '请补充业绩材料',
    });
    // A change the reviewer has not seen yet (the state stays 待单位审核).
    await server.platform.db
      .updateTable('applications')
      .set({ version: application.version + 5 })
      .where('id', '=', application.id)
      .execute();

    await core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' });
    await workspace.syncAndWait();
    const conflict = await core.handlers.getReviewState({ applicationId: application.id });
    expect(conflict.decision).toMatchObject({ status: 'conflict' });
    expect((await core.handlers.getApplicationDetail({ id: application.id })).version).toBe(
      application.version + 5,
    );

    const reapplied = await core.handlers.resolveConflict({
      applicationId: application.id,
      action: 'reapply',
    });
    expect(reapplied.decision).toMatchObject({ transitionId: 'unitReturn' });
    expect(reapplied.decision?.operationId).not.toBe(conflict.decision?.operationId);
    expect(['pending', 'sending']).toContain(reapplied.decision?.status);
    await workspace.syncAndWait();

    expect(await core.handlers.getReviewState({ applicationId: application.id })).toMatchObject({
      decision: null,
      drafts: [],
    });
    expect(await serverRow(application.id)).toMatchObject({ state: 'unitReturned' });
    expect(Number((await serverRow(application.id)).version)).toBe(application.version + 6);
    expect(await stepsOnServer(application.id, 'unitReturn')).toBe(1);
  });

  it('whose answer got lost is sent again under the same id and applied once', async () => {
    const application = await freshApplication();
    const first = await openClient();
    await first.core.handlers.saveCommentDraft({
      applicationId: application.id,
      target: WHOLE,
      text: '请补充学位证书',
    });
    const offline = waitForStatus(first.core, (status) => status.phase === 'offline');
    await server.stop();
    try {
      await first.core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' });
      await offline;
    } finally {
      await first.core.close();
      await server.start();
    }

    // The request reached the server and was applied, but the client died before it read the answer:
    // the operation is still marked 'sending' in its outbox.
    const file = cacheFile(first.workspace);
    const raw = new SqliteDatabase(file);
    const { id, payload_json } = raw.prepare('select id, payload_json from outbox').get() as {
      id: string;
      payload_json: string;
    };
    raw.prepare(`update outbox set status = 'sending' where id = ?`).run(id);
    raw.close();
    const token = await loginToken(server.url, 'unitadmin', 'Unit@2026');
    const delivered = await postJson(server.url, '/api/sync/operations', token, {
      operations: [JSON.parse(payload_json) as unknown],
    });
    expect(delivered).toMatchObject({ status: 200, body: { results: [{ id, outcome: 'applied' }] } });
    expect(await stepsOnServer(application.id, 'unitReturn')).toBe(1);

    const second = await openClient({ dataDir: first.dataDir });
    expect(await second.core.handlers.getReviewState({ applicationId: application.id })).toMatchObject({
      decision: null,
      drafts: [],
    });
    expect(await second.core.handlers.getApplicationDetail({ id: application.id })).toMatchObject({
      state: 'unitReturned',
      version: application.version + 1,
    });
    expect(await stepsOnServer(application.id, 'unitReturn')).toBe(1);
    expect(second.workspace.cache.work.outboxEntries()).toEqual([]);
    expect(second.workspace.cache.integrityCheck()).toEqual([]);
  });
});

describe('pushing through failures', () => {
  const PUSH_PATH = '/api/sync/operations';

  it('keeps a decision pending through server errors and retries after growing pauses', async () => {
    const application = await freshApplication();
    const proxy = await startFaultProxy(server.url);
    const attempts: number[] = [];
    proxy.setRule((request) => {
      if (request.path !== PUSH_PATH) return null;
      attempts.push(Date.now());
      if (attempts.length > 2) return null;
      return {
        status: 503,
        body: { error: { code: 'SERVER_ERROR', message: '服务器暂时无法处理请求,请稍后重试' } },
      };
    });
    const { core, workspace } = await openClient({ serverUrl: proxy.url });
    try {
      await core.handlers.saveCommentDraft({
        applicationId: application.id,
        target: WHOLE,
        text: '请补充获奖证书',
      });
      const failed = waitForStatus(core, (status) => status.phase === 'error');
      await core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' });
      // The pull still ran; the status says the decision has not gone yet, and it waits as 待同步.
      expect((await failed).error).toContain('将自动重试');
      expect((await core.handlers.getReviewState({ applicationId: application.id })).decision).toMatchObject({
        status: 'pending',
      });

      // Nobody presses anything: the engine tries again after 2 s, then after 4 s more.
      await vi.waitFor(
        () => expect(workspace.cache.work.outboxEntries(), 'the decision is applied').toHaveLength(0),
        { timeout: 20_000, interval: 50 },
      );
      expect(attempts).toHaveLength(3);
      const [first = 0, second = 0, third = 0] = attempts;
      expect(second - first).toBeGreaterThanOrEqual(1_900);
      expect(third - second).toBeGreaterThanOrEqual(3_900);
      expect(await stepsOnServer(application.id, 'unitReturn')).toBe(1);
      await vi.waitFor(() => expect(workspace.syncStatus().phase, 'the status is idle again').toBe('idle'), {
        timeout: 15_000,
        interval: 50,
      });
    } finally {
      await core.close();
      await proxy.close();
    }
  }, 40_000);

  it("says in Chinese why a decision waits, also when the failure is the program's own", async () => {
    const application = await freshApplication();
    const proxy = await startFaultProxy(server.url);
    const { core, workspace } = await openClient({ serverUrl: proxy.url });
    try {
      await core.handlers.saveCommentDraft({
        applicationId: application.id,
        target: WHOLE,
        text: '请补充材料',
      });
      proxy.setRule((request) => (request.path === PUSH_PATH ? 'drop' : null));
      const offline = waitForStatus(core, (status) => status.phase === 'offline');
      await core.handlers.decide({ applicationId: application.id, transitionId: 'unitReturn' });
      await offline;
      // A damaged cache: the queued operation cannot be read back, which JSON.parse says in English.
      const raw = new SqliteDatabase(cacheFile(workspace));
      raw.prepare("update outbox set payload_json = '{'").run();
      raw.close();
      proxy.setRule(() => null);

      const failed = waitForStatus(core, (status) => status.phase === 'error');
      await workspace.syncAndWait();
      const { error } = await failed;
      expect(error).toMatch(/^审核结果暂未发送到服务器,将自动重试/);
      expect(englishWords(error ?? '')).toEqual([]);
      const { decision } = await core.handlers.getReviewState({ applicationId: application.id });
      expect(decision).toMatchObject({ status: 'pending' });
      expect(englishWords(decision?.message ?? '')).toEqual([]);
    } finally {
      await core.close();
      await proxy.close();
    }
  });

  it('rejects on its own an operation the server refuses as malformed, and sends the others', async () => {
    const refused = await freshApplication();
    const sent = await freshApplication();
    const proxy = await startFaultProxy(server.url);
    const { core, workspace, unitId } = await openClient({ serverUrl: proxy.url });
    try {
      for (const application of [refused, sent]) {
        await core.handlers.saveCommentDraft({
          applicationId: application.id,
          target: WHOLE,
          text: '请补充材料',
        });
      }
      // Both decisions wait while pushes cannot get through.
      proxy.setRule((request) => (request.path === PUSH_PATH ? 'drop' : null));
      const offline = waitForStatus(core, (status) => status.phase === 'offline');
      await core.handlers.decide({ applicationId: refused.id, transitionId: 'unitReturn' });
      await core.handlers.decide({ applicationId: sent.id, transitionId: 'unitReturn' });
      await offline;
      expect(workspace.cache.work.outboxEntries().map((entry) => entry.status)).toEqual([
        'pending',
        'pending',
      ]);

      const sizes: number[] = [];
      proxy.setRule((request) => {
        if (request.path !== PUSH_PATH) return null;
        const operations = (request.body as { operations: { applicationId: string }[] }).operations;
        sizes.push(operations.length);
        const poisoned = operations.some((operation) => operation.applicationId === refused.id);
        return poisoned
          ? {
              status: 400,
              body: { error: { code: 'BAD_REQUEST', message: '请求内容不正确,请检查填写的内容后重试' } },
            }
          : null;
      });
      await workspace.syncAndWait();
      expect(sizes).toEqual([2, 1, 1]);
      expect(await core.handlers.getReviewState({ applicationId: refused.id })).toMatchObject({
        decision: { status: 'rejected', message: '请求内容不正确,请检查填写的内容后重试' },
        drafts: [{ text: '请补充材料' }],
      });
      expect(await listRow(core, unitId, refused.id)).toMatchObject({ outboxStatus: 'rejected' });
      expect(await core.handlers.getReviewState({ applicationId: sent.id })).toMatchObject({
        decision: null,
        drafts: [],
      });
      expect(await stepsOnServer(refused.id, 'unitReturn')).toBe(0);
      expect(await stepsOnServer(sent.id, 'unitReturn')).toBe(1);
      expect(workspace.syncStatus().phase).toBe('idle');

      const discarded = await core.handlers.resolveConflict({ applicationId: refused.id, action: 'discard' });
      expect(discarded).toMatchObject({ decision: null, drafts: [] });
    } finally {
      await core.close();
      await proxy.close();
    }
  });
});
