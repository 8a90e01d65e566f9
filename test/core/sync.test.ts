import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { transitionApplication } from '../../src-server/applications/writes';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import type { ApplicationState } from '../../src-shared/domain/workflow';
import { startDemoServer, type DemoServer } from '../support/demo-server';

/**
 * The core's sync against the real platform server on loopback, each client with its own real cache
 * file: the first sync, a delta, a tombstone, and a resync after a cursor the server does not know.
 */

let server: DemoServer;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await server.close();
});

async function signedInCore(account: string, password: string, dataDir = server.clientDataDir) {
  const core = createAppCore({ serverUrl: server.url, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
  cores.push(core);
  const session = await core.handlers.login({ identifier: account, password });
  const user = session.user;
  if (user === null) throw new Error('login failed');
  const workspace = core.workspace();
  if (workspace === null) throw new Error('no workspace after login');
  await workspace.syncAndWait();
  const unitId = user.memberships[0]?.unitId ?? '';
  return { core, workspace, unitId };
}

async function listAll(core: AppCore, unitId: string) {
  return core.handlers.listApplications({
    unitId,
    state: 'all',
    search: '',
    sortField: 'submittedAt',
    sortOrder: 'descend',
    page: 1,
    pageSize: 200,
  });
}

/** What the server holds for a unit's list: every application of the unit that is not a draft. */
async function serverIdsOfUnit(unitId: string): Promise<string[]> {
  const rows = await server.platform.db
    .selectFrom('applications')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'draft')
    .execute();
  return rows.map((row) => row.id).sort();
}

async function applicantOf(state: ApplicationState) {
  return server.platform.db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select(['a.id', 'a.version', 'u.account'])
    .where('a.state', '=', state)
    .orderBy('a.application_no')
    .executeTakeFirstOrThrow();
}

describe('sync of the unit list', () => {
  it('fills an empty cache with every application of the unit and none of the drafts', async () => {
    const { core, unitId, workspace } = await signedInCore('unitadmin', 'Unit@2026');
    const list = await listAll(core, unitId);
    expect(list.rows.map((row) => row.id).sort()).toEqual(await serverIdsOfUnit(unitId));
    expect(list.counts.unitReview).toBeGreaterThanOrEqual(10);
    expect(list.counts.draft ?? 0).toBe(0);
    expect(workspace.syncStatus()).toMatchObject({ phase: 'idle', cachedCount: list.total });
    expect(workspace.syncStatus().lastSyncedAt).not.toBeNull();
    expect(workspace.integrityCheck()).toEqual([]);
  });

  it('brings a change made on the server (a withdrawal) with the next sync', async () => {
    const { core, unitId, workspace } = await signedInCore('unitadmin', 'Unit@2026');
    const target = await applicantOf('unitReview');
    const token = await loginToken(target.account, DEMO_APPLICANT_PASSWORD);
    const res = await fetch(`${server.url}/api/applicant/applications/${target.id}/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ baseVersion: Number(target.version) }),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    await workspace.syncAndWait();
    const detail = await core.handlers.getApplicationDetail({ id: target.id });
    expect(detail.state).toBe('withdrawn');
    expect(detail.version).toBe(Number(target.version) + 1);
    expect(detail.history.at(-1)).toMatchObject({ action: 'withdraw', toState: 'withdrawn' });
    expect((await listAll(core, unitId)).rows.map((row) => row.id).sort()).toEqual(
      await serverIdsOfUnit(unitId),
    );
  });

  it('removes an application that left the department (tombstone) and keeps the others', async () => {
    const { core, unitId } = await signedInCore('deptadmin', 'Dept@2026');
    const before = await listAll(core, unitId);
    expect(before.counts.deptReview).toBeGreaterThan(0);
    const leaving = await applicantOf('deptReview');

    await server.platform.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', leaving.id)
        .executeTakeFirstOrThrow();
      await transitionApplication(trx, row, {
        transitionId: 'deptReturnToIndividual',
        role: 'deptAdmin',
        actor: { id: null, name: '王芳' },
        now: new Date(),
        baseVersion: Number(row.version),
        comment: '论文发表时间与证明材料不一致,请核实',
      });
    });

    await core.workspace()?.syncAndWait();
    const after = await listAll(core, unitId);
    expect(after.rows.map((row) => row.id)).not.toContain(leaving.id);
    expect(after.total).toBe(before.total - 1);
    await expect(core.handlers.getApplicationDetail({ id: leaving.id })).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('takes a fresh snapshot after a cursor the server does not know, keeping drafts and outbox', async () => {
    const { core, unitId } = await signedInCore('unitadmin', 'Unit@2026');
    const expected = await serverIdsOfUnit(unitId);
    const someId = expected[0] ?? '';
    const file = cacheFileOf(core);
    await core.close();

    // Another server's cursor, an application the server no longer has, and the reviewer's work.
    const raw = new SqliteDatabase(file);
    raw.prepare('update sync_state set cursor = ? where id = 1').run('bm90IGEgY3Vyc29y');
    raw
      .prepare(
        `insert into applications (id, application_no, applicant_name, id_number, qualification,
           application_type, state, version, submit_count, unit_id, unit_name, department_id, year,
           submitted_at, updated_at, publicity_start, publicity_end, search_text, generation)
         select 'gone-application', 'CQ1999-000001', '张三', id_number, qualification, application_type,
           state, version, submit_count, unit_id, unit_name, department_id, year, submitted_at, updated_at,
           publicity_start, publicity_end, search_text, generation
         from applications where id = ?`,
      )
      .run(someId);
    raw
      .prepare(
        `insert into comment_drafts (application_id, target, text, updated_at) values (?, 'basicInfo', ?, ?)`,
      )
      .run(someId, '请补充参保记录', new Date().toISOString());
    raw.close();

    const reopened = await signedInCore('unitadmin', 'Unit@2026');
    const list = await listAll(reopened.core, unitId);
    expect(list.rows.map((row) => row.id).sort()).toEqual(expected);
    const check = new SqliteDatabase(cacheFileOf(reopened.core), { readonly: true });
    const drafts = check.prepare('select text from comment_drafts').all();
    check.close();
    expect(drafts).toEqual([{ text: '请补充参保记录' }]);
  });
});

async function loginToken(identifier: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function cacheFileOf(core: AppCore): string {
  const workspace = core.workspace();
  if (workspace === null) throw new Error('no workspace');
  return workspace.cacheFile;
}
