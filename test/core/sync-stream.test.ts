import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { openApplicationCache } from '../../src-main/core/cache/application-cache';
import { ServerClient } from '../../src-main/core/server-client/server-client';
import { STREAM_PAGES } from '../../src-main/core/sync/sync-engine';
import { startServer, type RunningServer } from '../../src-server/listen';
import { cachedIdsOf } from '../support/cached-list';
import { addHospitalApplications } from '../support/killed-client';
import { listedIdsOfUnit } from '../support/server-applications';
import { waitForStatus } from '../support/sync-status';

/**
 * The core's first sync over the streamed pull, against the real server on loopback through a proxy
 * that sees every request and can cut an answer in the middle or play a server without the stream:
 * a few answers of STREAM_PAGES pages each, a cut answer that keeps what was applied and resumes from
 * its cursor, and the paged pull for an older server. Also the cache's keepCursor, which lets a page be
 * applied in several transactions with the cursor moving only with the last.
 */

const APPLICATIONS = 300;
const PAGE_SIZE = 20;

let dir: string;
let server: RunningServer;
let unitId: string;
let proxy: CuttingProxy;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-sync-stream-'));
  server = await startServer({
    database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
    filesDir: path.join(dir, 'files'),
    demo: true,
    sessionIdleMinutes: 480,
  });
  unitId = await addHospitalApplications(server.platform, path.join(dir, 'files'), {
    seed: 11,
    count: APPLICATIONS,
    firstIndex: 300_000,
  });
  proxy = await startCuttingProxy(server.url);
}, 120_000);

afterAll(async () => {
  await proxy.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const serverIds = () => listedIdsOfUnit(server.platform.db, unitId);

function coreOf(name: string): AppCore {
  return createAppCore({
    serverUrl: proxy.url,
    mode: 'remote',
    dataDir: path.join(dir, name),
    syncPageSize: PAGE_SIZE,
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 3_600_000,
  });
}

const pullPaths = () => proxy.paths.filter((p) => p.startsWith('/api/sync/applications'));

describe('the first sync over the streamed pull', () => {
  it('fills the cache in a few streamed answers of several pages each', async () => {
    proxy.reset();
    const core = coreOf('whole');
    try {
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      await core.workspace()?.syncAndWait();
      const ids = await cachedIdsOf(core, unitId);
      expect(ids).toEqual(await serverIds());
      expect(core.workspace()?.syncStatus()).toMatchObject({ phase: 'idle', cachedCount: ids.length });
      const pages = Math.ceil(ids.length / PAGE_SIZE);
      const requests = pullPaths();
      expect(requests.every((p) => p.startsWith('/api/sync/applications/stream?'))).toBe(true);
      expect(requests).toHaveLength(Math.ceil(pages / STREAM_PAGES));
      expect(core.workspace()?.cache.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('keeps the pages applied before an answer was cut off, and goes on from there', async () => {
    proxy.reset();
    // The first streamed answer stops in the middle of its fourth page or so.
    proxy.cutStreamAfter = 3.5 * PAGE_SIZE * 4_000;
    const core = coreOf('cut');
    try {
      const offline = waitForStatus(core, (status) => status.phase === 'offline');
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      await offline;
      expect(proxy.cuts).toBe(1);
      const partial = await cachedIdsOf(core, unitId);
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(APPLICATIONS);
      expect(core.workspace()?.cache.integrityCheck()).toEqual([]);

      await core.workspace()?.syncAndWait();
      const ids = await cachedIdsOf(core, unitId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await serverIds());
      // The second run started from the cursor of the last page applied, not from the beginning.
      const resumed = pullPaths().filter((p) => p.startsWith('/api/sync/applications/stream?'))[1] ?? '';
      expect(new URL(resumed, proxy.url).searchParams.get('cursor')).not.toBeNull();
      expect(core.workspace()?.cache.integrityCheck()).toEqual([]);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('pulls page by page from a server that has no streamed pull', async () => {
    proxy.reset();
    proxy.withoutStream = true;
    const core = coreOf('older-server');
    try {
      await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      await core.workspace()?.syncAndWait();
      expect(core.workspace()?.syncStatus()).toMatchObject({ phase: 'idle', error: null });
      expect(await cachedIdsOf(core, unitId)).toEqual(await serverIds());
      const paged = pullPaths().filter((p) => !p.startsWith('/api/sync/applications/stream'));
      expect(paged.length).toBeGreaterThan(STREAM_PAGES);
    } finally {
      proxy.withoutStream = false;
      await core.close();
    }
  }, 60_000);
});

describe('applying a page with keepCursor', () => {
  it('writes the rows and leaves the stored cursor as it was', async () => {
    const client = new ServerClient(server.url);
    const { token } = await client.call('login', { identifier: 'unitadmin', password: 'Unit@2026' });
    const page = await client.call('pullApplications', { limit: 5 }, token);
    if (page.kind !== 'changes') throw new Error('unexpected resync');
    const cache = await openApplicationCache(path.join(dir, 'keep-cursor.sqlite'));
    try {
      cache.sync.applyPage(page, { keepCursor: true });
      expect(cache.queries.count()).toBe(5);
      expect(cache.sync.syncState().cursor).toBeNull();
      cache.sync.applyPage({ ...page, applications: [] });
      expect(cache.sync.syncState().cursor).toBe(page.cursor);
      expect(cache.queries.count()).toBe(5);
    } finally {
      cache.close();
    }
  });
});

interface CuttingProxy {
  url: string;
  /** Every request's path and query, in order. */
  paths: string[];
  /** Cut the next streamed answer after this many bytes of its body (then pass the rest unharmed). */
  cutStreamAfter: number | null;
  cuts: number;
  /** Answer the streamed pull as a server without it does: 404 NOT_FOUND. */
  withoutStream: boolean;
  reset(): void;
  close(): Promise<void>;
}

async function startCuttingProxy(targetUrl: string): Promise<CuttingProxy> {
  const target = new URL(targetUrl);
  const state: Omit<CuttingProxy, 'url' | 'close'> = {
    paths: [],
    cutStreamAfter: null,
    cuts: 0,
    withoutStream: false,
    reset() {
      state.paths = [];
      state.cutStreamAfter = null;
      state.cuts = 0;
      state.withoutStream = false;
    },
  };
  const proxyServer = http.createServer((req, res) => {
    const requestPath = req.url ?? '/';
    state.paths.push(requestPath);
    const streamed = requestPath.startsWith('/api/sync/applications/stream');
    if (streamed && state.withoutStream) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: '请求的接口不存在' } }));
      return;
    }
    const cutAfter = streamed ? state.cutStreamAfter : null;
    if (cutAfter !== null) state.cutStreamAfter = null;
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: requestPath,
        headers: { ...req.headers, host: target.host },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (cutAfter !== null && sent + chunk.length > cutAfter) {
            res.write(chunk.subarray(0, Math.max(0, cutAfter - sent)));
            state.cuts += 1;
            answer.destroy();
            res.destroy();
            return;
          }
          sent += chunk.length;
          res.write(chunk);
        });
        answer.on('end', () => res.end());
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
  const { port } = proxyServer.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        proxyServer.close((error) => (error ? reject(error) : resolve()));
        proxyServer.closeAllConnections();
      }),
  });
}
