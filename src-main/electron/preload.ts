import { contextBridge, ipcRenderer } from 'electron';
// The names alone, without zod: the sandboxed preload is one small bundle run on every page load.
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';
import type { PortAnswer, PortCall } from '../core/core-host/port-messages';
import { CORE_PORT, CORE_PORT_REQUEST } from './app-api-channel';

/**
 * `window.api`: exactly the app API's named methods, each one a call with one argument to the core's
 * process over the MessagePort main hands this page (after checking it is our window on app://).
 * Calls made before the port arrives wait for it. The page gets no ipcRenderer, no port and no generic
 * call, so a compromised page can only make the calls the core's gate validates anyway.
 */
let port: MessagePort | null = null;
const queued: PortCall[] = [];
const waiting = new Map<number, (result: unknown) => void>();
const listeners = new Set<(event: unknown) => void>();
// The latest event of each name, for a page that subscribes after it arrived (as the core's hub does).
const latest = new Map<unknown, unknown>();
let nextId = 1;

ipcRenderer.on(CORE_PORT, (event: { ports: MessagePort[] }) => {
  const received = event.ports[0];
  if (received === undefined || port !== null) return;
  port = received;
  received.onmessage = ({ data }: MessageEvent<PortAnswer>) => {
    if (data.type === 'result') {
      waiting.get(data.id)?.(data.result);
      waiting.delete(data.id);
    } else {
      latest.set((data.event as { name?: unknown }).name, data.event);
      for (const listener of listeners) listener(data.event);
    }
  };
  for (const call of queued.splice(0)) received.postMessage(call);
});
ipcRenderer.send(CORE_PORT_REQUEST);

const api = Object.freeze(
  Object.fromEntries(
    APP_METHOD_NAMES.map((method) => [
      method,
      (input?: unknown): Promise<unknown> =>
        new Promise((resolve) => {
          const call: PortCall = { id: nextId++, method, input };
          waiting.set(call.id, resolve);
          if (port === null) queued.push(call);
          else port.postMessage(call);
        }),
    ]),
  ),
);

contextBridge.exposeInMainWorld('api', api);

/** `window.appEvents`: the core's events (sync status) for the page, the event's data only. */
contextBridge.exposeInMainWorld(
  'appEvents',
  Object.freeze({
    subscribe(listener: (event: unknown) => void): () => void {
      for (const event of latest.values()) listener(event);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  }),
);
