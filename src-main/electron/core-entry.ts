import { appError, type AppEvent, type Printer } from '../../src-shared/contracts';
import { dispatchAppCall } from '../core/app-api/dispatch';
import type { EmbeddedServer } from '../core/embedded-server';
import type { PdfPrintOutcome } from '../core/print/pdf-printer';
import type { TokenVault } from '../core/session/token-vault';
import { startClient, type RunningClient } from '../core/start-client';
import type { PortAnswer } from './app-api-channel';
import {
  coreToMainSchema,
  mainToCoreSchema,
  portCallSchema,
  type CoreToMain,
  type HostOp,
} from './core-protocol';

/**
 * The core's process (Electron's utilityProcess, forked by main): cache, sync, drafts and the 公示表's
 * PDF run here, off the process that hosts the windows, so a sync applying pages never stalls them.
 * Windows reach it through MessagePorts that main hands over after checking the window; main keeps
 * what only it can do (safeStorage, printers, the print dialog, starting the embedded server's own
 * utilityProcess) and answers host requests for them.
 */

/** Electron's MessagePortMain, as far as the core uses it. */
export interface CorePort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's `process.parentPort` in a utility process. */
export interface CoreParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: CorePort[] }) => void): void;
  postMessage(message: unknown): void;
}

export function serveCore(parent: CoreParentPort, env: NodeJS.ProcessEnv = process.env): void {
  const send = (message: CoreToMain) => parent.postMessage(coreToMainSchema.parse(message));
  let client: RunningClient | null = null;
  let starting = false;
  let nextRequest = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const serverUrls: ((url: string) => void)[] = [];
  const serverFailures: ((reason: string) => void)[] = [];
  // Windows that connected before the client was ready wait here, their calls queued in their port.
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

  const connectWindow = (port: CorePort, running: RunningClient) => {
    const post = (answer: PortAnswer) => port.postMessage(answer);
    const unsubscribe = running.events.subscribe((event: AppEvent) => post({ type: 'event', event }));
    port.on('message', ({ data }) => {
      const call = portCallSchema.safeParse(data);
      if (!call.success) {
        console.warn('[core] refused a malformed message from a window');
        return;
      }
      const { id, method, input } = call.data;
      void dispatchAppCall(running.handlers, method, input).then(
        (result) => post({ type: 'result', id, result }),
        () => post({ type: 'result', id, result: { ok: false, error: appError('SERVER_ERROR') } }),
      );
    });
    port.on('close', unsubscribe);
    port.start();
  };

  const start = async (init: { dataDir: string; fontsDir: string; configFile: string | null }) => {
    try {
      const running = await startClient({
        dataDir: init.dataDir,
        env,
        configFile: init.configFile,
        warn: (message) => console.warn('[core]', message),
        core: {
          tokenVault,
          fontsDir: init.fontsDir,
          pdfPrinter: {
            print: async (pdf, fileName) =>
              (await host('print.pdf', Buffer.from(pdf).toString('base64'), fileName)) as PdfPrintOutcome,
          },
          printers: {
            list: async () => (await host('printers.list')) as Printer[],
          },
        },
        startEmbeddedServer: (onUrl) => remoteEmbeddedServer(onUrl),
      });
      client = running;
      for (const port of waitingPorts.splice(0)) connectWindow(port, running);
      send({ type: 'ready', mode: running.mode, serverUrl: running.serverUrl() });
    } catch (error) {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  /** The embedded server runs in its own utilityProcess, which only main can fork: ask main. */
  const remoteEmbeddedServer = (onUrl: (url: string) => void): EmbeddedServer => {
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
    send({ type: 'start-server' });
    // Main stops the server itself when the app quits.
    return { firstUrl, currentUrl: () => current, stop: async () => {} };
  };

  parent.on('message', ({ data, ports }) => {
    const parsed = mainToCoreSchema.safeParse(data);
    if (!parsed.success) {
      console.warn('[core] refused a malformed message from main');
      return;
    }
    const message = parsed.data;
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

const parentPort = (process as NodeJS.Process & { parentPort?: CoreParentPort }).parentPort;
if (parentPort !== undefined) serveCore(parentPort);
