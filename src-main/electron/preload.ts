import { contextBridge, ipcRenderer } from 'electron';
// The names alone, without zod: the sandboxed preload is one small bundle run on every page load.
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';
import { APP_API_CHANNEL } from './app-api-channel';
import { APP_EVENT_CHANNEL } from '../../src-shared/contracts/app-channels';

/**
 * `window.api`: exactly the app API's named methods, each one an invoke on the app API channel with
 * one argument. The page gets no ipcRenderer, no channel name to choose and no generic invoke, so a
 * compromised page can only make the calls the IPC adapter validates anyway.
 */
const api = Object.freeze(
  Object.fromEntries(
    APP_METHOD_NAMES.map((name) => [
      name,
      (input?: unknown): Promise<unknown> => ipcRenderer.invoke(APP_API_CHANNEL, name, input),
    ]),
  ),
);

contextBridge.exposeInMainWorld('api', api);

/**
 * `window.appEvents`: the core's events (sync status) for the page. The listener gets the event's data
 * only, never the IPC event object (which would hand the page `sender`, i.e. ipcRenderer).
 */
contextBridge.exposeInMainWorld(
  'appEvents',
  Object.freeze({
    subscribe(listener: (event: unknown) => void): () => void {
      const forward = (_event: unknown, appEvent: unknown) => listener(appEvent);
      ipcRenderer.on(APP_EVENT_CHANNEL, forward);
      return () => void ipcRenderer.removeListener(APP_EVENT_CHANNEL, forward);
    },
  }),
);
