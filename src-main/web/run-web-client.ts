import { fileURLToPath } from 'node:url';
import { startServer } from '../../src-server/listen';
import { serverConfigFromEnv } from '../../src-server/config';
import { createAppCore, type AppCore, type AppCoreOptions } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { AppSettingsStore } from '../core/settings/app-settings-store';
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
  serverUrl: string;
  core: AppCore;
  close(): Promise<void>;
}

/**
 * The embedded default in a browser: the platform server on loopback over a SQLite file in the data
 * folder (seeded with demo data on first start), the core connected to it, and the web host serving
 * the renderer. With SERVER_URL set, the client talks to that server instead and starts none.
 */
export async function runWebClient(
  env: NodeJS.ProcessEnv = process.env,
  /** For end-to-end journeys: the core's clock (see AppCoreOptions.now). */
  overrides: Pick<AppCoreOptions, 'now'> & { rendererDir?: string } = {},
): Promise<RunningWebClient> {
  const { rendererDir = rendererDirFrom(import.meta.url), ...coreOverrides } = overrides;
  const dataDir = defaultDataDir(env);
  // SERVER_URL (the web host's own name for it) counts as the administrator's ZHICHENG_SERVER_URL.
  const settings = new AppSettingsStore({
    dataDir,
    env: { ...env, ZHICHENG_SERVER_URL: env.ZHICHENG_SERVER_URL || env.SERVER_URL },
    configFile: env.ZHICHENG_CONFIG_FILE ?? null,
  });
  const startup = await settings.load();
  if (startup.configProblem) console.warn('[web]', startup.configProblem);
  const remoteUrl = startup.settings.server.mode === 'remote' ? startup.settings.server.url : null;
  let serverUrl = remoteUrl;
  let stopServer = async () => {};
  if (serverUrl === null) {
    const config = serverConfigFromEnv(env, { dataDir });
    const server = await startServer(config, { port: numberFromEnv(env.SERVER_PORT, 0) });
    serverUrl = server.url;
    stopServer = server.close;
  }
  const core = createAppCore({
    serverUrl,
    mode: remoteUrl === null ? 'embedded' : 'remote',
    dataDir,
    settings,
    ...syncTimingFromEnv(env),
    ...coreOverrides,
  });
  const host = await startWebHost({
    handlers: core.handlers,
    events: core.events,
    rendererDir: env.RENDERER_DIR || rendererDir,
    port: numberFromEnv(env.WEB_PORT, 0),
  });
  return {
    host,
    serverUrl,
    core,
    close: async () => {
      await host.close();
      await core.close();
      await stopServer();
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

/** SYNC_INTERVAL_SECONDS and OFFLINE_PROBE_SECONDS, for administrators and for tests that wait for a sync. */
function syncTimingFromEnv(env: NodeJS.ProcessEnv): { syncIntervalMs?: number; offlineProbeMs?: number } {
  const seconds = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined || value === '') return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`Invalid ${name}: ${value}`);
    return parsed * 1000;
  };
  const syncIntervalMs = seconds(env.SYNC_INTERVAL_SECONDS, 'SYNC_INTERVAL_SECONDS');
  const offlineProbeMs = seconds(env.OFFLINE_PROBE_SECONDS, 'OFFLINE_PROBE_SECONDS');
  return {
    ...(syncIntervalMs === undefined ? {} : { syncIntervalMs }),
    ...(offlineProbeMs === undefined ? {} : { offlineProbeMs }),
  };
}
