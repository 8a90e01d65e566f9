import type { EmbeddedServer } from '../embedded-server';
import { settlesWithin } from '../settles-within';
import {
  checkedMessage,
  coreToMainSchema,
  mainToCoreSchema,
  type HostOp,
  type MainToCore,
} from './core-protocol';

/**
 * The host's side of the core running off its event loop (serve-core.ts; Electron's utilityProcess or
 * the web host's worker thread): starts it, hands it the data folder and, per window, one end of a new
 * message channel; starts the embedded server when the core asks (only Electron's main can fork a
 * utilityProcess; the web host keeps the server's supervisor beside its own) and tells the core each
 * address it listens on; answers the core's requests for what only the host has (safeStorage,
 * printers, the print dialog).
 */

/** Electron's UtilityProcess or a worker thread, as far as the host uses it for the core. */
export interface CoreChild<Port> {
  postMessage(message: unknown, transfer?: Port[]): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

export type HostServices = Record<HostOp, (...args: unknown[]) => Promise<unknown>>;

export interface CoreProcessOptions<Port> {
  fork(): CoreChild<Port>;
  init: Omit<Extract<MainToCore, { type: 'init' }>, 'type'>;
  /** A new channel (MessageChannelMain in Electron, worker_threads' MessageChannel in the web host). */
  createChannel(): { port1: Port; port2: Port };
  /** Starts the embedded server (superviseEmbeddedServer over utilityProcess.fork). */
  startServer(onUrl: (url: string) => void): EmbeddedServer;
  host: HostServices;
  /** The core's process went away without being asked to. */
  onUnexpectedExit(code: number): void;
  stopTimeoutMs?: number;
}

export interface CoreProcess<Port> {
  /** Resolves when the core has its server and settings; rejects with the core's reason. */
  readonly ready: Promise<{ mode: 'embedded' | 'remote'; serverUrl: string }>;
  /** A new channel for a window: the core gets one end, the window's end is returned. */
  connectWindow(windowId: number): Port;
  /** Closes the core (its cache), then the embedded server. */
  stop(): Promise<void>;
}

export function startCoreProcess<Port>(options: CoreProcessOptions<Port>): CoreProcess<Port> {
  const child = options.fork();
  const send = (message: MainToCore, transfer?: Port[]) =>
    child.postMessage(mainToCoreSchema.parse(message), transfer);
  let server: EmbeddedServer | null = null;
  let stopping = false;
  let exited = false;
  let markExited!: () => void;
  const exit = new Promise<void>((resolve) => (markExited = resolve));

  let resolveReady!: (value: { mode: 'embedded' | 'remote'; serverUrl: string }) => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<{ mode: 'embedded' | 'remote'; serverUrl: string }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  child.on('message', (raw) => {
    const message = checkedMessage(
      coreToMainSchema,
      raw,
      '[core-process] ignored a malformed message from the core',
    );
    if (message === null) return;
    switch (message.type) {
      case 'ready':
        resolveReady({ mode: message.mode, serverUrl: message.serverUrl });
        return;
      case 'failed':
        rejectReady(new Error(message.message));
        return;
      case 'start-server':
        if (server !== null || stopping) return;
        server = options.startServer((url) => send({ type: 'server-url', url }));
        server.firstUrl.catch((error: unknown) =>
          send({ type: 'server-failed', reason: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'host-request': {
        const { id, op, args } = message;
        options.host[op](...args).then(
          (value) => !exited && send({ type: 'host-reply', id, ok: true, value }),
          (error: unknown) =>
            !exited &&
            send({
              type: 'host-reply',
              id,
              ok: false,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      }
    }
  });
  child.on('exit', (code) => {
    exited = true;
    markExited();
    rejectReady(new Error(`the core's process exited (code ${code})`));
    if (!stopping) options.onUnexpectedExit(code);
  });
  send({ type: 'init', ...options.init });

  return {
    ready,
    connectWindow(windowId) {
      const { port1, port2 } = options.createChannel();
      send({ type: 'connect-window', windowId }, [port1]);
      return port2;
    },
    async stop() {
      stopping = true;
      if (!exited) {
        send({ type: 'shutdown' });
        const timeout = options.stopTimeoutMs ?? 5_000;
        if (!(await settlesWithin(exit, timeout))) {
          console.warn('[core-process] the core did not shut down in time; killing it');
          child.kill();
          await exit;
        }
      }
      await server?.stop();
    },
  };
}
