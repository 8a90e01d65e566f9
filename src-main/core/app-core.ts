import {
  APP_METHODS,
  APP_METHOD_NAMES,
  AppFailure,
  DEFAULT_APP_SETTINGS,
  HTTP_ROUTES,
} from '../../src-shared/contracts';
import type {
  AppApiHandlers,
  ConnectionInfo,
  ForwardedMethodName,
  SessionState,
  SessionUser,
} from '../../src-shared/contracts';
import { AppEventHub } from './app-api/app-event-hub';
import { removeUserCache } from './cache/cache-location';
import type { PdfPrinter } from './print/pdf-printer';
import { ReviewWorkspace } from './review/review-workspace';
import { ServerClient } from './server-client/server-client';
import { SessionService } from './session/session-service';
import { AppSettingsStore } from './settings/app-settings-store';
import { PrintSettingsStore } from './settings/print-settings-store';
import { settingsHandlers, type PrinterList } from './settings/settings-handlers';
import { MemoryTokenVault, type TokenVault } from './session/token-vault';
import { buildDiagnosticsZip } from './log/diagnostics-zip';
import { logFailure } from './log/failure-capture';
import { consoleLog, type Log } from './log/file-log';
import { removeStaleTemporaries } from '../../src-node/fs/durable-write';

export interface AppCoreOptions {
  serverUrl: string;
  mode: ConnectionInfo['mode'];
  /** Where the per-user caches live. */
  dataDir: string;
  tokenVault?: TokenVault;
  /**
   * This computer's settings with the administrator's presets (the same sources the host read at
   * startup with loadStartupSettings); the user's settings in dataDir without presets when absent.
   */
  settings?: AppSettingsStore;
  /** The system's printers for 设置 (the Electron shell); none when absent. */
  printers?: PrinterList;
  /**
   * Auto-sync interval (fixed: for tests and SYNC_INTERVAL_SECONDS) and offline probe; without it the
   * interval is the one in the settings, and saving another applies it at once.
   */
  syncIntervalMs?: number;
  offlineProbeMs?: number;
  /** Applications per pull; the server's default when absent. */
  syncPageSize?: number;
  /**
   * The clock the review rules read (publicity dates, 上报主管部门 after the end date), so that end-to-end
   * journeys can move it with the server's; the system clock when absent.
   */
  now?: () => Date;
  /** The system print dialog (the Electron shell); absent in the web host, where the browser prints. */
  pdfPrinter?: PdfPrinter;
  /** The folder of the 公示表's font in a packaged app; node_modules when absent. */
  fontsDir?: string;
  /**
   * Where the windows' failures are written: scrubbed lines on stderr when absent, which the host (Electron's
   * main, the web host) writes to the log file, as it does all of the core's output.
   */
  log?: Log;
}

/**
 * The desktop's behaviour without any window: one instance per running client, used by the
 * Electron IPC adapter and by the web host alike.
 */
export interface AppCore {
  readonly handlers: AppApiHandlers;
  /** What the core tells windows unasked (sync status), for the IPC adapter and the web host to carry. */
  readonly events: AppEventHub;
  /** The signed-in user's workspace, if any: for tests and the bench. */
  workspace(): ReviewWorkspace | null;
  /** Stops syncing and closes the cache; the session stays in the vault. */
  close(): Promise<void>;
}

const NOT_SIGNED_IN = new AppFailure('UNAUTHENTICATED');
const NO_NATIVE_PRINT = '此窗口没有系统打印,请使用预览上方的“打印”';

export function createAppCore(options: AppCoreOptions): AppCore {
  const server = new ServerClient(options.serverUrl);
  const session = new SessionService(server, options.tokenVault ?? new MemoryTokenVault());
  const events = new AppEventHub();
  let reachable: boolean | null = null;
  server.onReachability((now) => {
    if (now === reachable) return;
    reachable = now;
    events.emit({ name: 'connection', payload: { reachable: now } });
  });
  // What a write cut off by a kill or a power cut left beside the settings; nothing reads it.
  void removeStaleTemporaries(options.dataDir).then(
    (removed) => {
      if (removed > 0)
        console.warn(`[core] removed ${removed} unfinished temporary file(s) from the data folder`);
    },
    (error: unknown) => console.warn('[core] could not look for unfinished temporary files', error),
  );
  const printSettings = new PrintSettingsStore(options.dataDir);
  const settings = options.settings ?? new AppSettingsStore({ dataDir: options.dataDir });
  const fixedSyncInterval = options.syncIntervalMs;
  const syncIntervalMs = async () =>
    fixedSyncInterval ??
    (await settings.load().then(
      (loaded) => loaded.settings.syncIntervalMinutes,
      () => DEFAULT_APP_SETTINGS.syncIntervalMinutes,
    )) * 60_000;
  // The embedded server moves to a new port at every start; its cache must not move with it.
  const serverKey = options.mode === 'embedded' ? 'embedded' : options.serverUrl;

  let workspace: ReviewWorkspace | null = null;
  // Opening and closing are serialised, so a login racing a logout never leaves two caches open.
  let switching: Promise<unknown> = Promise.resolve();
  const serialise = <T>(step: () => Promise<T>): Promise<T> => {
    const next = switching.then(step, step);
    switching = next.catch(() => undefined);
    return next;
  };

  const openFor = (user: SessionUser | null) =>
    serialise(async () => {
      if (user === null || workspace?.user.id === user.id) return;
      await workspace?.close();
      workspace = null;
      workspace = await ReviewWorkspace.open({
        dataDir: options.dataDir,
        serverKey,
        user,
        server,
        withToken: (call) => session.withToken(call),
        emit: (event) => events.emit(event),
        syncIntervalMs: await syncIntervalMs(),
        ...(options.offlineProbeMs === undefined ? {} : { offlineProbeMs: options.offlineProbeMs }),
        ...(options.syncPageSize === undefined ? {} : { pageSize: options.syncPageSize }),
        ...(options.now === undefined ? {} : { now: options.now }),
        printSettings: () => printSettings.load(),
        ...(options.fontsDir === undefined ? {} : { fontsDir: options.fontsDir }),
      });
    });

  const closeWorkspace = () =>
    serialise(async () => {
      const closing = workspace;
      workspace = null;
      await closing?.close();
      return closing;
    });

  const withWorkspace = async <T>(use: (open: ReviewWorkspace) => T | Promise<T>): Promise<T> => {
    await switching;
    if (workspace === null) throw NOT_SIGNED_IN;
    return use(workspace);
  };

  const signedIn = async (state: SessionState): Promise<SessionState> => {
    await openFor(state.user);
    return state;
  };

  const handlers: AppApiHandlers = {
    ...forwardingHandlers(server, session),
    ...settingsHandlers({
      store: settings,
      running: { mode: options.mode, serverUrl: options.serverUrl },
      ...(options.printers === undefined ? {} : { printers: options.printers }),
      onSaved: (saved) => {
        if (fixedSyncInterval === undefined) workspace?.setSyncInterval(saved.syncIntervalMinutes * 60_000);
      },
    }),
    getSession: async () => signedIn(await session.current()),
    login: async (credentials) => signedIn(await session.login(credentials)),
    logout: () => session.logout(async () => void (await closeWorkspace())),
    logoutAndClearLocalData: async () => {
      let user = null as SessionUser | null;
      const state = await session.logout(async () => {
        const closed = await closeWorkspace();
        user = closed?.user ?? (await session.currentNow().catch(() => ({ user: null }))).user;
      });
      if (user !== null) await removeUserCache(options.dataDir, serverKey, user.id);
      return state;
    },
    getConnection: async () => {
      const info = await server.call('serverInfo', {}).catch(() => null);
      return {
        serverUrl: options.serverUrl,
        mode: options.mode,
        demo: info?.demo ?? false,
        reachable: info !== null,
        nativePrint: options.pdfPrinter !== undefined,
      };
    },
    listApplications: (input) => withWorkspace((open) => open.list(input)),
    getUnitOverview: (input) => withWorkspace((open) => open.overview(input)),
    getApplicationDetail: (input) => withWorkspace((open) => open.detail(input)),
    openAttachment: (input) => withWorkspace((open) => open.attachment(input)),
    getSyncStatus: () => withWorkspace((open) => open.syncStatus()),
    syncNow: () => withWorkspace((open) => open.syncNow()),
    saveCommentDraft: (input) => withWorkspace((open) => open.desk.saveCommentDraft(input)),
    getReviewState: (input) => withWorkspace((open) => open.desk.reviewState(input.applicationId)),
    decide: (input) => withWorkspace((open) => open.desk.decide(input)),
    resolveConflict: (input) => withWorkspace((open) => open.desk.resolveConflict(input)),
    getHolidayTable: () => withWorkspace((open) => open.cache.holidays.table()),
    saveHolidayYear: (input) => withWorkspace((open) => open.saveHolidayYear(input)),
    getCommentPhrases: () => withWorkspace((open) => open.cache.phrases.current()),
    saveCommentPhrases: (input) => withWorkspace((open) => open.saveCommentPhrases(input.phrases)),
    getLocalDataSummary: () =>
      withWorkspace((open) => ({
        ...open.cache.work.localOnlyCounts(),
        commentPhrasesPending: open.cache.phrases.current().pending,
      })),
    printPublicity: (input) => withWorkspace((open) => open.printing.print(input)),
    exportApplications: (input) => withWorkspace((open) => open.exporting.applicationList(input)),
    exportPublicityList: (input) => withWorkspace((open) => open.exporting.publicityList(input)),
    // Per computer, not per user: 设置 works signed out too.
    getPrintSettings: () => printSettings.load(),
    savePrintSettings: (input) => printSettings.save(input),
    reportRendererError: async (report) => {
      logFailure(options.log ?? consoleLog, 'renderer', `renderer ${report.kind}`, report);
      return { recorded: true };
    },
    exportDiagnostics: async () => {
      const zip = await buildDiagnosticsZip({
        dataDir: options.dataDir,
        settings: await settings.load().catch(() => null),
        role: 'core',
        // The signed-in user, whom their own cache need not name.
        alsoHide: workspace === null ? [] : [workspace.user.name],
      });
      return { fileName: zip.fileName, zipBase64: Buffer.from(zip.bytes).toString('base64') };
    },
    printPdf: async ({ pdfBase64, fileName }) => {
      if (options.pdfPrinter === undefined) throw new AppFailure('BAD_REQUEST', NO_NATIVE_PRINT);
      const outcome = await options.pdfPrinter.print(Buffer.from(pdfBase64, 'base64'), fileName);
      return { outcome };
    },
  };
  return {
    handlers,
    events,
    workspace: () => workspace,
    close: async () => {
      await closeWorkspace();
    },
  };
}

/**
 * The methods that are plain server calls, from the contract's `forwardTo`: the core adds the token
 * where the route needs one and passes the answer (or the server's Chinese error) on.
 */
function forwardingHandlers(
  server: ServerClient,
  session: SessionService,
): Pick<AppApiHandlers, ForwardedMethodName> {
  const entries = APP_METHOD_NAMES.flatMap((method) => {
    const spec = APP_METHODS[method];
    if (!('forwardTo' in spec)) return [];
    const route = spec.forwardTo;
    const handler = (input: unknown) => {
      const body = (input ?? {}) as never;
      return HTTP_ROUTES[route].auth
        ? session.withToken((token) => server.call(route, body, token))
        : server.call(route, body);
    };
    return [[method, handler] as const];
  });
  return Object.fromEntries(entries) as Pick<AppApiHandlers, ForwardedMethodName>;
}
