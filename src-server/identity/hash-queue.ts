import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppFailure } from '../../src-shared/contracts/errors';

/**
 * A bound on the password hashes one server instance runs at once. Each login costs a full scrypt;
 * without a bound a storm of logins starts them all together, every one of them slows down, and none
 * finishes before its client gives up. With it, `concurrency` hashes run, up to `queueLength` logins
 * wait their turn in order, and anyone beyond that is told at once (503 SERVER_BUSY with Retry-After)
 * to come back later, so the logins that are admitted finish in a time the queue bounds.
 *
 * Work whose client has disconnected while it waited is dropped before it starts: a login nobody is
 * waiting for must not cost a hash.
 */

export interface HashQueueSettings {
  /** Hashes that run at the same time. */
  concurrency: number;
  /** Logins that may wait for a free slot; one more is refused with SERVER_BUSY. */
  queueLength: number;
}

/**
 * Thrown to work whose client went away while it waited. Nobody reads the answer; it is a client
 * error so that the server does not log it as a failure of its own.
 */
export class ClientGone extends AppFailure {
  constructor() {
    super('BAD_REQUEST', '请求已取消');
    this.name = 'ClientGone';
  }
}

interface Waiter {
  start: () => void;
  onAbort: () => void;
}

/** Until a hash has been timed, the Retry-After estimate assumes this long per hash. */
const INITIAL_HASH_MS = 100;

export class HashQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Moving average of one slot's duration, for Retry-After. */
  private averageMs = INITIAL_HASH_MS;

  constructor(readonly settings: HashQueueSettings) {
    if (!Number.isInteger(settings.concurrency) || settings.concurrency < 1) {
      throw new Error(
        `The hash concurrency must be a whole number of at least 1, got ${settings.concurrency}`,
      );
    }
    if (!Number.isInteger(settings.queueLength) || settings.queueLength < 0) {
      throw new Error(
        `The hash queue length must be a whole number of at least 0, got ${settings.queueLength}`,
      );
    }
  }

  /** Work running now. */
  get active(): number {
    return this.running;
  }

  /** The recent average time a login holds a slot (hash and attempt bookkeeping), in ms. */
  get averageSlotMs(): number {
    return this.averageMs;
  }

  /** Work waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `work` when a slot is free. Refuses with SERVER_BUSY when the queue is full, and with
   * ClientGone (without running it) when `signal` aborts before its turn.
   */
  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    if (signal.aborted) throw new ClientGone();
    if (this.running < this.settings.concurrency) {
      this.running += 1;
    } else {
      if (this.waiting.length >= this.settings.queueLength) throw this.busy();
      // The slot is handed over by release(), already counted, so nobody can slip in between.
      await this.waitForSlot(signal);
    }
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      this.release();
    }
  }

  private waitForSlot(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal.removeEventListener('abort', waiter.onAbort);
          resolve();
        },
        onAbort: () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new ClientGone());
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the first waiter, or frees it. */
  private release(): void {
    const waiter = this.waiting.shift();
    if (waiter === undefined) this.running -= 1;
    else waiter.start();
  }

  /** The refusal, with the time the present queue needs to drain as Retry-After. */
  private busy(): AppFailure {
    const rounds = Math.ceil((this.waiting.length + 1) / this.settings.concurrency);
    const seconds = Math.max(1, Math.ceil((rounds * this.averageMs) / 1000));
    return new AppFailure('SERVER_BUSY', `登录人数较多,服务器繁忙,请${seconds}秒后重试`, undefined, {
      retryAfterSeconds: seconds,
    });
  }
}

/**
 * As many hashes as cores (scrypt runs on libuv's thread pool, four threads by default, which file
 * access shares), and a queue that drains in a few seconds at N=2^15.
 */
export function defaultHashQueueSettings(): HashQueueSettings {
  return { concurrency: Math.max(1, Math.min(os.availableParallelism(), 4)), queueLength: 64 };
}
