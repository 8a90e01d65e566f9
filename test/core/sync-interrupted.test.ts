import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import type { ServerConfig } from '../../src-server/config';
import { iterateApplications } from '../../src-server/demo/applications/generator';
import { insertGeneratedApplications, storeDemoScans } from '../../src-server/demo/demo-applications';
import { directoryFileStorage } from '../../src-server/files/storage';
import { hashPassword } from '../../src-server/identity/passwords';
import { startServer, type RunningServer } from '../../src-server/listen';
import type { SyncStatus } from '../../src-shared/contracts';
import { closedPort } from '../support/closed-port';

/**
 * A sync cut off half way resumes with nothing lost or duplicated: once with the server stopped under it
 * (the client notices the server's return by itself), once with the client process killed (SIGKILL)
 * between pages. Afterwards the cache holds exactly the server's applications and passes the integrity
 * check.
 */

const APPLICATIONS = 1_500;
const PAGE_SIZE = 50;

let dir: string;
let config: ServerConfig;
let port: number;
let server: RunningServer;
let unitId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-sync-cut-'));
  config = {
    database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
    filesDir: path.join(dir, 'files'),
    demo: true,
    sessionIdleMinutes: 480,
  };
  port = await closedPort();
  server = await startServer(config, { port });
  const db = server.platform.db;
  const unit = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'name'])
    .where('name', '=', '重庆市示例人民医院')
    .executeTakeFirstOrThrow();
  unitId = unit.id;
  const now = new Date();
  const scans = await storeDemoScans(db, directoryFileStorage(path.join(dir, 'files')), now.toISOString());
  await insertGeneratedApplications(
    db,
    {
      unitId: unit.id,
      departmentId: unit.parent_id,
      unitAdmin: { id: null, name: '李明' },
      deptAdmin: { id: null, name: '王芳' },
      applicantPasswordHash: await hashPassword('Bench@2026'),
    },
    scans,
    iterateApplications({
      seed: 7,
      count: APPLICATIONS,
      now,
      employer: unit.name,
      firstIndex: 100_000,
      states: ['unitReview'],
    }),
  );
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function serverIds(): Promise<string[]> {
  const rows = await server.platform.db
    .selectFrom('applications')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'draft')
    .execute();
  return rows.map((row) => row.id).sort();
}

async function cachedIds(core: AppCore): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const list = await core.handlers.listApplications({
      unitId,
      state: 'all',
      search: '',
      sortField: 'applicationNo',
      sortOrder: 'ascend',
      page,
      pageSize: 200,
    });
    ids.push(...list.rows.map((row) => row.id));
    if (ids.length >= list.total) return ids.sort();
  }
}

function waitForStatus(core: AppCore, accept: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((event) => {
      if (event.name === 'syncStatus' && accept(event.payload)) {
        queueMicrotask(() => unsubscribe());
        resolve(event.payload);
      }
    });
  });
}

describe('an interrupted sync', () => {
  it('resumes by itself after the server stopped half way and came back', async () => {
    const dataDir = path.join(dir, 'client-a');
    const core = createAppCore({
      serverUrl: server.url,
      mode: 'remote',
      dataDir,
      syncPageSize: PAGE_SIZE,
      offlineProbeMs: 200,
      syncIntervalMs: 3_600_000,
    });
    try {
      const halfway = waitForStatus(core, (status) => (status.progress?.received ?? 0) >= 300);
      const offline = waitForStatus(core, (status) => status.phase === 'offline');
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      await halfway;
      await server.close();
      await offline;
      const partial = await core.handlers.listApplications({
        unitId,
        state: 'all',
        search: '',
        sortField: 'submittedAt',
        sortOrder: 'descend',
        page: 1,
        pageSize: 20,
      });
      // The pages applied before the stop are there and usable offline.
      expect(partial.total).toBeGreaterThanOrEqual(300);
      expect(partial.total).toBeLessThan(APPLICATIONS);

      const idle = waitForStatus(core, (status) => status.phase === 'idle' && status.lastSyncedAt !== null);
      server = await startServer(config, { port });
      await idle;
      const ids = await cachedIds(core);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await serverIds());
      expect(core.workspace()?.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('resumes from the last applied page after the client process was killed', async () => {
    const dataDir = path.join(dir, 'client-b');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/sync-child.ts',
        server.url,
        dataDir,
        'unitadmin',
        'Unit@2026',
        String(PAGE_SIZE),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    let killedAt = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const event = JSON.parse(line) as { done?: boolean; payload?: SyncStatus };
      if (event.done) break;
      const received = event.payload?.progress?.received ?? 0;
      if (received >= 400) {
        killedAt = received;
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(400);

    const core = createAppCore({ serverUrl: server.url, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
    try {
      // What the killed process committed is intact; the new sync continues from its cursor.
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      const workspace = core.workspace();
      expect(workspace?.integrityCheck()).toEqual([]);
      await workspace?.syncAndWait();
      const ids = await cachedIds(core);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await serverIds());
      expect(workspace?.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);
});
