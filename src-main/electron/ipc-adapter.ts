import { ipcMain } from 'electron';
import { appError, type AppApiHandlers, type Result } from '../../src-shared/contracts';
import { dispatchAppCall } from '../core/app-api/dispatch';
import { APP_API_CHANNEL } from './app-api-channel';
import { isAppUrl } from './security-policy';

/** The parts of an `IpcMainInvokeEvent` the gate looks at, so tests can build one without Electron. */
export interface AppApiCallEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface AppApiDeps {
  /** The core's handlers. A getter, because main replaces the core if the embedded server moves. */
  getHandlers(): AppApiHandlers;
  /** Whether a webContents belongs to a window this app created. */
  isOwnWebContents(webContentsId: number): boolean;
}

/**
 * Whether a call comes from a page we trust: the top frame of one of our windows, showing the app's
 * own origin. A subframe, a page that navigated elsewhere, or a frame already gone never reaches the
 * core, whatever it sends (the frame is read at call time: reading a destroyed frame throws).
 */
export function isTrustedSender(event: AppApiCallEvent, deps: Pick<AppApiDeps, 'isOwnWebContents'>): boolean {
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
 * One app API call from the renderer: the sender is checked here, and everything else (known method,
 * input against the contract, errors turned into a Result) is the core's one gate, `dispatchAppCall`.
 */
export async function handleAppApiCall(
  event: AppApiCallEvent,
  method: unknown,
  input: unknown,
  deps: AppApiDeps,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event, deps)) {
    console.warn('[ipc] refused an app API call from an untrusted frame');
    return { ok: false, error: appError('FORBIDDEN') };
  }
  return dispatchAppCall(deps.getHandlers(), method, input);
}

/** Answers the app API on its IPC channel; returns a function that stops answering. */
export function registerAppApiIpc(deps: AppApiDeps): () => void {
  ipcMain.handle(APP_API_CHANNEL, (event, method: unknown, input: unknown) =>
    handleAppApiCall(event, method, input, deps),
  );
  return () => ipcMain.removeHandler(APP_API_CHANNEL);
}
