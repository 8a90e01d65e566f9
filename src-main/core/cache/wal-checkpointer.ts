import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs the cache's WAL checkpoints on a worker thread with its own connection.
 *
 * In WAL mode each commit appends pages to the -wal file, and a checkpoint later copies them into the
 * database file. SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
 * thread that committed: during a first sync that is every few pages, and copying a few pages' worth of
 * WAL (5 MB each, scattered over the file, then fsync) stalled the main process for 300-400 ms at a
 * time, far over the 50 ms that sync may take (DESIGN.md "Sync"). A PASSIVE checkpoint from a second
 * connection runs beside the writer and the readers without blocking either, so the main thread only
 * ever pays for its own commits.
 *
 * At most one checkpoint per CHECKPOINT_INTERVAL_MS: a first sync commits a slice every few
 * milliseconds, and checkpointing after each one (with its fsync) cost the worker twice the CPU, and
 * the writer some too, for a WAL that the interval keeps at a few megabytes anyway (issue 14).
 *
 * The worker's code is a string rather than a file: it then needs no loader for TypeScript in tests and
 * no entry of its own in the bundles. It loads the same better-sqlite3 the core resolves.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  /** [0]: checkpoints requested so far, [1]: set to 1 by the worker once its connection is closed. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  private failed = false;
  private stopped = false;

  /** `onFailure` runs once if the worker cannot work; the caller then checkpoints itself again. */
  constructor(file: string, onFailure: (error: Error) => void) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver: DRIVER_PATH,
        shared: this.shared.buffer,
        intervalMs: CHECKPOINT_INTERVAL_MS,
      },
    });
    // A checkpoint that is not done when the app quits is simply done by the next open.
    this.worker.unref();
    this.worker.on('error', (error) => {
      if (this.failed) return;
      this.failed = true;
      onFailure(error);
    });
  }

  /**
   * Asks for a checkpoint after a write. Every request posts a message, because a caller that writes
   * page after page without yielding never gets to read the worker's replies; the worker counts the
   * requests and skips the messages that arrive after a checkpoint already covered them.
   */
  request(): void {
    if (this.failed || this.stopped) return;
    Atomics.add(this.shared, 0, 1);
    this.worker.postMessage('checkpoint');
  }

  /**
   * Closes the worker's connection before returning, waiting for a checkpoint in progress (tens of
   * milliseconds at most): Windows will not delete a file that any connection still holds open, and
   * "退出并清除本地数据" deletes the cache right after closing it.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.failed) {
      this.worker.postMessage('close');
      Atomics.wait(this.shared, 1, 0, STOP_TIMEOUT_MS);
    }
    void this.worker.terminate();
  }
}

const STOP_TIMEOUT_MS = 5_000;
const CHECKPOINT_INTERVAL_MS = 250;

const DRIVER_PATH = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain CommonJS, evaluated by the worker. A failed checkpoint (the file busy with another process's
// checkpoint) is left to the next request. A request within the interval after a checkpoint waits for
// its end, and so does every request that arrives meanwhile: one checkpoint covers them all.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const shared = new Int32Array(workerData.shared);
const db = new Database(workerData.file);
let covered = 0;
let lastAt = 0;
let waiting = null;
function checkpoint() {
  waiting = null;
  const requested = Atomics.load(shared, 0);
  if (requested === covered) return;
  const wait = lastAt + workerData.intervalMs - Date.now();
  if (wait > 0) {
    waiting = setTimeout(checkpoint, wait);
    return;
  }
  covered = requested;
  lastAt = Date.now();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
}
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    if (waiting === null) checkpoint();
  } else if (message === 'close') {
    if (waiting !== null) clearTimeout(waiting);
    db.close();
    Atomics.store(shared, 1, 1);
    Atomics.notify(shared, 1);
    parentPort.close();
  }
});
`;
