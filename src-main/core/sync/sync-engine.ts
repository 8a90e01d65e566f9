import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppFailure } from '../../../src-shared/contracts';
import type {
  OperationResult,
  PullResponse,
  PullStreamLine,
  ReviewOperation,
  SyncStatus,
} from '../../../src-shared/contracts';
import type { ApplicationCache, ChangesPage } from '../cache/application-cache';
import type { ServerClient } from '../server-client/server-client';
import { syncCommentPhrases } from './comment-phrases-sync';

/**
 * Keeps one user's cache in step with the server (DESIGN.md "Sync"). Each run first pushes the reviewer's
 * decisions from the outbox, oldest first, then pulls pages from the stored cursor until the server has
 * nothing more (streamed, several pages per answer), each page applied in short transactions of which the
 * last stores the page's cursor, so a sync stopped at any point (server gone, process killed) resumes
 * where the last applied page ended; then it takes the server's holiday table and syncs the reviewer's
 * 常用意见 (comment-phrases-sync.ts). Runs on start, on a timer, on
 * demand, after each decision, and as soon as the server answers again after being unreachable; a
 * 常用意见 save sends the list at once on its own (sendCommentPhrases).
 *
 * Pushing before pulling: the pull then already brings what the decisions changed, and a decision is
 * judged against the version the reviewer saw, not one the pull slipped in meanwhile. Each operation's
 * outcome is final (applied, conflict, rejected) and stored per operation, so one refused decision never
 * holds up the others; only a failed request is retried, with backoff.
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
 * Applications per page (one NDJSON line of the streamed pull). The client parses a whole line at once,
 * so a page is kept to some 800 KB of JSON; it is applied in slices of SLICE_BUDGET_MS, not at once.
 */
export const DEFAULT_PAGE_SIZE = 100;
/**
 * Pages per streamed answer: the client asks again from the last page's cursor after this many, so the
 * server counts what remains again now and then and no answer holds a connection for long.
 */
export const STREAM_PAGES = 10;
/** Pages read from the connection while one is being applied. */
const READ_AHEAD_PAGES = 3;
/**
 * How long one local write transaction may take: a page is applied in slices sized to about this, with
 * the event loop free between them, so the window never waits on the sync for long.
 */
const SLICE_BUDGET_MS = 8;
const MIN_SLICE = 5;
/** Recount the cached applications for the status at most this often while pages arrive. */
const RECOUNT_MS = 1_000;
/** Operations per push request (the contract's limit). */
export const PUSH_BATCH = 50;
/**
 * After a failed push the outbox waits this long, doubling up to PUSH_BACKOFF_MAX_MS, before the timer
 * tries again; a success, a reviewer's action (a decision, 立即同步) or, after an unreachable server, a
 * pull that gets through, ends the wait.
 */
export const PUSH_BACKOFF_MIN_MS = 2_000;
export const PUSH_BACKOFF_MAX_MS = 2 * 60_000;
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
  /** Another run was asked for while one ran (a decision made during a pull): run again at its end. */
  private again = false;
  /** The next run pushes even while backing off: the reviewer asked for it. */
  private forcePush = false;
  private pushBackoffMs = 0;
  private pushRetryAt = 0;
  /** Why the last push failed: an unreachable server ends its backoff as soon as a pull gets through. */
  private pushFailure: 'unreachable' | 'refused' | null = null;
  /**
   * Whose scans the next prefetch looks for: every cached application ('all') after the engine starts
   * (the last process may have stopped before its scans were in) and after a snapshot, until a look
   * finds less than a run's worth and fetches it all; otherwise the applications the pulls brought
   * since the last complete prefetch (ids). Looking through every attachment reference of a
   * department's 50,000 applications after each delta of ten would make the delta cost what the cache
   * holds.
   */
  private prefetchScope: 'all' | Set<string> = 'all';
  private intervalMs: number;
  /** Applications per write transaction, adapted to SLICE_BUDGET_MS as the pages are applied. */
  private sliceSize = 25;
  private lastRecount = 0;
  /** The server has no streamed pull (an older server): pull page by page. */
  private pagedOnly = false;
  /** A request could not reach the server while a run was going: the run ends offline. */
  private unreachableDuringRun = false;
  private stopListening: (() => void) | null = null;
  /** The 常用意见 step under way (syncPhrases), or a settled promise. */
  private phraseStep: Promise<void> = Promise.resolve();

  constructor(private readonly options: SyncEngineOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    const state = options.cache.sync.syncState();
    this.status = {
      phase: 'idle',
      progress: null,
      error: null,
      lastSyncedAt: state.lastSyncedAt,
      cachedCount: options.cache.queries.count(),
    };
  }

  currentStatus(): SyncStatus {
    return this.status;
  }

  /** 设置 changed the auto-sync interval: a wait under way starts again with the new one. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (this.running === null && this.timer !== null) this.schedule();
  }

  /** Syncs now, then keeps syncing on the timer. */
  start(): void {
    this.stopped = false;
    this.stopListening ??= this.options.server.onReachability((reachable) => {
      if (!reachable) this.serverUnreachable();
    });
    void this.syncNow();
  }

  /**
   * A request (this engine's or any other: a scan opened, another screen's list) could not reach the
   * server. Offline at once, and the offline probe takes over from the regular interval, rather than
   * the reviewer learning of it at the next scheduled sync, minutes later. A run going on ends offline.
   */
  private serverUnreachable(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.unreachableDuringRun = true;
      return;
    }
    if (this.status.phase === 'offline') return;
    this.setStatus({ phase: 'offline', progress: null, error: null });
    this.schedule();
  }

  /**
   * A decision was queued: push it now, or right after the run in progress (which may have taken its
   * batch before the decision existed). Resolves when that push and pull have run.
   */
  pushSoon(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.forcePush = true;
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    return this.syncNow();
  }

  /**
   * 常用意见 were saved here: sends them now, on their own rather than behind a whole pull, after the
   * phrase step of a run under way (which may already have sent them). Nothing is tried while offline:
   * the probe's run sends them once the server answers again. Resolves when the server has taken the
   * list or the try is over (never rejects); what the server did not take stays pending for the next
   * run, and an unreachable server has put the engine offline by then (the reachability listener).
   */
  async sendCommentPhrases(): Promise<void> {
    if (this.stopped || this.status.phase === 'offline') return;
    try {
      await this.syncPhrases(true);
    } catch (error) {
      // An AppFailure (a refusing server, an expired session) is the next run's to report.
      if (!(error instanceof AppFailure)) console.error('[core] comment phrases not sent', error);
    }
  }

  /**
   * One phrase step at a time, a run's or a save's: two at once would send the same edit twice on one
   * base, the second answered as a conflict.
   */
  private syncPhrases(sendOnly: boolean): Promise<void> {
    const step = this.phraseStep.then(() =>
      syncCommentPhrases({
        cache: this.options.cache,
        server: this.options.server,
        withToken: this.options.withToken,
        now: () => this.options.now?.() ?? new Date(),
        sendOnly,
      }),
    );
    this.phraseStep = step.catch(() => undefined);
    return step;
  }

  /** Stops the timer; a page being applied finishes (its transaction is atomic anyway). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    this.stopListening = null;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  /**
   * Starts a sync unless one runs, and resolves when that sync ends (it never rejects). Asked for by the
   * reviewer (login, 立即同步), so it pushes even while a failed push is backing off.
   */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.forcePush = true;
    return this.sync();
  }

  private sync(): Promise<void> {
    this.running ??= this.runWhileAsked().finally(() => {
      this.running = null;
      // Its last run may have got through before the request that did not (a scan prefetched after it).
      if (this.unreachableDuringRun && this.status.phase !== 'offline') {
        this.setStatus({ phase: 'offline', progress: null, error: null });
      }
      this.schedule();
    });
    return this.running;
  }

  private async runWhileAsked(): Promise<void> {
    do {
      this.again = false;
      const force = this.forcePush;
      this.forcePush = false;
      await this.run(force);
    } while (this.again && !this.stopped);
  }

  private async run(forcePush: boolean): Promise<void> {
    this.clearTimer();
    this.unreachableDuringRun = false;
    this.setStatus({ phase: 'syncing', progress: { received: 0, total: 0 }, error: null });
    try {
      let pushProblem = await this.pushOutbox(forcePush);
      await this.pullAll();
      // After the push: a decision the server refused because its table moved a publicity's end (a
      // holiday this client did not know yet) finds the table that explains it here, in the same run.
      await this.pullHolidays();
      // The reviewer's 常用意见: an edit made here goes up (merged if another PC saved meanwhile), or the
      // server's list comes down.
      if (!this.stopped) await this.syncPhrases(false);
      // The pull got through: a push that failed only because the server was gone need not wait longer.
      if (this.pushFailure === 'unreachable' && this.options.cache.work.operationsToSend(1).length > 0) {
        pushProblem = await this.pushOutbox(true);
      }
      const at = (this.options.now?.() ?? new Date()).toISOString();
      this.options.cache.sync.markSynced(at);
      this.setStatus({
        phase: pushProblem === null ? 'idle' : 'error',
        progress: null,
        error: pushProblem,
        lastSyncedAt: at,
      });
      await this.prefetchAttachments();
    } catch (error) {
      this.setStatus(failureStatus(error));
    }
  }

  /**
   * Sends the outbox in batches, oldest first, unless a failed push is still backing off (and the
   * reviewer did not ask). Each batch is marked 'sending' before its request, so after a crash it is
   * sent again under the same ids and the server answers what it did the first time. A failed request
   * puts its batch back to 'pending' and starts (or doubles) the backoff: an unreachable server fails the
   * run (offline) before it tries to pull; any other failure (a 5xx, a server without the route, an
   * expired session) is answered as this run's problem, in Chinese, and the pull goes on.
   *
   * A request the server refuses as malformed would be refused again however often it is sent, and
   * with it every operation queued behind it: the batch is then sent one operation at a time, and an
   * operation refused on its own is rejected (with the server's reason) for the reviewer to resolve.
   */
  private async pushOutbox(force: boolean): Promise<string | null> {
    const { cache, server } = this.options;
    if (!force && Date.now() < this.pushRetryAt) return null;
    let batchSize = PUSH_BATCH;
    for (;;) {
      if (this.stopped) return null;
      const batch = cache.work.operationsToSend(batchSize);
      if (batch.length === 0) return null;
      const ids = batch.map((entry) => entry.id);
      cache.work.markOperations(ids, 'sending');
      let results: OperationResult[];
      try {
        const operations = batch.map((entry) => JSON.parse(entry.payloadJson) as ReviewOperation);
        ({ results } = await this.options.withToken((token) =>
          server.call('pushOperations', { operations }, token),
        ));
      } catch (error) {
        const code = error instanceof AppFailure ? error.error.code : null;
        // A failure of our own (a bug, a damaged cache) speaks English; the log gets it, the user does not.
        const message = error instanceof AppFailure ? error.error.message : '程序内部错误';
        if (code === 'BAD_REQUEST' || code === 'PAYLOAD_TOO_LARGE') {
          if (batch.length > 1) {
            cache.work.markOperations(ids, 'pending', message);
            batchSize = 1;
            continue;
          }
          results = ids.map((id) => ({ id, outcome: 'rejected', message, application: null }));
        } else {
          cache.work.markOperations(ids, 'pending', message);
          this.backOff(code === 'SERVER_UNREACHABLE' ? 'unreachable' : 'refused');
          if (code === 'SERVER_UNREACHABLE') throw error;
          if (code === null) console.error('[core] push failed', error);
          return `审核结果暂未发送到服务器,将自动重试(${message})`;
        }
      }
      cache.work.applyOperationResults(results);
      const answered = new Set(results.map((result) => result.id));
      const unanswered = ids.filter((id) => !answered.has(id));
      if (unanswered.length > 0) {
        // The server skipped some: keep them for later rather than asking again at once, forever.
        cache.work.markOperations(unanswered, 'pending', '服务器未答复');
        this.backOff('refused');
        return '部分审核结果未得到服务器答复,将自动重试';
      }
      this.pushBackoffMs = 0;
      this.pushRetryAt = 0;
      this.pushFailure = null;
    }
  }

  private backOff(reason: 'unreachable' | 'refused'): void {
    this.pushBackoffMs = Math.min(Math.max(this.pushBackoffMs * 2, PUSH_BACKOFF_MIN_MS), PUSH_BACKOFF_MAX_MS);
    this.pushRetryAt = Date.now() + this.pushBackoffMs;
    this.pushFailure = reason;
  }

  /**
   * Pulls until the server has nothing after the cursor: streamed answers of STREAM_PAGES pages, each
   * page applied as it arrives while the next ones are read, and a new answer from the last cursor until
   * the server says nothing remains. A cut answer fails the run as unreachable; the pages applied before
   * the cut stand, and the next run continues from the last one's cursor.
   */
  private async pullAll(): Promise<void> {
    if (!this.pagedOnly) {
      try {
        await this.pullStreamed();
      } catch (error) {
        // A server from before the streamed pull does not know the route: pull as it expects.
        if (!(error instanceof AppFailure && error.error.code === 'NOT_FOUND')) throw error;
        this.pagedOnly = true;
      }
    }
    if (this.pagedOnly) await this.pullPaged();
    // Stopped half way: what has not arrived is not gone, and the snapshot continues next time.
    if (this.stopped) return;
    const { cache } = this.options;
    if (cache.sync.syncState().snapshotInProgress) await cache.sync.finishSnapshot();
  }

  /**
   * Applies the lines of streamedLines one after another, reading one line ahead: the next line is asked
   * for before this one is written, so when this one ends an answer the request for the next answer is
   * already on its way (and the server already producing it) while this page is written, instead of the
   * pull standing idle for a round trip and the server's first page at every STREAM_PAGES pages.
   */
  private async pullStreamed(): Promise<void> {
    const lines = this.streamedLines();
    let received = 0;
    let resynced = false;
    let next = lines.next();
    try {
      for (;;) {
        const result = await next;
        if (result.done === true || this.stopped) return;
        const line = result.value;
        if (line.kind === 'resync') {
          if (resynced) throw new AppFailure('SERVER_ERROR', '服务器无法提供同步数据,请稍后重试');
          resynced = true;
          // Before the next line is asked for: streamedLines starts the snapshot's answer then.
          this.resync();
          next = lines.next();
          continue;
        }
        next = lines.next();
        // A failure of the next request is reported when awaited; until then it must not count as unhandled.
        next.catch(() => undefined);
        await this.applyInSlices(line);
        if (this.stopped) return;
        received += line.applications.length + line.removedIds.length;
        this.progress(received, received + line.remaining);
      }
    } finally {
      // Not awaited: a line still on its way ends the answer (closes its connection) once it is in.
      lines.return(undefined).catch(() => undefined);
    }
  }

  /**
   * Every line of the streamed answers from the stored cursor on: answers of STREAM_PAGES pages, the next
   * one asked for from the last line's cursor as soon as an answer ends with changes remaining, and from
   * no cursor after a "resync" line. A cut answer fails the iteration as unreachable after the complete
   * lines before the cut.
   */
  private async *streamedLines(): AsyncGenerator<PullStreamLine> {
    const { cache, server } = this.options;
    const limit = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    let cursor = cache.sync.syncState().cursor ?? undefined;
    for (;;) {
      if (this.stopped) return;
      const request = { ...(cursor === undefined ? {} : { cursor }), limit, max: STREAM_PAGES };
      const lines = await this.options.withToken((token) =>
        server.stream('pullApplicationsStream', request, token, { readAhead: READ_AHEAD_PAGES }),
      );
      let more = false;
      for await (const line of lines) {
        yield line;
        if (line.kind === 'resync') {
          cursor = undefined;
          more = true;
          break;
        }
        cursor = line.cursor;
        more = line.remaining > 0;
        // The next line, when already read, is decoded and checked as soon as it is asked for: in a turn
        // of its own, not in the one that asked (which goes on to write a slice).
        await yieldToEventLoop();
        if (this.stopped) return;
      }
      if (!more) return;
    }
  }

  /** The cursor means nothing to the server any more: take a fresh snapshot, keeping drafts and outbox. */
  private resync(): void {
    this.options.cache.sync.beginSnapshot();
    // It brings every application again: the next prefetch looks at them all in one query.
    this.prefetchScope = 'all';
  }

  /**
   * Applies one page in short transactions of about SLICE_BUDGET_MS each, each in a turn of the event
   * loop of its own (the first one too: the page was just decoded, which takes milliseconds of its
   * own). Only the last one stores the page's cursor (with the tombstones): a stop or crash in between
   * leaves the cursor before the page, and the page is pulled and written again, which is harmless.
   */
  private async applyInSlices(page: ChangesPage): Promise<void> {
    const { cache } = this.options;
    const { applications } = page;
    for (let from = 0; ;) {
      await yieldToEventLoop();
      const slice = applications.slice(from, from + this.sliceSize);
      from += slice.length;
      const last = from >= applications.length;
      const started = performance.now();
      cache.sync.applyPage(
        { ...page, applications: slice, removedIds: last ? page.removedIds : [] },
        { keepCursor: !last },
      );
      this.adaptSlice(performance.now() - started, slice.length);
      if (this.prefetchScope !== 'all') {
        for (const record of slice) this.prefetchScope.add(record.id);
      }
      if (last) return;
    }
  }

  /** Sizes the next slice from how long this one took per application, moving halfway each time. */
  private adaptSlice(elapsedMs: number, count: number): void {
    if (count < MIN_SLICE || elapsedMs <= 0) return;
    const fitting = Math.floor((SLICE_BUDGET_MS * count) / elapsedMs);
    const next = Math.round((this.sliceSize + fitting) / 2);
    this.sliceSize = Math.max(MIN_SLICE, Math.min(DEFAULT_PAGE_SIZE * 10, next));
  }

  /**
   * The pull of servers without the stream: page by page, the next page requested before the current
   * one is applied, so the network and the local writes overlap.
   */
  private async pullPaged(): Promise<void> {
    const { cache } = this.options;
    let received = 0;
    let page = await this.pull(cache.sync.syncState().cursor ?? undefined);
    for (;;) {
      if (page.kind === 'resync') {
        this.resync();
        page = await this.pull(undefined);
        if (page.kind === 'resync') throw new AppFailure('SERVER_ERROR', '服务器无法提供同步数据,请稍后重试');
        continue;
      }
      const next = page.remaining > 0 && !this.stopped ? this.pull(page.cursor) : null;
      // A failed prefetch is reported when awaited; until then it must not count as unhandled.
      next?.catch(() => undefined);
      await this.applyInSlices(page);
      received += page.applications.length + page.removedIds.length;
      this.progress(received, received + page.remaining);
      if (next === null || this.stopped) break;
      await yieldToEventLoop();
      page = await next;
    }
  }

  private pull(cursor: string | undefined): Promise<PullResponse> {
    const { server } = this.options;
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const request = cursor === undefined ? { limit: pageSize } : { cursor, limit: pageSize };
    return this.options.withToken((token) => server.call('pullApplications', request, token));
  }

  /**
   * Takes the server's holiday table into the cache (a few KB; every run, so that no change key can
   * go wrong). A server from before the table (NOT_FOUND) leaves the copy as it is: the shipped notices,
   * or what an earlier server sent.
   */
  private async pullHolidays(): Promise<void> {
    if (this.stopped) return;
    const { cache, server } = this.options;
    let table;
    try {
      table = await this.options.withToken((token) => server.call('getHolidayTable', {}, token));
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'NOT_FOUND') return;
      throw error;
    }
    cache.holidays.save(table, (this.options.now?.() ?? new Date()).toISOString());
  }

  /**
   * Caches scans of the applications in prefetchScope so they open offline. Stops quietly at the first
   * failure (the server gone, say), keeping the scope for the next run; a scope whose missing scans
   * were all fetched is done with, and the next one collects only what the pulls bring.
   */
  private async prefetchAttachments(): Promise<void> {
    const { cache, server } = this.options;
    const scope = this.prefetchScope;
    if (scope !== 'all' && scope.size === 0) return;
    const missingScans = await cache.scans.missingBlobs(
      PREFETCH_PER_RUN,
      scope === 'all' ? undefined : [...scope],
    );
    for (const missing of missingScans) {
      if (this.stopped) return;
      if (cache.scans.hasBlob(missing.sha256)) continue;
      try {
        const file = await this.options.withToken((token) =>
          server.call(
            'getApplicationAttachment',
            { id: missing.applicationId, fileId: missing.fileId },
            token,
          ),
        );
        cache.scans.putBlob(missing.sha256, file.mimeType, Buffer.from(file.contentBase64, 'base64'));
      } catch {
        return;
      }
    }
    // A full list may have left some out: the scope stays until a look finds fewer.
    if (missingScans.length < PREFETCH_PER_RUN) this.prefetchScope = new Set();
  }

  private progress(received: number, total: number): void {
    const now = Date.now();
    if (now - this.lastProgressEvent < PROGRESS_EVENT_MS && received < total) return;
    this.lastProgressEvent = now;
    // Counting a large cache costs milliseconds: during a sync the figure moves once a second.
    const recount = now - this.lastRecount >= RECOUNT_MS;
    this.setStatus({ progress: { received, total } }, recount);
  }

  private setStatus(change: Partial<SyncStatus>, recount = true): void {
    if (recount) this.lastRecount = Date.now();
    const cachedCount = recount ? this.options.cache.queries.count() : this.status.cachedCount;
    this.status = { ...this.status, ...change, cachedCount };
    this.options.onStatus(this.status);
  }

  /**
   * Next run: soon while offline (to notice the server's return), else at the regular interval, or when
   * a failed push's backoff ends if that is sooner.
   */
  private schedule(): void {
    if (this.stopped) return;
    this.clearTimer();
    let delay =
      this.status.phase === 'offline'
        ? (this.options.offlineProbeMs ?? DEFAULT_OFFLINE_PROBE_MS)
        : this.intervalMs;
    if (this.pushRetryAt > 0 && this.options.cache.work.operationsToSend(1).length > 0) {
      delay = Math.min(delay, Math.max(0, this.pushRetryAt - Date.now()));
    }
    this.timer = setTimeout(() => void this.sync(), delay);
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
