import { AppFailure, type AppApiHandlers, type ConnectionInfo } from '../../src-shared/contracts';
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';
import { AppEventHub } from './app-api/app-event-hub';
import type { AppCore, AppCoreOptions } from './app-core';
import type { EmbeddedServer } from './embedded-server';
import { AppSettingsStore } from './settings/app-settings-store';
import { MemoryTokenVault } from './session/token-vault';

/**
 * The one client bootstrap, for the web host and for Electron's core process alike: read the
 * settings (environment, administrator's config file, 设置), talk to the central server they name or
 * start the embedded one, and keep a core connected to it. Only the host-specific parts come in:
 * how to start the embedded server's process, where the session token is kept, printing.
 */
export interface ClientSettings {
  /** Where the user's settings and caches live. */
  dataDir: string;
  /**
   * SERVER_URL (the hosts' name for a central server, same as ZHICHENG_SERVER_URL),
   * SYNC_INTERVAL_SECONDS, OFFLINE_PROBE_SECONDS and the ZHICHENG_* presets.
   */
  env: NodeJS.ProcessEnv;
  /** The administrator's config file beside the installation; none in a checkout. */
  configFile: string | null;
  /**
   * Starts the embedded server (in a process of its own); `onUrl` hears every (re)start's address.
   * `startAfter`, when given, holds its first start back (see holdServerForFirstScreenMs).
   */
  startEmbeddedServer(onUrl: (url: string) => void, startAfter?: Promise<void>): EmbeddedServer;
  /**
   * Holds the embedded server's start back until a window has asked for its session (answered at once
   * with no token kept: the login screen), or for at most this long: starting it (a process evaluating
   * its bundle and opening its database) would otherwise take CPU from the window drawing its first
   * screen. Unset, the server starts at once (Electron, and callers that wait for it anyway).
   */
  holdServerForFirstScreenMs?: number;
  /** The rest of the core's options that only the host knows (token vault, printing, fonts, clock). */
  core?: Pick<AppCoreOptions, 'tokenVault' | 'pdfPrinter' | 'printers' | 'fontsDir' | 'now' | 'syncPageSize'>;
  /** Where the settings' complaints go (a malformed config file is reported, not fatal). */
  warn?: (message: string) => void;
}

export interface RunningClient {
  /** Stable across server restarts: every call goes to the core of the moment. */
  readonly handlers: AppApiHandlers;
  /** Stable across server restarts: the current core's events are forwarded here. */
  readonly events: AppEventHub;
  readonly mode: ConnectionInfo['mode'];
  /** The server the core talks to now (the embedded one moves to a new port when it restarts). */
  serverUrl(): string;
  /** The current core (for tests and the bench). */
  core(): AppCore;
  /** Stops the core, then the embedded server. */
  close(): Promise<void>;
}

/** A client whose server may still be starting: its handlers wait for it, except where none is needed. */
export interface StartingClient extends RunningClient {
  /** Settles once the first core is connected (rejects if the embedded server never listened). */
  readonly started: Promise<void>;
}

export const EMBEDDED_SERVER_NOT_STARTED = '内置服务器未能启动,请重新启动程序;仍不行请联系单位的信息技术人员';

/** The client, once its server answers and the first core is connected (Electron's core process). */
export async function startClient(settings: ClientSettings): Promise<RunningClient> {
  const client = await beginClient(settings);
  await client.started;
  return client;
}

/**
 * The client without waiting for its server: the web host listens while the embedded server is still
 * starting, so that the login screen does not wait for it (the server takes about as long to start as
 * the whole page to load). Calls wait for the first core, but for `getSession` with no token kept:
 * nobody can be signed in then, whatever the server says, so the login screen is answered at once.
 */
export async function beginClient(settings: ClientSettings): Promise<StartingClient> {
  const env = settings.env;
  // SERVER_URL (the hosts' own name for it) counts as the administrator's ZHICHENG_SERVER_URL.
  const store = new AppSettingsStore({
    dataDir: settings.dataDir,
    env: { ...env, ZHICHENG_SERVER_URL: env.ZHICHENG_SERVER_URL || env.SERVER_URL },
    configFile: settings.configFile,
  });
  const startup = await store.load();
  if (startup.configProblem) (settings.warn ?? console.warn)(startup.configProblem);
  const remoteUrl = startup.settings.server.mode === 'remote' ? startup.settings.server.url : null;
  const mode: ConnectionInfo['mode'] = remoteUrl === null ? 'embedded' : 'remote';
  const timing = syncTimingFromEnv(env);
  const events = new AppEventHub();

  // One vault for every core of this run: a core recreated for a restarted server keeps the token.
  const tokenVault = settings.core?.tokenVault ?? new MemoryTokenVault();

  let core: AppCore | null = null;
  let url = '';
  let unsubscribe = () => {};
  // Calls wait while a core is being replaced, so none reaches a closing cache.
  let ready: Promise<void> = Promise.resolve();
  const connect = (serverUrl: string) => {
    url = serverUrl;
    const previous = core;
    ready = ready.then(async () => {
      // A restarted embedded server listens on a new port: the old core stops syncing and closes the
      // cache before the new one opens it (the cache is keyed 'embedded', not by port, so it is the
      // same cache; the session token stays in the vault and the session in the server's database).
      unsubscribe();
      const wasSignedIn = (previous?.workspace() ?? null) !== null;
      await previous
        ?.close()
        .catch((error: unknown) => console.warn('[client] closing the old core failed', error));
      // Loaded here, not at the top: the core (cache, sync, server client, kysely, axios) is most of the
      // web host's code, and the host listens (and answers the login screen) without it. A bundle keeps
      // it in a chunk of its own, evaluated once the server has answered with its address.
      const { createAppCore } = await import('./app-core');
      const next = createAppCore({
        serverUrl,
        mode,
        dataDir: settings.dataDir,
        settings: store,
        ...timing,
        ...settings.core,
        tokenVault,
      });
      core = next;
      unsubscribe = next.events.subscribe((event) => events.emit(event));
      // The user stays signed in: reopen the workspace (and its sync) at once instead of waiting for
      // the window to ask, which would otherwise see 未登录 for its next list call.
      if (wasSignedIn) await next.handlers.getSession(undefined).catch(() => undefined);
    });
  };

  let server: EmbeddedServer | null = null;
  const hold = remoteUrl === null ? serverHold(settings.holdServerForFirstScreenMs) : null;
  if (remoteUrl !== null) connect(remoteUrl);
  else server = settings.startEmbeddedServer(connect, hold?.released);
  // `ready` is only replaced once the server's first address has arrived (connect, above).
  const started = (server?.firstUrl ?? Promise.resolve()).then(() => ready);
  // A caller that only closes (or asks nothing) must not see an unhandled rejection.
  started.catch(() => {});

  const current = (): AppCore => {
    if (core === null) throw new Error('the core is not ready');
    return core;
  };
  const handlers = Object.fromEntries(
    APP_METHOD_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        if (name === 'getSession' && core === null && (await tokenVault.load()) === null) {
          // Once this answer has gone out, so that the login screen is drawn first.
          if (hold !== null) setImmediate(hold.release);
          return { user: null };
        }
        if (name === 'getSession') hold?.release();
        // A server that never started (or was stopped first, as the app closed) is the user's
        // problem to hear about in Chinese, not a bug to log with a stack.
        await started.catch(() => {
          throw new AppFailure('SERVER_UNREACHABLE', EMBEDDED_SERVER_NOT_STARTED);
        });
        await ready;
        return (current().handlers[name] as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as AppApiHandlers;

  return {
    handlers,
    events,
    mode,
    started,
    serverUrl: () => url,
    core: current,
    close: async () => {
      // A server still starting is stopped first: waiting for it could take up to its start timeout.
      if (core === null) await server?.stop();
      // A server still held back is not started by this (it is stopped); only its timer goes.
      hold?.release();
      await started.catch(() => {});
      await ready;
      unsubscribe();
      await core?.close();
      await server?.stop();
    },
  };
}

/** What holds the embedded server back (holdServerForFirstScreenMs): released once, by a window or the timer. */
function serverHold(atMostMs: number | undefined): { released: Promise<void>; release(): void } | null {
  if (atMostMs === undefined) return null;
  let resolve!: () => void;
  const released = new Promise<void>((done) => (resolve = done));
  const timer = setTimeout(resolve, atMostMs);
  return {
    released,
    release: () => {
      clearTimeout(timer);
      resolve();
    },
  };
}

/** SYNC_INTERVAL_SECONDS and OFFLINE_PROBE_SECONDS, for administrators and for tests that wait for a sync. */
export function syncTimingFromEnv(env: NodeJS.ProcessEnv): {
  syncIntervalMs?: number;
  offlineProbeMs?: number;
} {
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
