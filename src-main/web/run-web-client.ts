import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ConnectionInfo, Result } from '../../src-shared/contracts';
import type { AppEventHub } from '../core/app-api/app-event-hub';
import { startCoreProcess } from '../core/core-host/core-process';
import { defaultDataDir } from '../core/data-dir';
import { forkNodeServer, resolveServerEntry, superviseEmbeddedServer } from '../core/embedded-server';
import { relayLogLines, type Log, type OutputLineSink } from '../core/log/file-log';
import { MemoryTokenVault } from '../core/session/token-vault';
import { corePortClient } from './core-port-client';
import { coreWorkerEntryFrom, forkCoreThread, type CoreWorkerEntry } from './core-thread';
import { startWebHost, type WebHost } from './host';
import type { SharedClock } from './shared-clock';

/**
 * The renderer build, found from the module at `moduleUrl`: the source (src-main/web/*.ts, run by tsx)
 * uses the repository's dist/renderer; the bundle (dist/web/cli.js) the renderer folder beside its own.
 * cli.ts passes its own URL, since it is always the bundle's entry file, never a shared chunk.
 */
export function rendererDirFrom(moduleUrl: string): string {
  const relative = moduleUrl.endsWith('.ts') ? '../../dist/renderer' : '../renderer';
  return fileURLToPath(new URL(relative, moduleUrl));
}

export interface WebClientOverrides {
  /** The renderer build (default: found from this module). */
  rendererDir?: string;
  /** The core thread's entry (default: found from this module). */
  coreWorker?: CoreWorkerEntry;
  /** For end-to-end journeys: a clock the test moves, read by the core thread too. */
  clock?: SharedClock;
  /**
   * The host's log (cli.ts passes its file log): the core thread's and the server's output lines go into
   * it, each with its own level (relayLogLines). Absent: they go to this process's console as they are.
   */
  log?: Log;
}

export interface RunningWebClient {
  host: WebHost;
  /** Settles once the core is connected to its server (rejects if the embedded server never listened). */
  readonly started: Promise<{ mode: ConnectionInfo['mode'] }>;
  /** The server the core talks to now (an embedded server that restarted may be on another port). */
  readonly serverUrl: string;
  /** An app call as the browser's take it (through the core's gate, in the core's thread). */
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  /** The core's events, as the pages hear them. */
  readonly events: Pick<AppEventHub, 'subscribe'>;
  /** Settles with the exit code if the core's thread ends without being asked to. */
  readonly unexpectedExit: Promise<number>;
  /** The embedded server's process id, null with a central server or while it restarts (tests). */
  serverPid(): number | null;
  close(): Promise<void>;
}

/**
 * How long the embedded server waits for the window's first screen at most (holdServerForFirstScreenMs):
 * a page opened at once asks sooner; with nobody opening one, the server starts anyway.
 */
export const SERVER_HOLD_MS = 1000;

/**
 * The web client, once its server answers (tests, the bench): see beginWebClient. Nobody is drawing a
 * first screen while it waits, so the server starts at once.
 */
export async function runWebClient(
  env: NodeJS.ProcessEnv = process.env,
  overrides: WebClientOverrides = {},
): Promise<RunningWebClient> {
  const client = await composeWebClient(env, overrides, null);
  await client.started.catch(async (error: unknown) => {
    await client.close();
    throw error;
  });
  return client;
}

/**
 * The embedded default in a browser: the platform server in a child process of its own, on loopback
 * over a SQLite file in the data folder (seeded with demo data on first start), the core in a worker
 * thread connected to it, and the web host serving the renderer on this thread. With SERVER_URL set,
 * the core talks to that server instead and none is started. Three event loops, as in Electron: the
 * server's queries and large pages, and the core's sync applying them, never stall the host's answers
 * to the window. The host listens while the core and the server are still starting (`started`): the
 * login screen needs no server, so the server's start waits until the page has it (or SERVER_HOLD_MS),
 * and does not take the CPU the page needs to draw it.
 */
export function beginWebClient(
  env: NodeJS.ProcessEnv = process.env,
  overrides: WebClientOverrides = {},
): Promise<RunningWebClient> {
  return composeWebClient(env, overrides, SERVER_HOLD_MS);
}

async function composeWebClient(
  env: NodeJS.ProcessEnv,
  overrides: WebClientOverrides,
  holdServerForFirstScreenMs: number | null,
): Promise<RunningWebClient> {
  const dataDir = defaultDataDir(env);
  const serverPort = numberFromEnv(env.SERVER_PORT, 0);
  const webPort = numberFromEnv(env.WEB_PORT, 0);
  let pid: number | null = null;
  let serverUrl = '';
  let markUnexpectedExit!: (code: number) => void;
  const unexpectedExit = new Promise<number>((resolve) => (markUnexpectedExit = resolve));
  // The browser's session token lives as long as the host: a page reload keeps the user signed in.
  const tokenVault = new MemoryTokenVault();
  const noNativePrinting = async () => {
    throw new Error('the web host has no native printing');
  };

  const relay = (source: string) =>
    overrides.log === undefined ? {} : { onLog: intoLogAndTerminal(overrides.log, source) };

  const core = startCoreProcess<MessagePort>({
    fork: () =>
      forkCoreThread({
        entry: overrides.coreWorker ?? coreWorkerEntryFrom(import.meta.url),
        env,
        ...(overrides.clock === undefined ? {} : { clock: overrides.clock }),
        ...relay('core'),
      }),
    init: {
      dataDir,
      fontsDir: null,
      configFile: env.ZHICHENG_CONFIG_FILE ?? null,
      nativePrinting: false,
      holdServerForFirstScreenMs,
    },
    createChannel: () => new MessageChannel(),
    startServer: (onUrl) => {
      const entry = resolveServerEntry();
      return superviseEmbeddedServer({
        fork: () => {
          const child = forkNodeServer({
            entry,
            env: { ...env, DATA_DIR: dataDir, EMBEDDED_SERVER_PORT: String(serverPort) },
            ...relay('server'),
          });
          pid = child.pid ?? null;
          child.onExit(() => (pid = null));
          return child;
        },
        onUrl: (url) => {
          serverUrl = url;
          onUrl(url);
        },
        onGiveUp: (reason) => console.error(`[web] 内置服务器已停止运行:${reason}`),
      });
    },
    host: {
      'vault.load': () => tokenVault.load(),
      'vault.save': (token) => tokenVault.save(String(token)),
      'vault.clear': () => tokenVault.clear(),
      'printers.list': noNativePrinting,
      'print.pdf': noNativePrinting,
    },
    onUnexpectedExit: (code) => {
      console.error(`[web] 核心线程意外退出(代码 ${code})`);
      port.fail();
      markUnexpectedExit(code);
    },
  });
  const port = corePortClient(core.connectWindow(0));
  const started = core.ready.then(({ mode, serverUrl: url }) => {
    serverUrl ||= url;
    return { mode };
  });
  // A caller that only closes must not see an unhandled rejection.
  started.catch(() => {});

  const host = await startWebHost({
    call: (method, input) => port.call(method, input),
    events: port.events,
    rendererDir: env.RENDERER_DIR || overrides.rendererDir || rendererDirFrom(import.meta.url),
    port: webPort,
  }).catch(async (error: unknown) => {
    // The core and the server are already starting: a host that cannot listen must not leave them.
    await core.stop();
    throw error;
  });
  return {
    host,
    started,
    get serverUrl() {
      return serverUrl;
    },
    call: (method, input) => port.call(method, input),
    events: port.events,
    unexpectedExit,
    serverPid: () => pid,
    close: async () => {
      await host.close();
      await core.stop();
      port.fail();
    },
  };
}

/**
 * A child's line into the host's log, and onto this process's own stdout or stderr as the console showed
 * it before: written there directly, since a console that installConsoleCapture feeds into the same log
 * would write it twice.
 */
function intoLogAndTerminal(log: Log, source: string): OutputLineSink {
  const relay = relayLogLines(log, source);
  return (line, stream) => {
    try {
      (stream === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
    } catch {
      // A closed terminal loses the echo, not the log's line.
    }
    relay(line, stream);
  };
}

function numberFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port number: ${value}`);
  }
  return port;
}
