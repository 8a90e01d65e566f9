import { appError, type AppEvent, type Printer } from '../../../src-shared/contracts';
import { dispatchAppCall } from '../app-api/dispatch';
import type { AppCoreOptions } from '../app-core';
import type { EmbeddedServer } from '../embedded-server';
import type { PdfPrintOutcome } from '../print/pdf-printer';
import type { TokenVault } from '../session/token-vault';
import { beginClient, type StartingClient } from '../start-client';
import {
  checkedMessage,
  coreToMainSchema,
  mainToCoreSchema,
  portCallSchema,
  type CoreToMain,
  type HostOp,
  type MainToCore,
} from './core-protocol';
import type { PortAnswer } from './port-messages';

/**
 * The core off the host's event loop (Electron's utilityProcess, forked by main; the web host's worker
 * thread): cache, sync, drafts and the 公示表's PDF run here, so a sync applying pages never stalls the
 * windows or the pages the web host serves. Windows reach it through MessagePorts that the host hands
 * over after checking the window; the host keeps what only it can do (safeStorage, printers, the print
 * dialog, starting the embedded server's process) and answers requests for them.
 */

/** A window's port (Electron's MessagePortMain, or an adapted worker_threads MessagePort). */
export interface CorePort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** The link to the host (Electron's `process.parentPort` in a utility process, or an adapted worker's). */
export interface CoreParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: CorePort[] }) => void): void;
  postMessage(message: unknown): void;
}

export interface ServeCoreOptions {
  env?: NodeJS.ProcessEnv;
  /** The core's clock (the web host's end-to-end journeys move it; see AppCoreOptions.now). */
  now?: AppCoreOptions['now'];
}

export function serveCore(parent: CoreParentPort, options: ServeCoreOptions = {}): void {
  const env = options.env ?? process.env;
  const send = (message: CoreToMain) => parent.postMessage(coreToMainSchema.parse(message));
  let client: StartingClient | null = null;
  let starting = false;
  let nextRequest = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const serverUrls: ((url: string) => void)[] = [];
  const serverFailures: ((reason: string) => void)[] = [];
  // Windows that connected before the client was made wait here, their calls queued in their port.
  const waitingPorts: CorePort[] = [];

  const host = (op: HostOp, ...args: unknown[]): Promise<unknown> => {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send({ type: 'host-request', id, op, args });
    });
  };
  const tokenVault: TokenVault = {
    load: async () => {
      const token = await host('vault.load');
      return typeof token === 'string' ? token : null;
    },
    save: async (token) => void (await host('vault.save', token)),
    clear: async () => void (await host('vault.clear')),
  };

  const connectWindow = (port: CorePort, running: StartingClient) => {
    const post = (answer: PortAnswer) => port.postMessage(answer);
    const unsubscribe = running.events.subscribe((event: AppEvent) => post({ type: 'event', event }));
    port.on('message', ({ data }) => {
      const call = checkedMessage(portCallSchema, data, '[core] refused a malformed message from a window');
      if (call === null) return;
      const { id, method, input } = call;
      void dispatchAppCall(running.handlers, method, input).then(
        (result) => post({ type: 'result', id, result }),
        () => post({ type: 'result', id, result: { ok: false, error: appError('SERVER_ERROR') } }),
      );
    });
    port.on('close', unsubscribe);
    port.start();
  };

  const start = async (init: Extract<MainToCore, { type: 'init' }>) => {
    const printing: Pick<AppCoreOptions, 'pdfPrinter' | 'printers'> = init.nativePrinting
      ? {
          pdfPrinter: {
            print: async (pdf, fileName) =>
              (await host('print.pdf', Buffer.from(pdf).toString('base64'), fileName)) as PdfPrintOutcome,
          },
          printers: {
            list: async () => (await host('printers.list')) as Printer[],
          },
        }
      : {};
    try {
      // Windows connect at once: their calls wait for the server inside the client, but for a
      // getSession with no token kept, which the login screen needs answered while the server starts.
      const running = await beginClient({
        dataDir: init.dataDir,
        env,
        configFile: init.configFile,
        warn: (message) => console.warn('[core]', message),
        core: {
          tokenVault,
          ...(init.fontsDir === null ? {} : { fontsDir: init.fontsDir }),
          ...(options.now === undefined ? {} : { now: options.now }),
          ...printing,
        },
        ...(init.holdServerForFirstScreenMs === null
          ? {}
          : { holdServerForFirstScreenMs: init.holdServerForFirstScreenMs }),
        startEmbeddedServer: (onUrl, startAfter) => remoteEmbeddedServer(onUrl, startAfter),
      });
      client = running;
      for (const port of waitingPorts.splice(0)) connectWindow(port, running);
      await running.started;
      send({ type: 'ready', mode: running.mode, serverUrl: running.serverUrl() });
    } catch (error) {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  /** The embedded server runs in its own process, which the host starts and supervises: ask it. */
  const remoteEmbeddedServer = (
    onUrl: (url: string) => void,
    startAfter: Promise<void> = Promise.resolve(),
  ): EmbeddedServer => {
    let stopped = false;
    let current: string | null = null;
    const firstUrl = new Promise<string>((resolve, reject) => {
      serverUrls.push((url) => {
        current = url;
        resolve(url);
        onUrl(url);
      });
      serverFailures.push((reason) => reject(new Error(reason)));
    });
    firstUrl.catch(() => {});
    void startAfter.then(() => {
      if (!stopped) send({ type: 'start-server' });
    });
    return {
      firstUrl,
      currentUrl: () => current,
      // The host stops the server itself when the app quits; a core closed before the server's first
      // address came stops waiting for it.
      stop: async () => {
        stopped = true;
        for (const listener of serverFailures) listener('the embedded server was stopped');
      },
    };
  };

  parent.on('message', ({ data, ports }) => {
    const message = checkedMessage(mainToCoreSchema, data, '[core] refused a malformed message from main');
    if (message === null) return;
    switch (message.type) {
      case 'init':
        if (starting) return;
        starting = true;
        void start(message);
        return;
      case 'connect-window': {
        const port = ports[0];
        if (port === undefined) return;
        if (client === null) waitingPorts.push(port);
        else connectWindow(port, client);
        return;
      }
      case 'server-url':
        for (const listener of serverUrls) listener(message.url);
        return;
      case 'server-failed':
        for (const listener of serverFailures) listener(message.reason);
        return;
      case 'host-reply': {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.value ?? null);
        else waiting?.reject(new Error(message.error ?? 'host request failed'));
        return;
      }
      case 'shutdown':
        void (client?.close() ?? Promise.resolve()).finally(() => process.exit(0));
        return;
    }
  });
}
