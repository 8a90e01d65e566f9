import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { ServerClient } from '../../src-main/core/server-client/server-client';
import { transitionApplication } from '../../src-server/applications/writes';
import { onePagePdf } from '../../src-server/demo/licence-pdf';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import type { ApplicationContent } from '../../src-shared/domain/catalog';
import type { ApplicationState } from '../../src-shared/domain/workflow';
import { listCached } from '../support/cached-list';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import { startFaultProxy } from '../support/fault-proxy';
import { listedIdsOfUnit } from '../support/server-applications';

/**
 * The core's sync against the real platform server on loopback, each client with its own real cache
 * file: the first sync, a delta, a tombstone, a resync after a cursor the server does not know, and the
 * scans fetched after each sync for offline viewing.
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

async function signedInCore(
  account: string,
  password: string,
  dataDir = server.clientDataDir,
  serverUrl = server.url,
) {
  const core = createAppCore({ serverUrl, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
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

const serverIdsOfUnit = (unitId: string) => listedIdsOfUnit(server.platform.db, unitId);

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
    const list = await listCached(core, unitId);
    expect(list.rows.map((row) => row.id).sort()).toEqual(await serverIdsOfUnit(unitId));
    expect(list.counts.unitReview).toBeGreaterThanOrEqual(10);
    expect(list.counts.draft ?? 0).toBe(0);
    expect(workspace.syncStatus()).toMatchObject({ phase: 'idle', cachedCount: list.total });
    expect(workspace.syncStatus().lastSyncedAt).not.toBeNull();
    expect(workspace.cache.integrityCheck()).toEqual([]);
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
    expect((await listCached(core, unitId)).rows.map((row) => row.id).sort()).toEqual(
      await serverIdsOfUnit(unitId),
    );
  });

  it('removes an application that left the department (tombstone) and keeps the others', async () => {
    const { core, unitId } = await signedInCore('deptadmin', 'Dept@2026');
    const before = await listCached(core, unitId);
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
    const after = await listCached(core, unitId);
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
    const list = await listCached(reopened.core, unitId);
    expect(list.rows.map((row) => row.id).sort()).toEqual(expected);
    const check = new SqliteDatabase(cacheFileOf(reopened.core), { readonly: true });
    const drafts = check.prepare('select text from comment_drafts').all();
    check.close();
    expect(drafts).toEqual([{ text: '请补充参保记录' }]);
  });
});

describe('scans for offline viewing', () => {
  it('fetches the scans a delta brought, looking at those alone; the next start looks at all', async () => {
    const dataDir = path.join(server.clientDataDir, 'scans');
    const { core, workspace } = await signedInCore('unitadmin', 'Unit@2026', dataDir);
    // The first sync after the start fetched every scan of the cache.
    expect(missingScans(core)).toEqual([]);

    const changed = await resubmitWithNewScan();
    // A scan other applications still refer to goes missing from the cache, as if never fetched.
    const raw = new SqliteDatabase(cacheFileOf(core));
    raw.prepare('delete from attachment_blobs where sha256 = ?').run(changed.replacedSha256);
    raw.close();

    await workspace.syncAndWait();
    const detail = await core.handlers.getApplicationDetail({ id: changed.id });
    expect(detail.attachments.map((attachment) => attachment.sha256)).toContain(changed.addedSha256);
    expect(detail.attachments.filter((attachment) => !attachment.cached)).toEqual([]);
    // The delta looked only at the application it brought: the scan missing elsewhere was not fetched.
    expect(missingScans(core)).toEqual([changed.replacedSha256]);

    await core.close();
    const restarted = await signedInCore('unitadmin', 'Unit@2026', dataDir);
    expect(missingScans(restarted.core)).toEqual([]);
  });

  it('fetches on the next sync what a prefetch cut off by the network left', async () => {
    const proxy = await startFaultProxy(server.url);
    const dataDir = path.join(server.clientDataDir, 'scans-cut-off');
    const { core, workspace } = await signedInCore('unitadmin', 'Unit@2026', dataDir, proxy.url);
    try {
      expect(missingScans(core)).toEqual([]);
      const changed = await resubmitWithNewScan();
      proxy.setRule((request) => (request.path.includes('/attachments/') ? 'drop' : null));
      await workspace.syncAndWait();
      expect((await core.handlers.getApplicationDetail({ id: changed.id })).state).toBe('unitReview');
      expect(missingScans(core)).toEqual([changed.addedSha256]);

      // Nothing new on the server: the next sync brings no application, and still fetches the scan.
      proxy.setRule(null);
      await workspace.syncAndWait();
      expect(missingScans(core)).toEqual([]);
    } finally {
      await core.close();
      await proxy.close();
    }
  });
});

/** Hashes of the scans the cache's applications refer to and the cache lacks. */
function missingScans(core: AppCore): string[] {
  const raw = new SqliteDatabase(cacheFileOf(core), { readonly: true });
  try {
    const rows = raw
      .prepare(
        `select distinct sha256 from application_attachments a
          where not exists (select 1 from attachment_blobs b where b.sha256 = a.sha256)
          order by sha256`,
      )
      .all() as { sha256: string }[];
    return rows.map((row) => row.sha256);
  } finally {
    raw.close();
  }
}

/**
 * The applicant of an application 退回 (a different one at each call) uploads a new scan in place of
 * one of the demo scans the application refers to, wherever it does, and resubmits. Other applications
 * still refer to the replaced scan. Returns the application and both hashes.
 */
async function resubmitWithNewScan(): Promise<{ id: string; replacedSha256: string; addedSha256: string }> {
  const target = await applicantOf('unitReturned');
  const replaced = await server.platform.db
    .selectFrom('application_files as af')
    .innerJoin('files as f', 'f.id', 'af.file_id')
    .select(['f.id', 'f.sha256'])
    .where('af.application_id', '=', target.id)
    .orderBy('f.id')
    .executeTakeFirstOrThrow();

  const applicant = new ServerClient(server.url);
  const { token } = await applicant.call('login', {
    identifier: target.account,
    password: DEMO_APPLICANT_PASSWORD,
  });
  // A scan of its own (a different hash every time); nothing may follow a PDF's %%EOF, so no appended comment.
  const scan = onePagePdf(['DEMO SCAN: SUPPORTING DOCUMENT', randomUUID()]);
  const added = await applicant.call(
    'uploadLicence',
    { fileName: '其他证明材料.pdf', contentBase64: scan.toString('base64') },
    token,
  );
  const { applications } = await applicant.call('listMyApplications', {}, token);
  const own = applications.find((application) => application.id === target.id);
  if (own === undefined) throw new Error('the applicant does not see their application');
  const swap = (values: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, value === replaced.id ? added.fileId : value]),
    );
  const content = Object.fromEntries(
    Object.entries(own.content).map(([key, section]) => [
      key,
      Array.isArray(section) ? section.map(swap) : swap(section),
    ]),
  ) as ApplicationContent;
  const saved = await applicant.call(
    'saveApplicationDraft',
    { id: own.id, baseVersion: own.version, unitId: own.unitId, content },
    token,
  );
  await applicant.call('resubmitApplication', { id: own.id, baseVersion: saved.version }, token);
  return {
    id: target.id,
    replacedSha256: replaced.sha256,
    addedSha256: createHash('sha256').update(scan).digest('hex'),
  };
}

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
