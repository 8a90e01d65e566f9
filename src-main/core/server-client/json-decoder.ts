import { Worker } from 'node:worker_threads';

/**
 * Turns a line of UTF-8 JSON into a value, the large ones on a worker thread. A first sync receives some
 * 860 KB of JSON per page of 100 applications, mostly Chinese text; decoding it to a JavaScript string
 * and parsing it cost the thread that writes the pages about half as much again as the writes themselves
 * (issue 14). On the worker it runs beside the writes, and the thread that asked pays only for receiving
 * the value (a structured clone: about a quarter of decoding and parsing). The value is the same
 * `JSON.parse(bytes.toString('utf8'))` would give, and bytes that are not JSON fail alike; checking it
 * against the contract is still the caller's job.
 *
 * One worker per process, started on first use and holding the process open only while it has lines
 * to decode. Should it fail to start or stop working, lines are decoded in place from then on, those it
 * held included.
 */

/** Smaller lines (a delta's page, a "resync") are decoded in place: a round trip would cost more. */
export const WORKER_MIN_BYTES = 128 * 1024;

export function decodeJson(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString('utf8')) as unknown;
}

interface Pending {
  bytes: Buffer;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class WorkerDecoder {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  decode(bytes: Buffer): Promise<unknown> {
    const worker = this.failed ? null : this.started();
    if (worker === null) return decodedInPlace(bytes);
    const id = this.nextId++;
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { bytes, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  private started(): Worker | null {
    if (this.worker !== null) return this.worker;
    try {
      this.worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      this.failed = true;
      return null;
    }
    this.worker.unref();
    this.worker.on('message', (answer: { id: number; value?: unknown; error?: string }) => {
      const waiting = this.pending.get(answer.id);
      if (waiting === undefined) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) this.worker?.unref();
      if (answer.error === undefined) waiting.resolve(answer.value);
      else waiting.reject(new SyntaxError(answer.error));
    });
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
    return this.worker;
  }

  /** The worker is gone: what it held is decoded here, and so is every line after. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = null;
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const { bytes, resolve, reject } of held) decodedInPlace(bytes).then(resolve, reject);
  }
}

function decodedInPlace(bytes: Buffer): Promise<unknown> {
  try {
    return Promise.resolve(decodeJson(bytes));
  } catch (error) {
    return Promise.reject(error);
  }
}

// Plain CommonJS, evaluated by the worker: it needs no loader for TypeScript and no entry in the bundles.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, bytes }) => {
  let value;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
    return;
  }
  parentPort.postMessage({ id, value });
});
`;

let shared: WorkerDecoder | null = null;

/** Decodes `bytes` on the process's decoding worker (see above). */
export function decodeJsonOffThread(bytes: Buffer): Promise<unknown> {
  shared ??= new WorkerDecoder();
  return shared.decode(bytes);
}
