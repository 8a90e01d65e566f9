import {
  AppFailure,
  normalizeServerUrl,
  PLATFORM_SERVER_NAME,
  type AppApiHandlers,
  type AppSettings,
  type ConnectionInfo,
  type Printer,
  type ServerConnectionResult,
  type SettingsView,
} from '../../../src-shared/contracts';
import { ServerClient } from '../server-client/server-client';
import type { AppSettingsStore, LoadedSettings } from './app-settings-store';

/** The system's printers: the Electron shell lists them; a host without any (a browser) lists none. */
export interface PrinterList {
  list(): Promise<Printer[]>;
}

export type SettingsMethodName =
  'getAppSettings' | 'saveAppSettings' | 'testServerConnection' | 'listPrinters';

export interface SettingsHandlerOptions {
  store: AppSettingsStore;
  /** The server this running client talks to, to tell whether a saved one needs a restart. */
  running: { mode: ConnectionInfo['mode']; serverUrl: string };
  printers?: PrinterList;
  /** Called after each save with what is now in effect (the core applies the sync interval). */
  onSaved(settings: AppSettings): void;
}

const CONNECTION_TIMEOUT_MS = 5_000;

/** The 设置 screen's methods; none needs a session (a wrong server address must be fixable signed out). */
export function settingsHandlers(options: SettingsHandlerOptions): Pick<AppApiHandlers, SettingsMethodName> {
  const view = (loaded: LoadedSettings): SettingsView => ({
    ...loaded,
    restartNeeded: restartNeeded(loaded.settings.server, options.running),
  });
  return {
    getAppSettings: async () => view(await options.store.load()),
    saveAppSettings: async (input) => {
      const saved = await options.store.save(input);
      options.onSaved(saved.settings);
      return view(saved);
    },
    testServerConnection: ({ url }) => testServerConnection(url),
    listPrinters: async () => ({ printers: (await options.printers?.list()) ?? [] }),
  };
}

function restartNeeded(chosen: AppSettings['server'], running: SettingsHandlerOptions['running']): boolean {
  if (chosen.mode !== running.mode) return true;
  // The embedded server's address is its own (a new port at every start), never the user's.
  return chosen.mode === 'remote' && normalizeServerUrl(chosen.url) !== normalizeServerUrl(running.serverUrl);
}

/** GET the server's info route at that address, with a short timeout, and say what was found. */
export async function testServerConnection(url: string): Promise<ServerConnectionResult> {
  const client = new ServerClient(normalizeServerUrl(url), { timeoutMs: CONNECTION_TIMEOUT_MS });
  try {
    const info = await client.call('serverInfo', {});
    if (info.name !== PLATFORM_SERVER_NAME) return notOurs();
    return {
      reachable: true,
      demo: info.demo,
      message: info.demo ? '连接成功(该服务器使用演示数据)' : '连接成功',
    };
  } catch (error) {
    if (error instanceof AppFailure && error.error.code === 'SERVER_UNREACHABLE') {
      return { reachable: false, demo: false, message: '无法连接到该地址,请检查网址和网络' };
    }
    return notOurs();
  }
}

function notOurs(): ServerConnectionResult {
  return { reachable: false, demo: false, message: '该地址不是职称系统服务器,请检查网址' };
}
