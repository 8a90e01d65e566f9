import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { serveCore, type CoreParentPort, type CorePort } from '../core/core-host/serve-core';
import { installProcessFailureCapture } from '../core/log/failure-capture';
import { consoleLog } from '../core/log/file-log';
import { SharedClock } from './shared-clock';

/**
 * The web host's core thread (core-thread.ts starts it): the core served over the worker's parent port,
 * so that a sync applying pages, a 公示表 being rendered or a long list query never stalls the thread
 * that serves the pages and answers the browser. Only the envelope differs from Electron's
 * utilityProcess: the host sends `{ message, ports }`, and ports speak worker_threads' dialect.
 */

export interface CoreWorkerData {
  /** The host's SharedClock (journeys move it); absent: the real time. */
  clock?: SharedArrayBuffer;
}

/** What core-thread.ts posts: a protocol message and the ports it transfers. */
export interface CoreThreadEnvelope {
  message: unknown;
  ports: MessagePort[];
}

function asCorePort(port: MessagePort): CorePort {
  // worker_threads' ports hand a listener the message itself; Electron's, an event holding it.
  function on(event: 'message', listener: (event: { data: unknown }) => void): void;
  function on(event: 'close', listener: () => void): void;
  function on(event: 'message' | 'close', listener: (event: { data: unknown }) => void): void {
    if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
    else port.on('close', () => listener({ data: undefined }));
  }
  return {
    on,
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
}

if (parentPort !== null) {
  // Scrubbed lines on the thread's stderr, which the host relays into its log file with their own level
  // (relayLogLines).
  installProcessFailureCapture(consoleLog, 'core');
  const host = parentPort;
  const data = (workerData ?? {}) as CoreWorkerData;
  const parent: CoreParentPort = {
    on: (_event, listener) =>
      host.on('message', (envelope: CoreThreadEnvelope) =>
        listener({ data: envelope.message, ports: envelope.ports.map(asCorePort) }),
      ),
    postMessage: (message) => host.postMessage(message),
  };
  serveCore(parent, data.clock === undefined ? {} : { now: new SharedClock(data.clock).now });
}
