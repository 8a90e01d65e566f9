import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../src-main/core/app-core';
import type { ServerConfig } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';
import type { SyncStatus } from '../../src-shared/contracts';
import { cachedIdsOf, listCached } from '../support/cached-list';
import { closedPort } from '../support/closed-port';
import { addHospitalApplications, spawnClient } from '../support/killed-client';
import { listedIdsOfUnit } from '../support/server-applications';
import { waitForStatus } from '../support/sync-status';

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
  unitId = await addHospitalApplications(server.platform, path.join(dir, 'files'), {
    seed: 7,
    count: APPLICATIONS,
    firstIndex: 100_000,
  });
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const serverIds = () => listedIdsOfUnit(server.platform.db, unitId);

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
      const partial = await listCached(core, unitId, { pageSize: 20 });
      // The pages applied before the stop are there and usable offline.
      expect(partial.total).toBeGreaterThanOrEqual(300);
      expect(partial.total).toBeLessThan(APPLICATIONS);

      const idle = waitForStatus(core, (status) => status.phase === 'idle' && status.lastSyncedAt !== null);
      server = await startServer(config, { port });
      await idle;
      const ids = await cachedIdsOf(core, unitId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await serverIds());
      expect(core.workspace()?.cache.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('resumes from the last applied page after the client process was killed', async () => {
    const dataDir = path.join(dir, 'client-b');
    const child = spawnClient<{ done?: boolean; payload?: SyncStatus }>('test/support/sync-child.ts', [
      server.url,
      dataDir,
      'unitadmin',
      'Unit@2026',
      String(PAGE_SIZE),
    ]);
    let killedAt = 0;
    for await (const event of child.lines) {
      if (event.done) break;
      const received = event.payload?.progress?.received ?? 0;
      if (received >= 400) {
        killedAt = received;
        child.kill();
        break;
      }
    }
    await child.expectKilled('the syncing client');
    expect(killedAt).toBeGreaterThanOrEqual(400);

    const core = createAppCore({ serverUrl: server.url, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
    try {
      // What the killed process committed is intact; the new sync continues from its cursor.
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      const workspace = core.workspace();
      expect(workspace?.cache.integrityCheck()).toEqual([]);
      await workspace?.syncAndWait();
      const ids = await cachedIdsOf(core, unitId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await serverIds());
      expect(workspace?.cache.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);
});
