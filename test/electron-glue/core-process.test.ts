import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listApplicationsRequestSchema } from '../../src-shared/contracts';
import {
  forkNodeServer,
  resolveServerEntry,
  superviseEmbeddedServer,
  type EmbeddedServer,
} from '../../src-main/core/embedded-server';
import { MemoryTokenVault } from '../../src-main/core/session/token-vault';
import { startCoreProcess, type HostServices } from '../../src-main/core/core-host/core-process';
import { embeddedDefaultEnv } from '../support/embedded-env';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import type { electronModule, FakeMessagePortMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;
const coreEntry = path.resolve('src-main/electron/core-entry.ts');
const CHILD_TIMEOUT_MS = 60_000;

/** The page's side of its port, as the preload uses it. */
function windowOn(port: FakeMessagePortMain) {
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  const events: { name: string; payload: unknown }[] = [];
  port.on('message', ({ data }) => {
    const answer = data as {
      type: string;
      id: number;
      result: unknown;
      event: { name: string; payload: unknown };
    };
    if (answer.type === 'result') waiting.get(answer.id)?.(answer.result);
    else events.push(answer.event);
  });
  return {
    events,
    post: (message: unknown) => port.postMessage(message),
    call(method: string, input?: unknown) {
      const id = nextId++;
      return new Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>((resolve) => {
        waiting.set(id, resolve as (result: unknown) => void);
        port.postMessage({ id, method, input });
      });
    },
  };
}

function hostServices(vault: MemoryTokenVault, printed: unknown[]): HostServices {
  return {
    'vault.load': () => vault.load(),
    'vault.save': (token) => vault.save(String(token)),
    'vault.clear': () => vault.clear(),
    'printers.list': async () => [{ name: 'hp', displayName: 'HP LaserJet', isDefault: false }],
    'print.pdf': async (pdfBase64, fileName) => {
      printed.push({ bytes: Buffer.from(String(pdfBase64), 'base64').length, fileName });
      return 'printed';
    },
  };
}

let dir: string;
let demo: DemoServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-core-process-'));
  demo = await startDemoServer();
});

afterAll(async () => {
  await demo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the core in its own process', () => {
  it(
    'honours SERVER_URL, answers a window over its port through the gate, and keeps the token in main',
    async () => {
      const vault = new MemoryTokenVault();
      const printed: unknown[] = [];
      const onUnexpectedExit = vi.fn();
      const startServer = vi.fn((): EmbeddedServer => {
        throw new Error('no embedded server with SERVER_URL');
      });
      const core = startCoreProcess<FakeMessagePortMain>({
        fork: () =>
          fake.utilityProcess.fork(coreEntry, [], {
            env: embeddedDefaultEnv({
              SERVER_URL: demo.url,
              SYNC_INTERVAL_SECONDS: '3600',
              OFFLINE_PROBE_SECONDS: '1',
            }),
          }),
        init: {
          dataDir: path.join(dir, 'remote'),
          fontsDir: path.join(dir, 'fonts'),
          configFile: null,
          nativePrinting: true,
          holdServerForFirstScreenMs: null,
        },
        createChannel: () => new fake.MessageChannelMain(),
        startServer,
        host: hostServices(vault, printed),
        onUnexpectedExit,
      });
      // A window that connects before the core is ready waits; its calls are answered once it is.
      const page = windowOn(core.connectWindow(1));
      const early = page.call('getConnection');
      await expect(core.ready).resolves.toEqual({ mode: 'remote', serverUrl: demo.url });
      expect(await early).toMatchObject({
        ok: true,
        value: { mode: 'remote', serverUrl: demo.url, reachable: true, nativePrint: true },
      });
      expect(startServer).not.toHaveBeenCalled();
      const forked = fake.utilityProcess.fork.mock.results.at(-1)?.value as { pid: number };
      expect(forked.pid).not.toBe(process.pid);

      const login = await page.call('login', { identifier: 'unitadmin', password: 'Unit@2026' });
      expect(login).toMatchObject({ ok: true, value: { user: { name: '李明' } } });
      // The token went to main's vault (safeStorage in the app), not into the core's memory alone.
      expect(await vault.load()).toEqual(expect.any(String));
      // 设置's printers come from main (the window's webContents in the app).
      expect(await page.call('listPrinters')).toMatchObject({
        ok: true,
        value: { printers: [{ name: 'hp' }] },
      });

      // The gate in the core's process: unknown methods, bad input and malformed messages.
      expect(await page.call('deleteEverything')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CALL' },
      });
      expect(await page.call('login', { identifier: 'unitadmin' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CALL' },
      });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      page.post('not a call');
      page.post({ id: -1, method: 'getSession' });
      warn.mockRestore();
      expect(await page.call('getSession')).toMatchObject({ ok: true, value: { user: { name: '李明' } } });

      // A second window gets its own port and the core's events.
      const second = windowOn(core.connectWindow(2));
      const unitId = ((login.value as { user: { memberships: { unitId: string }[] } }).user.memberships[0]
        ?.unitId ?? '') as string;
      await second.call('syncNow');
      await vi.waitFor(
        async () => {
          const listed = await second.call(
            'listApplications',
            listApplicationsRequestSchema.parse({ unitId, state: 'all' }),
          );
          expect((listed.value as { total: number }).total).toBeGreaterThan(0);
        },
        { timeout: 30_000, interval: 100 },
      );
      expect(second.events.some((event) => event.name === 'syncStatus')).toBe(true);

      await core.stop();
      expect(onUnexpectedExit).not.toHaveBeenCalled();
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'asks main to start the embedded server, and follows it to its new port after it is killed',
    async () => {
      const vault = new MemoryTokenVault();
      const dataDir = path.join(dir, 'embedded');
      const pids: (number | undefined)[] = [];
      const core = startCoreProcess<FakeMessagePortMain>({
        fork: () =>
          fake.utilityProcess.fork(coreEntry, [], {
            env: embeddedDefaultEnv({ OFFLINE_PROBE_SECONDS: '1' }),
          }),
        init: {
          dataDir,
          fontsDir: path.join(dir, 'fonts'),
          configFile: null,
          nativePrinting: true,
          holdServerForFirstScreenMs: null,
        },
        createChannel: () => new fake.MessageChannelMain(),
        startServer: (onUrl) =>
          superviseEmbeddedServer({
            fork: () => {
              const child = forkNodeServer({
                entry: resolveServerEntry(),
                env: embeddedDefaultEnv({ DATA_DIR: dataDir }),
                onLog: () => {},
              });
              pids.push(child.pid);
              return child;
            },
            onUrl,
            backoffMs: () => 50,
            log: () => {},
          }),
        host: hostServices(vault, []),
        onUnexpectedExit: () => {},
      });
      const ready = await core.ready;
      expect(ready.mode).toBe('embedded');
      const page = windowOn(core.connectWindow(1));
      expect(await page.call('getConnection')).toMatchObject({
        ok: true,
        value: { mode: 'embedded', serverUrl: ready.serverUrl, demo: true, reachable: true },
      });
      expect(await page.call('login', { identifier: 'unitadmin', password: 'Unit@2026' })).toMatchObject({
        ok: true,
      });

      process.kill(pids[0]!, 'SIGKILL');
      await vi.waitFor(
        async () => {
          const connection = await page.call('getConnection');
          expect(connection).toMatchObject({ ok: true, value: { reachable: true } });
          expect((connection.value as { serverUrl: string }).serverUrl).not.toBe(ready.serverUrl);
        },
        { timeout: 60_000, interval: 200 },
      );
      expect(await page.call('getSession')).toMatchObject({ ok: true, value: { user: { name: '李明' } } });
      await core.stop();
    },
    CHILD_TIMEOUT_MS,
  );
});
