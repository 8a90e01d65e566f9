import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppFailure } from '../../../src-shared/contracts';
import type { PullResponse, SyncStatus } from '../../../src-shared/contracts';
import type { ApplicationCache } from '../cache/application-cache';
import type { ServerClient } from '../server-client/server-client';

/**
 * Keeps one user's cache in step with the server (DESIGN.md "Sync"): pulls pages from the stored cursor
 * until the server has nothing more, each page applied with its cursor in one local transaction, so a sync
 * stopped at any point (server gone, process killed) resumes where the last applied page ended. Runs on
 * start, on a timer, on demand, and as soon as the server answers again after being unreachable.
 */

export interface SyncEngineOptions {
  cache: ApplicationCache;
  server: ServerClient;
  /** Runs a server call with the session token (and forgets the session when the server says it is over). */
  withToken: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  /** Called with every status change. */
  onStatus: (status: SyncStatus) => void;
  /** How often to sync while online; the settings screen changes it later. */
  intervalMs?: number;
  /** How often to check whether an unreachable server is back. */
  offlineProbeMs?: number;
  pageSize?: number;
  now?: () => Date;
}

export const DEFAULT_SYNC_INTERVAL_MS = 2 * 60_000;
export const DEFAULT_OFFLINE_PROBE_MS = 5_000;
/**
 * Applications per pull. Applying a page is one transaction on the main process: 100 applications of
 * about 5 KB take some 30 ms on a slow office PC, within the 50 ms a stall may last (bench/sync.bench.ts).
 */
export const DEFAULT_PAGE_SIZE = 100;
/** Scans fetched for offline viewing after each sync; the rest follow on the next runs. */
const PREFETCH_PER_RUN = 50;
/** Progress events at most this often: the renderer needs a moving bar, not one event per page. */
const PROGRESS_EVENT_MS = 100;

export class SyncEngine {
  private status: SyncStatus;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastProgressEvent = 0;

  constructor(private readonly options: SyncEngineOptions) {
    const state = options.cache.syncState();
    this.status = {
      phase: 'idle',
      progress: null,
      error: null,
      lastSyncedAt: state.lastSyncedAt,
      cachedCount: options.cache.count(),
    };
  }

  currentStatus(): SyncStatus {
    return this.status;
  }

  /** Syncs now, then keeps syncing on the timer. */
  start(): void {
    this.stopped = false;
    void this.syncNow();
  }

  /** Stops the timer; a page being applied finishes (its transaction is atomic anyway). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  /** Starts a sync unless one runs, and resolves when that sync ends (it never rejects). */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.run().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async run(): Promise<void> {
    this.clearTimer();
    this.setStatus({ phase: 'syncing', progress: { received: 0, total: 0 }, error: null });
    try {
      await this.pullAll();
      const at = (this.options.now?.() ?? new Date()).toISOString();
      this.options.cache.markSynced(at);
      this.setStatus({ phase: 'idle', progress: null, error: null, lastSyncedAt: at });
      await this.prefetchAttachments();
    } catch (error) {
      this.setStatus(failureStatus(error));
    }
  }

  /**
   * Pulls until the server has nothing after the cursor. The next page is requested before the current
   * one is applied, so the network and the local writes overlap.
   */
  private async pullAll(): Promise<void> {
    const { cache } = this.options;
    let received = 0;
    let page = await this.pull(cache.syncState().cursor ?? undefined);
    for (;;) {
      if (page.kind === 'resync') {
        // The cursor means nothing to the server any more: take a fresh snapshot, keeping drafts and outbox.
        cache.beginSnapshot();
        page = await this.pull(undefined);
        if (page.kind === 'resync') throw new AppFailure('SERVER_ERROR', '服务器无法提供同步数据,请稍后重试');
        continue;
      }
      const next = page.remaining > 0 && !this.stopped ? this.pull(page.cursor) : null;
      // A failed prefetch is reported when awaited; until then it must not count as unhandled.
      next?.catch(() => undefined);
      // Parsing the page and applying it are each a few tens of milliseconds; between them the event loop
      // gets a turn, so the window never waits for both at once.
      await yieldToEventLoop();
      cache.applyPage(page);
      received += page.applications.length + page.removedIds.length;
      this.progress(received, received + page.remaining);
      if (next === null) break;
      await yieldToEventLoop();
      page = await next;
    }
    if (cache.syncState().snapshotInProgress) await cache.finishSnapshot();
  }

  private pull(cursor: string | undefined): Promise<PullResponse> {
    const { server } = this.options;
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const request = cursor === undefined ? { limit: pageSize } : { cursor, limit: pageSize };
    return this.options.withToken((token) => server.call('pullApplications', request, token));
  }

  /** Caches scans of the cached applications so they open offline; stops quietly at the first failure. */
  private async prefetchAttachments(): Promise<void> {
    const { cache, server } = this.options;
    for (const missing of cache.missingBlobs(PREFETCH_PER_RUN)) {
      if (this.stopped || cache.hasBlob(missing.sha256)) continue;
      try {
        const file = await this.options.withToken((token) =>
          server.call(
            'getApplicationAttachment',
            { id: missing.applicationId, fileId: missing.fileId },
            token,
          ),
        );
        cache.putBlob(missing.sha256, file.mimeType, Buffer.from(file.contentBase64, 'base64'));
      } catch {
        return;
      }
    }
  }

  private progress(received: number, total: number): void {
    const now = Date.now();
    if (now - this.lastProgressEvent < PROGRESS_EVENT_MS && received < total) return;
    this.lastProgressEvent = now;
    this.setStatus({ progress: { received, total } });
  }

  private setStatus(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change, cachedCount: this.options.cache.count() };
    this.options.onStatus(this.status);
  }

  /** Next run: soon while offline (to notice the server's return), else at the regular interval. */
  private schedule(): void {
    if (this.stopped) return;
    this.clearTimer();
    const delay =
      this.status.phase === 'offline'
        ? (this.options.offlineProbeMs ?? DEFAULT_OFFLINE_PROBE_MS)
        : (this.options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
    this.timer = setTimeout(() => void this.syncNow(), delay);
    // A pending sync must not keep a Node process (tests, the CLI) alive.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

function failureStatus(error: unknown): Partial<SyncStatus> {
  if (error instanceof AppFailure && error.error.code === 'SERVER_UNREACHABLE') {
    return { phase: 'offline', progress: null, error: null };
  }
  const message =
    error instanceof AppFailure ? error.error.message : '同步时发生错误,本机缓存的数据仍可使用,请稍后重试';
  if (!(error instanceof AppFailure)) console.error('[core] sync failed', error);
  return { phase: 'error', progress: null, error: message };
}
