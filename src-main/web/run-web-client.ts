import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCore, AppCoreOptions } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { forkNodeServer, resolveServerEntry, superviseEmbeddedServer } from '../core/embedded-server';
import { startClient, type RunningClient } from '../core/start-client';
import { startWebHost, type WebHost } from './host';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningWebClient {
  host: WebHost;
  /** The server the core talks to now (an embedded server that restarted may be on another port). */
  readonly serverUrl: string;
  /** The current core (replaced when the embedded server restarts). */
  readonly core: AppCore;
  /** The client behind the host: its mode, its server, its core. */
  client: RunningClient;
  /** The embedded server's process id, null with a central server or while it restarts (tests). */
  serverPid(): number | null;
  close(): Promise<void>;
}

/**
 * The embedded default in a browser: the platform server in a child process of its own, on loopback
 * over a SQLite file in the data folder (seeded with demo data on first start), the core connected to
 * it, and the web host serving the renderer. With SERVER_URL set, the client talks to that server
 * instead and starts none. The server never shares the core's event loop: its queries and large pages
 * would stall the host's answers to the window.
 */
export async function runWebClient(
  env: NodeJS.ProcessEnv = process.env,
  /** For end-to-end journeys: the core's clock (see AppCoreOptions.now). */
  overrides: Pick<AppCoreOptions, 'now'> = {},
): Promise<RunningWebClient> {
  const dataDir = defaultDataDir(env);
  const serverPort = numberFromEnv(env.SERVER_PORT, 0);
  let pid: number | null = null;
  const client = await startClient({
    dataDir,
    env,
    configFile: env.ZHICHENG_CONFIG_FILE ?? null,
    warn: (message) => console.warn('[web]', message),
    core: overrides,
    startEmbeddedServer: (onUrl) => {
      const entry = resolveServerEntry();
      return superviseEmbeddedServer({
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
    rendererDir: env.RENDERER_DIR ?? path.join(repoRoot, 'dist', 'renderer'),
    port: numberFromEnv(env.WEB_PORT, 0),
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
