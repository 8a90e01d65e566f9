import { ipcMain, type MessagePortMain } from 'electron';
import { CORE_PORT, CORE_PORT_REQUEST } from './app-api-channel';
import { isAppUrl } from './security-policy';

/** The parts of an `IpcMainEvent` the gate looks at, so tests can build one without Electron. */
export interface AppApiCallEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** A port request: the gate above, and the webContents to hand the port to. */
export interface CorePortRequestEvent extends AppApiCallEvent {
  sender: { id: number; postMessage(channel: string, message: unknown, transfer: MessagePortMain[]): void };
}

export interface CorePortDeps {
  /** Whether a webContents belongs to a window this app created. */
  isOwnWebContents(webContentsId: number): boolean;
  /**
   * Opens a channel to the core's process for this window and returns the window's end (main keeps
   * neither: the other end goes to the core).
   */
  connectWindow(webContentsId: number): MessagePortMain;
}

/**
 * Whether a request comes from a page we trust: the top frame of one of our windows, showing the app's
 * own origin. A subframe, a page that navigated elsewhere, or a frame already gone never gets a port to
 * the core, whatever it sends (the frame is read at call time: reading a destroyed frame throws).
 */
export function isTrustedSender(
  event: AppApiCallEvent,
  deps: Pick<CorePortDeps, 'isOwnWebContents'>,
): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;
    if (frame.parent !== null) return false;
    if (!deps.isOwnWebContents(event.sender.id)) return false;
    return isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/**
 * A window's preload asks for its port to the core: the sender is checked here, once per page load;
 * everything on the port (known method, input against the contract, errors turned into a Result) then
 * goes through the core's one gate, `dispatchAppCall`, in the core's process.
 */
export function handleCorePortRequest(event: CorePortRequestEvent, deps: CorePortDeps): boolean {
  if (!isTrustedSender(event, deps)) {
    console.warn('[ipc] refused a core port to an untrusted frame');
    return false;
  }
  const port = deps.connectWindow(event.sender.id);
  event.sender.postMessage(CORE_PORT, null, [port]);
  return true;
}

/** Answers port requests; returns a function that stops answering. */
export function registerCorePortIpc(deps: CorePortDeps): () => void {
  const listener = (event: CorePortRequestEvent) => void handleCorePortRequest(event, deps);
  ipcMain.on(CORE_PORT_REQUEST, listener);
  return () => void ipcMain.removeListener(CORE_PORT_REQUEST, listener);
}
