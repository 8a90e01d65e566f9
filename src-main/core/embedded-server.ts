import { fork as forkChild } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { OutputLineSink } from './log/file-log';
import { settlesWithin } from './settles-within';

/**
 * Keeps the embedded platform server running in its own process (Electron's `utilityProcess` in the
 * app, a Node child process in the web host; anything with the same few methods in tests), so that its
 * synchronous queries and large JSON pages never land on the event loop of the core or the windows. The server listens on a free loopback port and
 * reports `{ type: 'listening', url }` (src-server/process-entry.ts); if it exits unexpectedly it is
 * started again after a short, growing pause, and given up on after a few quick failures in a row, so
 * a server that cannot start (a locked or corrupt database) does not spin forever.
 */

/** One server process, as the supervisor sees it. */
export interface ServerProcess {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  postMessage(message: unknown): void;
  kill(): void;
}

export interface EmbeddedServerOptions {
  fork: () => ServerProcess;
  /**
   * The first start waits for this (the web host holds the server back while the window draws its
   * first screen); unset, the server is started at once. A stop before it settles starts nothing.
   */
  startAfter?: Promise<void>;
  /** Each time a (re)started server listens; the URL changes with every start (port 0). */
  onUrl?: (url: string) => void;
  /** After the last restart attempt failed; the app tells the user and quits. */
  onGiveUp?: (reason: string) => void;
  startTimeoutMs?: number;
  /** A server that ran this long before exiting counts as healthy: the failure count starts again. */
  stableAfterMs?: number;
  /** Consecutive failed starts or quick crashes before giving up. */
  maxRestarts?: number;
  backoffMs?: (attempt: number) => number;
  stopTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** Resolves with the first URL; rejects if the server never listened before the supervisor gave up. */
  readonly firstUrl: Promise<string>;
  /** The current server's URL, null while it is (re)starting. */
  currentUrl(): string | null;
  /** Asks the server to shut down, and kills it if it does not in time. Restarts stop. */
  stop(): Promise<void>;
}

export const defaultBackoffMs = (attempt: number) => Math.min(250 * 2 ** Math.max(0, attempt - 1), 10_000);

export function superviseEmbeddedServer(options: EmbeddedServerOptions): EmbeddedServer {
  const {
    fork,
    startTimeoutMs = 30_000,
    stableAfterMs = 30_000,
    maxRestarts = 5,
    backoffMs = defaultBackoffMs,
    stopTimeoutMs = 5_000,
    log = (message: string) => console.warn(`[embedded-server] ${message}`),
  } = options;

  let resolveFirst!: (url: string) => void;
  let rejectFirst!: (error: Error) => void;
  const firstUrl = new Promise<string>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  // A caller that only awaits stop() must not see an unhandled rejection.
  firstUrl.catch(() => {});

  let child: ServerProcess | null = null;
  let url: string | null = null;
  let listenedAt: number | null = null;
  let failures = 0;
  let stopping = false;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  let exited: Promise<void> = Promise.resolve();

  function start() {
    restartTimer = undefined;
    if (stopping) return;
    const current = fork();
    child = current;
    listenedAt = null;
    let markExited!: () => void;
    exited = new Promise<void>((resolve) => (markExited = resolve));

    startTimer = setTimeout(() => {
      log(`the server did not report listening within ${startTimeoutMs} ms; stopping it`);
      current.kill();
    }, startTimeoutMs);

    current.onMessage((message) => {
      if (current !== child || !isRecord(message)) return;
      if (message.type === 'listening' && typeof message.url === 'string') {
        clearTimeout(startTimer);
        url = message.url;
        listenedAt = Date.now();
        resolveFirst(message.url);
        options.onUrl?.(message.url);
      } else if (message.type === 'error') {
        log(`the server reported: ${String(message.message)}`);
      }
    });

    current.onExit((code) => {
      markExited();
      if (current !== child) return;
      clearTimeout(startTimer);
      child = null;
      url = null;
      if (stopping) return;
      const ranLongEnough = listenedAt !== null && Date.now() - listenedAt >= stableAfterMs;
      failures = ranLongEnough ? 1 : failures + 1;
      if (failures > maxRestarts) {
        const reason = `the embedded server exited (code ${code}) ${failures} times in a row`;
        log(`${reason}; giving up`);
        rejectFirst(new Error(reason));
        options.onGiveUp?.(reason);
        return;
      }
      const delay = backoffMs(failures);
      log(`the server exited unexpectedly (code ${code}); restarting in ${delay} ms`);
      restartTimer = setTimeout(start, delay);
    });
  }

  if (options.startAfter === undefined) start();
  else void options.startAfter.then(start, start);

  return {
    firstUrl,
    currentUrl: () => url,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      clearTimeout(startTimer);
      rejectFirst(new Error('the embedded server was stopped'));
      const running = child;
      if (running === null) return;
      running.postMessage({ type: 'shutdown' });
      if (await settlesWithin(exited, stopTimeoutMs)) return;
      log('the server did not shut down in time; killing it');
      running.kill();
      await settlesWithin(exited, stopTimeoutMs);
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The server's entry and how to run it: the bundle as shipped, or the TypeScript source through tsx. */
export interface ServerEntry {
  file: string;
  /** Node options the child needs (tsx's loader for the source; nothing for the bundle). */
  execArgv: string[];
}

/**
 * The bundled entry (dist/server/process-entry.js) when this code itself runs from a bundle under
 * dist/, where the build put both side by side; the source through tsx when it runs from source. Not
 * "whichever exists": a checkout's dist/ may hold a bundle older than the source being tested.
 */
export function resolveServerEntry(moduleUrl: string = import.meta.url): ServerEntry {
  const here = path.dirname(fileURLToPath(moduleUrl));
  const bundled = path.resolve(here, '..', 'server', 'process-entry.js');
  if (path.extname(fileURLToPath(moduleUrl)) === '.js' && existsSync(bundled)) {
    return { file: bundled, execArgv: [] };
  }
  let dir = here;
  // From source the module sits at src-main/core/; walk up to the checkout holding src-server/.
  while (!existsSync(path.join(dir, 'src-server', 'process-entry.ts'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`The embedded server's entry was not found above ${here}`);
    dir = parent;
  }
  return { file: path.join(dir, 'src-server', 'process-entry.ts'), execArgv: ['--import', 'tsx'] };
}

export interface NodeServerOptions {
  entry: ServerEntry;
  /** The child's whole environment (DATA_DIR or DATABASE_URL, DEMO, EMBEDDED_SERVER_PORT, ...). */
  env: NodeJS.ProcessEnv;
  /** Each line the server logs (JSON lines on stdout, anything else on stderr). */
  onLog?: OutputLineSink;
}

/** One server child for the web host, with Node's child_process (Electron forks a utilityProcess). */
export function forkNodeServer(options: NodeServerOptions): ServerProcess & { pid: number | undefined } {
  const child = forkChild(options.entry.file, [], {
    execArgv: options.entry.execArgv,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  relayOutput(child, options.onLog);
  // An IPC write to a child that just died fails asynchronously; the exit handler deals with the death.
  child.on('error', () => {});
  return {
    pid: child.pid,
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    postMessage: (message) => {
      if (child.connected) child.send(message as object);
    },
    kill: () => void child.kill('SIGKILL'),
  };
}

// By default a child's output goes to this process's console, which installConsoleCapture feeds into its log.
const toConsole: OutputLineSink = (line, stream) => (stream === 'stderr' ? console.warn : console.log)(line);

/** Relays a child process's or worker thread's piped output, line by line. */
export function relayOutput(
  source: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null },
  onLog: OutputLineSink = toConsole,
): void {
  eachLineOf(source.stdout, (line) => onLog(line, 'stdout'));
  eachLineOf(source.stderr, (line) => onLog(line, 'stderr'));
}

/**
 * Each non-blank line of a piped output. A pipe delivers chunks, not lines: a line (or a character of
 * Chinese) cut across two chunks is joined by readline before it is written.
 */
export function eachLineOf(
  stream: NodeJS.ReadableStream | null | undefined,
  write: (line: string) => void,
): void {
  if (stream === null || stream === undefined) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') write(line);
  });
}
