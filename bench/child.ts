import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { within } from './harness';

/**
 * The bench's helper processes (bench/children/*.ts) over Node's IPC channel: the parent sends
 * `{ id, command, args }`, the child answers `{ id, ok, value }` or `{ id, ok: false, error }`, and may
 * send `{ event }` unasked (a relayed sync status). Every request has a timeout, and a child that exits
 * fails whatever is still waiting: a broken child never hangs the bench.
 */

export interface ChildMessage {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: string;
  event?: unknown;
}

export interface BenchChild {
  readonly process: ChildProcess;
  request<T>(command: string, args: unknown, timeoutMs: number): Promise<T>;
  onEvent(listener: (event: unknown) => void): void;
  /** Asks the child to exit, then kills it (by its own pid) if it has not within 10 s. */
  stop(): Promise<void>;
}

/** Loading a child's modules through tsx on a loaded 2-core machine takes seconds, not minutes. */
const READY_TIMEOUT_MS = 120_000;

function isReady(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { name?: unknown }).name === 'bench-ready';
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function startChild(script: string, env: NodeJS.ProcessEnv = {}): BenchChild {
  const child = fork(path.join(here, 'children', script), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners: ((event: unknown) => void)[] = [];
  let exited = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.on('message', (raw: ChildMessage) => {
    if (isReady(raw.event)) {
      markReady();
      return;
    }
    if (raw.event !== undefined) {
      for (const listener of listeners) listener(raw.event);
      return;
    }
    const waiting = raw.id === undefined ? undefined : pending.get(raw.id);
    if (waiting === undefined || raw.id === undefined) return;
    pending.delete(raw.id);
    if (raw.ok === true) waiting.resolve(raw.value);
    else waiting.reject(new Error(`${script}: ${raw.error ?? 'failed'}`));
  });
  const exitedEarly = new Promise<void>((_resolve, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal})`))),
  );
  exitedEarly.catch(() => {});
  child.once('exit', (code, signal) => {
    exited = true;
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`${script} exited (${code ?? signal}) before answering`));
    }
    pending.clear();
  });
  return {
    process: child,
    request: async <T>(command: string, args: unknown, timeoutMs: number) => {
      // Messages sent before the child listens would be lost: it says when it does.
      await within(
        Promise.race([ready, exitedEarly]),
        READY_TIMEOUT_MS,
        `${script} to start (it says 'ready' once it listens)`,
      );
      if (exited) throw new Error(`${script} has exited`);
      const id = nextId++;
      const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      child.send({ id, command, args });
      return (await within(answer, timeoutMs, `${script} to answer ${command}`)) as T;
    },
    onEvent: (listener) => listeners.push(listener),
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await within(gone, 10_000, `${script} to exit`).catch(() => {
        child.kill('SIGKILL');
      });
    },
  };
}

/**
 * The child's side: answers each request with `handle`, and exits on SIGTERM or when the parent goes
 * (a bench that died must not leave servers behind).
 */
export function serveParent(
  handle: (command: string, args: unknown) => Promise<unknown>,
  onStop: () => Promise<void> = async () => {},
): (event: unknown) => void {
  const send = (message: ChildMessage) => {
    if (process.connected) process.send?.(message);
  };
  process.on('message', (raw: { id: number; command: string; args: unknown }) => {
    handle(raw.command, raw.args).then(
      (value) => send({ id: raw.id, ok: true, value }),
      (error: unknown) =>
        send({
          id: raw.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  const stop = () => {
    void onStop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  send({ event: { name: 'bench-ready' } });
  return (event) => send({ event });
}
