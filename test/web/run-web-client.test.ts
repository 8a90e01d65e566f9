import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listApplicationsRequestSchema } from '../../src-shared/contracts';
import { beginWebClient, runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { handlersOver } from '../support/app-calls';
import { standInWebHostEnv } from '../support/embedded-env';

/**
 * `npm run web` as a whole, on loopback: the embedded server in a child process of its own and the core
 * in a worker thread (never on the host's event loop); the server, supervised and killed outright, comes
 * back and the signed-in user stays signed in.
 */
let client: RunningWebClient;

const CHILD_TIMEOUT_MS = 90_000;

/** A fresh data folder and a stand-in renderer page; the embedded default, whatever the caller's shell says. */
async function freshWebEnv(): Promise<NodeJS.ProcessEnv> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-web-client-'));
  folders.push(root);
  return standInWebHostEnv(root, { OFFLINE_PROBE_SECONDS: '1' });
}

const folders: string[] = [];

beforeAll(async () => {
  client = await runWebClient(await freshWebEnv());
}, CHILD_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('the web client', () => {
  it(
    'runs the embedded server in a child process and the core in a thread, neither on its own loop',
    async () => {
      const pid = client.serverPid();
      expect(pid).not.toBeNull();
      expect(pid).not.toBe(process.pid);
      expect(await client.started).toEqual({ mode: 'embedded' });
      const connection = await handlersOver(client.call).getConnection(undefined);
      expect(connection).toMatchObject({ mode: 'embedded', reachable: true, demo: true });
      expect(connection.serverUrl).toBe(client.serverUrl);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'reconnects to a restarted server after the child is killed, and the user stays signed in',
    async () => {
      const handlers = handlersOver(client.call);
      const session = await handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      expect(session.user?.name).toBe('李明');
      const unitId = session.user?.memberships[0]?.unitId ?? '';
      const listInput = listApplicationsRequestSchema.parse({ unitId, state: 'all' });
      await handlers.syncNow(undefined);
      const before = await vi.waitFor(
        async () => {
          const listed = await handlers.listApplications(listInput);
          expect(listed.total).toBeGreaterThan(0);
          return listed;
        },
        { timeout: 30_000, interval: 100 },
      );
      const firstPid = client.serverPid();
      const firstUrl = client.serverUrl;

      process.kill(firstPid!, 'SIGKILL');
      await vi.waitFor(
        () => {
          const pid = client.serverPid();
          expect(pid).not.toBeNull();
          expect(pid).not.toBe(firstPid);
          // A restarted server listens on a new port: the core has been given it.
          expect(client.serverUrl).not.toBe(firstUrl);
        },
        { timeout: 60_000, interval: 100 },
      );

      const after = await handlers.getSession(undefined);
      expect(after.user?.name).toBe('李明');
      const connection = await handlers.getConnection(undefined);
      expect(connection).toMatchObject({ reachable: true, serverUrl: client.serverUrl });
      // The new core serves the same cache and reaches the server with the kept token.
      expect((await handlers.listApplications(listInput)).total).toBe(before.total);
      await expect(handlers.syncNow(undefined)).resolves.toBeDefined();
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    "relays the core thread's warnings to the host's console, where its log captures them",
    async () => {
      const env = await freshWebEnv();
      const configFile = path.join(env.DATA_DIR ?? '', '..', 'zhicheng.config.json');
      await writeFile(configFile, '{ not json');
      const warn = vi.spyOn(console, 'warn');
      const starting = await beginWebClient({ ...env, ZHICHENG_CONFIG_FILE: configFile });
      try {
        await vi.waitFor(
          () => {
            const lines = warn.mock.calls.map((args) => args.map(String).join(' '));
            expect(
              lines.some((line) => line.startsWith('[core]') && line.includes('zhicheng.config.json')),
            ).toBe(true);
          },
          { timeout: 30_000, interval: 50 },
        );
      } finally {
        warn.mockRestore();
        await starting.close();
      }
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'answers the login screen before the embedded server has started; other calls wait for it',
    async () => {
      const starting = await beginWebClient(await freshWebEnv());
      try {
        const order: string[] = [];
        const handlers = handlersOver(starting.call);
        void starting.started.then(() => order.push('server started'));
        const session = handlers.getSession(undefined).then((answer) => {
          order.push('getSession');
          return answer;
        });
        const connection = handlers.getConnection(undefined).then((answer) => {
          order.push('getConnection');
          return answer;
        });
        // Nobody can be signed in with no token kept, so the login screen needs no server.
        await expect(session).resolves.toEqual({ user: null });
        await expect(connection).resolves.toMatchObject({ mode: 'embedded', reachable: true });
        expect(order).toEqual(['getSession', 'server started', 'getConnection']);
      } finally {
        await starting.close();
      }
    },
    CHILD_TIMEOUT_MS,
  );
});
