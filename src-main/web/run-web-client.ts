import { fileURLToPath } from 'node:url';
import type { AppCore, AppCoreOptions } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { forkNodeServer, resolveServerEntry, superviseEmbeddedServer } from '../core/embedded-server';
import { beginClient, type StartingClient } from '../core/start-client';
import { startWebHost, type WebHost } from './host';

/**
 * The renderer build, found from the module at `moduleUrl`: the source (src-main/web/*.ts, run by tsx)
 * uses the repository's dist/renderer; the bundle (dist/web/cli.js) the renderer folder beside its own.
 * cli.ts passes its own URL, since it is always the bundle's entry file, never a shared chunk.
 */
export function rendererDirFrom(moduleUrl: string): string {
  const relative = moduleUrl.endsWith('.ts') ? '../../dist/renderer' : '../renderer';
  return fileURLToPath(new URL(relative, moduleUrl));
}

export interface RunningWebClient {
  host: WebHost;
  /** The server the core talks to now (an embedded server that restarted may be on another port). */
  readonly serverUrl: string;
  /** The current core (replaced when the embedded server restarts). */
  readonly core: AppCore;
  /** The client behind the host: its mode, its server, its core, and whether it has started. */
  client: StartingClient;
  /** The embedded server's process id, null with a central server or while it restarts (tests). */
  serverPid(): number | null;
  close(): Promise<void>;
}

/**
 * How long the embedded server waits for the window's first screen at most (holdServerForFirstScreenMs):
 * a page opened at once asks sooner; with nobody opening one, the server starts anyway.
 */
export const SERVER_HOLD_MS = 1000;

type WebClientOverrides = Pick<AppCoreOptions, 'now'> & { rendererDir?: string };

/**
 * The web client, once its server answers (tests, the bench): see beginWebClient. Nobody is drawing a
 * first screen while it waits, so the server starts at once.
 */
export async function runWebClient(
  env: NodeJS.ProcessEnv = process.env,
  overrides: WebClientOverrides = {},
): Promise<RunningWebClient> {
  const client = await composeWebClient(env, overrides, undefined);
  await client.client.started.catch(async (error: unknown) => {
    await client.close();
    throw error;
  });
  return client;
}

/**
 * The embedded default in a browser: the platform server in a child process of its own, on loopback
 * over a SQLite file in the data folder (seeded with demo data on first start), the core connected to
 * it, and the web host serving the renderer. With SERVER_URL set, the client talks to that server
 * instead and starts none. The server never shares the core's event loop: its queries and large pages
 * would stall the host's answers to the window. The host listens before the server has started
 * (client.started settles when it is up): the login screen needs no server, so the server's start waits
 * until the page has it, and does not take the CPU the page needs to draw it.
 */
export function beginWebClient(
  env: NodeJS.ProcessEnv = process.env,
  /** For end-to-end journeys: the core's clock (see AppCoreOptions.now). */
  overrides: WebClientOverrides = {},
): Promise<RunningWebClient> {
  // The server starts once the page has its login screen (or after SERVER_HOLD_MS): see
  // ClientSettings.holdServerForFirstScreenMs.
  return composeWebClient(env, overrides, SERVER_HOLD_MS);
}

async function composeWebClient(
  env: NodeJS.ProcessEnv,
  overrides: WebClientOverrides,
  holdServerForFirstScreenMs: number | undefined,
): Promise<RunningWebClient> {
  const { rendererDir = rendererDirFrom(import.meta.url), ...coreOverrides } = overrides;
  const dataDir = defaultDataDir(env);
  const serverPort = numberFromEnv(env.SERVER_PORT, 0);
  let pid: number | null = null;
  const client = await beginClient({
    dataDir,
    env,
    configFile: env.ZHICHENG_CONFIG_FILE ?? null,
    warn: (message) => console.warn('[web]', message),
    core: coreOverrides,
    ...(holdServerForFirstScreenMs === undefined ? {} : { holdServerForFirstScreenMs }),
    startEmbeddedServer: (onUrl, startAfter) => {
      const entry = resolveServerEntry();
      return superviseEmbeddedServer({
        ...(startAfter === undefined ? {} : { startAfter }),
        fork: () => {
          const child = forkNodeServer({
            entry,
            env: { ...env, DATA_DIR: dataDir, EMBEDDED_SERVER_PORT: String(serverPort) },
          });
          pid = child.pid ?? null;
          child.onExit(() => (pid = null));
          return child;
        },
        onUrl,
        onGiveUp: (reason) => console.error(`[web] 内置服务器已停止运行:${reason}`),
      });
    },
  });
  const host = await startWebHost({
    handlers: client.handlers,
    events: client.events,
    rendererDir: env.RENDERER_DIR || rendererDir,
    port: numberFromEnv(env.WEB_PORT, 0),
  }).catch(async (error: unknown) => {
    // The server is already starting: a host that cannot listen must not leave it behind.
    await client.close();
    throw error;
  });
  return {
    host,
    get serverUrl() {
      return client.serverUrl();
    },
    get core() {
      return client.core();
    },
    client,
    serverPid: () => pid,
    close: async () => {
      await host.close();
      await client.close();
    },
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
