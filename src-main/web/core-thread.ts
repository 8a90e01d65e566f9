import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { CoreChild } from '../core/core-host/core-process';
import { relayOutput } from '../core/embedded-server';
import type { OutputLineSink } from '../core/log/file-log';
import type { CoreThreadEnvelope, CoreWorkerData } from './core-worker';
import type { SharedClock } from './shared-clock';

/**
 * Starts the web host's core in a worker thread (core-worker.ts), seen by startCoreProcess as the
 * Electron app sees its utilityProcess. A thread rather than a process: it starts faster, and the
 * host's only link to it is the protocol's messages, so a process would buy nothing but the cost.
 */

/** The core thread's entry: the bundle as shipped, or the TypeScript source through tsx. */
export interface CoreWorkerEntry {
  file: string;
  /** For the source: the module the tsx shim imports (core-worker-source.mjs). */
  sourceEntry?: string;
}

/**
 * dist/web/core-worker.js beside the bundle whose module URL is given (cli.js passes its own), or the
 * source through its shim when the code runs from source. Not "whichever exists": a checkout's dist/
 * may hold a bundle older than the source being tested.
 */
export function coreWorkerEntryFrom(moduleUrl: string): CoreWorkerEntry {
  const file = fileURLToPath(moduleUrl);
  const here = path.dirname(file);
  if (path.extname(file) === '.ts') {
    return {
      file: path.join(here, 'core-worker-source.mjs'),
      sourceEntry: pathToFileURL(path.join(here, 'core-worker.ts')).href,
    };
  }
  const bundled = path.join(here, 'core-worker.js');
  if (!existsSync(bundled)) throw new Error(`The core thread's bundle was not found at ${bundled}`);
  return { file: bundled };
}

export interface CoreThreadOptions {
  entry: CoreWorkerEntry;
  /** The core's whole environment (the host's, or a test's). */
  env: NodeJS.ProcessEnv;
  clock?: SharedClock;
  /** Where the thread's output lines go; this process's console when absent (relayOutput). */
  onLog?: OutputLineSink;
}

export function forkCoreThread(options: CoreThreadOptions): CoreChild<MessagePort> {
  const workerData: CoreWorkerData & { sourceEntry?: string } = {
    ...(options.clock === undefined ? {} : { clock: options.clock.buffer }),
    ...(options.entry.sourceEntry === undefined ? {} : { sourceEntry: options.entry.sourceEntry }),
  };
  // Its console is piped here rather than straight to the terminal, so the host's log captures the
  // core's warnings and errors as Electron's main captures its core process's.
  const worker = new Worker(options.entry.file, {
    env: { ...options.env },
    workerData,
    stdout: true,
    stderr: true,
  });
  relayOutput(worker, options.onLog);
  // A thread that throws on start is reported through its exit, which the host already handles.
  worker.on('error', (error) => console.error('[web] the core thread failed', error));
  function on(event: 'message', listener: (message: unknown) => void): void;
  function on(event: 'exit', listener: (code: number) => void): void;
  function on(event: 'message' | 'exit', listener: (value: never) => void): void {
    // The overloads above pair each event with its listener; Worker's own typing takes any function.
    worker.on(event, listener as (...args: unknown[]) => void);
  }
  return {
    postMessage: (message, transfer = []) => {
      const envelope: CoreThreadEnvelope = { message, ports: transfer };
      worker.postMessage(envelope, transfer);
    },
    on,
    kill: () => {
      void worker.terminate();
      return true;
    },
  };
}
