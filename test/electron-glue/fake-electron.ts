import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn(), removeListener: vi.fn() },

    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
      send: vi.fn(),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    app: {},
    safeStorage: {},
    utilityProcess: { fork: vi.fn(fakeUtilityProcessFork) },
    MessageChannelMain: FakeMessageChannelMain,
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

type PortListener = (event: { data: unknown; ports: FakeMessagePortMain[] }) => void;

/**
 * Electron's MessagePortMain, in one process: what one end posts, the other end's listeners get. An
 * end transferred to a fake utility process forwards to the child instead (fake-parent-port.ts).
 */
export class FakeMessagePortMain {
  peer: FakeMessagePortMain | null = null;
  /** Set when this end was transferred to a child. */
  remote: { send(message: unknown): void; id: number } | null = null;
  private readonly listeners = new Map<string, PortListener[]>();
  closed = false;
  on(event: string, listener: PortListener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, data?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener({ data, ports: [] });
  }
  postMessage(data: unknown) {
    const peer = this.peer;
    if (peer === null || this.closed) return;
    if (peer.remote !== null) peer.remote.send({ port: peer.remote.id, data });
    else peer.emit('message', data);
  }
  start() {}
  close() {
    this.closed = true;
    const peer = this.peer;
    if (peer?.remote) peer.remote.send({ portClosed: peer.remote.id });
    else peer?.emit('close');
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

const shim = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-parent-port.ts');
let nextPortId = 1;

/**
 * utilityProcess.fork backed by a real Node child process (running the entry's TypeScript through
 * tsx, with fake-parent-port.ts giving it Electron's `process.parentPort`).
 */
export function fakeUtilityProcessFork(
  entry: string,
  args: string[] = [],
  options: { env?: NodeJS.ProcessEnv; stdio?: 'pipe' | 'inherit' } = {},
) {
  const child = fork(entry, args, {
    execArgv: ['--import', 'tsx', '--import', shim],
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.on('error', () => {});
  const ports = new Map<number, FakeMessagePortMain>();
  const send = (message: unknown) => {
    if (child.connected) child.send(message as object);
  };
  const messageListeners: ((message: unknown) => void)[] = [];
  child.on('message', (raw) => {
    const message = raw as { parent?: unknown; port?: number; data?: unknown };
    if (typeof message.port === 'number') {
      // The child's end posted: the end that stayed here hears it.
      ports.get(message.port)?.peer?.emit('message', message.data);
    } else if ('parent' in message) {
      for (const listener of messageListeners) listener(message.parent);
    }
  });
  if (options.stdio === 'inherit') {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  return {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    postMessage(message: unknown, transfer: FakeMessagePortMain[] = []) {
      const portIds = transfer.map((port) => {
        const id = nextPortId++;
        port.remote = { send, id };
        ports.set(id, port);
        return id;
      });
      send({ parent: message, portIds });
    },
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') messageListeners.push(listener as (message: unknown) => void);
      else child.on('exit', (code) => (listener as (code: number) => void)(code ?? -1));
      return this;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
