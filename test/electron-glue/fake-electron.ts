import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module in tests of the glue: requiring the real one would try to
 * download the Electron binary. Each test file mocks it with
 *   vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));
 * and reaches the spies through the mocked import.
 */
export function electronModule() {
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow {
    static created = windows;
    readonly options: Record<string, unknown>;
    readonly webContents = fakeWebContents(windows.length + 1);
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly loadFile = vi.fn(async (_file: string) => {});
    readonly destroy = vi.fn();
    readonly once = vi.fn();
    readonly on = vi.fn();
    readonly show = vi.fn();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
  }

  return {
    default: {},
    BrowserWindow: FakeBrowserWindow,
    shell: {
      openExternal: vi.fn(async (_url: string) => {}),
      /** '' is success, as in Electron; otherwise the error text. */
      openPath: vi.fn(async (_path: string) => ''),
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    app: {},
    safeStorage: {},
    utilityProcess: { fork: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
  };
}

/** What webContents.print answers, [success, failureReason]; a test sets it before printing. */
export const printAnswer: { next: [boolean, string] } = { next: [true, ''] };

export type FakeWebContents = ReturnType<typeof fakeWebContents>;

/** Records the listeners a window's webContents gets, so a test can fire them. */
export function fakeWebContents(id = 1) {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const session = fakeSession();
  return {
    id,
    session,
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      windowOpenHandler = handler;
    }),
    print: vi.fn(
      (_options: unknown, callback: (success: boolean, failureReason: string) => void) =>
        void callback(...printAnswer.next),
    ),
    /** Fires `event` as Electron would; answers whether a listener prevented it. */
    emitNavigation(event: 'will-navigate' | 'will-redirect', url: string): boolean {
      let prevented = false;
      const details = { url, preventDefault: () => (prevented = true) };
      for (const listener of listeners.get(event) ?? []) listener(details, url);
      return prevented;
    },
    openWindow(url: string): { action: string } | undefined {
      return windowOpenHandler?.({ url });
    },
  };
}

export function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}
