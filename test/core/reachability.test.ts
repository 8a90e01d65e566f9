import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import type { AppEvent } from '../../src-shared/contracts';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

/**
 * The core notices a server that stopped answering from whichever request finds it first, not only
 * from its next scheduled sync, and tells the windows when it answers again: the real server on
 * loopback behind a proxy that drops every connection while "down".
 */

let server: DemoServer;
let proxy: FaultProxy;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await proxy.close();
  await server.close();
});

/** Signed in and synced; scheduled syncs an hour apart, so that only what the test does can happen. */
async function signedInCore(name: string) {
  const core = createAppCore({
    serverUrl: proxy.url,
    mode: 'remote',
    // A folder per test: two cores must not share a user's cache file.
    dataDir: path.join(server.clientDataDir, name),
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 200,
  });
  cores.push(core);
  await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
  await core.workspace()?.syncAndWait();
  const events: AppEvent[] = [];
  core.events.subscribe((event) => events.push(event));
  return { core, events };
}

const phase = (core: AppCore) => core.workspace()?.syncStatus().phase;
const reachability = (events: AppEvent[]) =>
  events.flatMap((event) => (event.name === 'connection' ? [event.payload.reachable] : []));

describe('reachability', () => {
  it('goes offline at the first request that cannot reach the server, probes, and is back by itself', async () => {
    const { core, events } = await signedInCore('first');
    expect(phase(core)).toBe('idle');
    // The latest connection event is replayed to a window that connects.
    expect(reachability(events)).toEqual([true]);

    proxy.setRule(() => 'drop');
    try {
      // Another screen's call, not a sync: 注册管理员's list of the person's registrations.
      await expect(core.handlers.listMyUnitRegistrations(undefined)).rejects.toMatchObject({
        error: { code: 'SERVER_UNREACHABLE' },
      });
      // At once: the next scheduled sync is an hour away.
      expect(phase(core)).toBe('offline');
      expect(reachability(events)).toEqual([true, false]);
      // The offline probe took over: it keeps trying, and keeps finding the server gone.
      await expect
        .poll(() => events.filter((e) => e.name === 'syncStatus' && e.payload.phase === 'syncing').length)
        .toBeGreaterThanOrEqual(2);
      expect(phase(core)).not.toBe('idle');
    } finally {
      proxy.setRule(null);
    }

    await expect.poll(() => phase(core)).toBe('idle');
    expect(reachability(events)).toEqual([true, false, true]);
  });

  it('ends a sync offline when a request during it could not reach the server', async () => {
    const { core, events } = await signedInCore('during');
    const workspace = core.workspace();
    if (workspace === null) throw new Error('no workspace');
    // The sync's own requests get through; another screen's call made while it runs does not.
    proxy.setRule((request) => (request.path.startsWith('/api/unit-registrations/mine') ? 'drop' : null));
    try {
      const syncing = workspace.syncAndWait();
      await expect(core.handlers.listMyUnitRegistrations(undefined)).rejects.toMatchObject({
        error: { code: 'SERVER_UNREACHABLE' },
      });
      await syncing;
      expect(phase(core)).toBe('offline');
      expect(reachability(events)).toContain(false);
    } finally {
      proxy.setRule(null);
    }
    await expect.poll(() => phase(core)).toBe('idle');
  });
});
