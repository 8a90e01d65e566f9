import { AppFailure } from '../../../src-shared/contracts';
import type {
  AppApiHandlers,
  AppEvent,
  CachedHolidayTable,
  CommentPhrases,
  HolidayTable,
  HolidayYearInput,
  AppInput,
  FileContent,
  PrintSettings,
  SessionUser,
  SyncStatus,
  UnitOverview,
} from '../../../src-shared/contracts';
import type { z } from 'zod';
import type { listApplicationsRequestSchema } from '../../../src-shared/contracts';
import { openApplicationCache } from '../cache/application-cache';
import type { ApplicationCache } from '../cache/application-cache';
import { applicationCacheFile } from '../cache/cache-location';
import type { ServerClient } from '../server-client/server-client';
import { SyncEngine } from '../sync/sync-engine';
import { PublicityPrinting } from '../print/publicity-printing';
import { WorkbookExports } from '../export/workbook-exports';
import { focusContextOf, listFilterOf, type ListContext } from './list-filter';
import { ReviewDesk } from './review-desk';
import { settlesWithin } from '../settles-within';

/**
 * One signed-in reviewer's desk: their cache (per user and server) and the sync engine that fills it.
 * The list, the details and the scans are answered from the cache, so they work offline; comment drafts
 * and decisions are written to it (ReviewDesk) and the engine sends the decisions.
 */

const ATTACHMENT_OFFLINE = '离线状态下无法查看此附件(尚未缓存到本机),请在网络恢复后重试';
const NOT_CACHED = '本机缓存中没有这份申报书,请同步后重试';
/**
 * How long a 常用意见 save waits for the server before it answers: a send on a working network takes well
 * under this, so the reviewer is told 已保存 rather than 待同步 for a moment.
 */
const PHRASES_SEND_WAIT_MS = 3_000;
const HOLIDAYS_OFFLINE = '无法连接服务器,节假日安排未保存,请在网络恢复后重试(已填写的内容仍保留)';

export interface ReviewWorkspaceOptions {
  dataDir: string;
  /** Names the server in the cache's location: stable for the embedded server, whose port changes. */
  serverKey: string;
  user: SessionUser;
  server: ServerClient;
  withToken: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  emit: (event: AppEvent) => void;
  syncIntervalMs?: number;
  offlineProbeMs?: number;
  pageSize?: number;
  /** The review rules' clock; the system clock when absent. */
  now?: () => Date;
  /** What the unit writes on every 公示表. */
  printSettings: () => Promise<PrintSettings>;
  /** Where the 公示表's font is (a packaged app's resources); node_modules when absent. */
  fontsDir?: string;
}

export class ReviewWorkspace {
  /** Comment drafts, decisions and answers to refused ones (the review dialog's writes). */
  readonly desk: ReviewDesk;
  /** The 公示表. */
  readonly printing: PublicityPrinting;
  /** 导出Excel. */
  readonly exporting: WorkbookExports;

  private constructor(
    readonly user: SessionUser,
    /** The cache's file, for tests and support. */
    readonly cacheFile: string,
    /** The cache in its parts, for callers that need one directly (the outbox, the integrity check). */
    readonly cache: ApplicationCache,
    private readonly engine: SyncEngine,
    private readonly options: ReviewWorkspaceOptions,
  ) {
    this.desk = new ReviewDesk(
      cache.work,
      user,
      () => void engine.pushSoon(),
      () => cache.holidays.calendar(),
      options.now,
    );
    this.printing = new PublicityPrinting(cache, options.printSettings, options.fontsDir);
    this.exporting = new WorkbookExports({
      cache,
      user,
      printing: this.printing,
      emit: options.emit,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  }

  static async open(options: ReviewWorkspaceOptions): Promise<ReviewWorkspace> {
    const file = applicationCacheFile(options.dataDir, options.serverKey, options.user.id);
    const cache = await openApplicationCache(file, { serverUrl: options.serverKey, userId: options.user.id });
    const engine = new SyncEngine({
      cache,
      server: options.server,
      withToken: options.withToken,
      onStatus: (payload) => options.emit({ name: 'syncStatus', payload }),
      ...(options.syncIntervalMs === undefined ? {} : { intervalMs: options.syncIntervalMs }),
      ...(options.offlineProbeMs === undefined ? {} : { offlineProbeMs: options.offlineProbeMs }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const workspace = new ReviewWorkspace(options.user, file, cache, engine, options);
    options.emit({ name: 'syncStatus', payload: engine.currentStatus() });
    engine.start();
    return workspace;
  }

  async close(): Promise<void> {
    await this.engine.stop();
    this.cache.close();
  }

  syncStatus(): SyncStatus {
    return this.engine.currentStatus();
  }

  /** 设置 changed the auto-sync interval. */
  setSyncInterval(intervalMs: number): void {
    this.engine.setIntervalMs(intervalMs);
  }

  syncNow(): SyncStatus {
    void this.engine.syncNow();
    return this.engine.currentStatus();
  }

  /** Resolves when the sync running now (or a new one) has ended; for tests and the bench. */
  syncAndWait(): Promise<void> {
    return this.engine.syncNow();
  }

  list(input: z.output<typeof listApplicationsRequestSchema>) {
    return this.cache.queries.listApplications({
      ...listFilterOf(input, this.listContext()),
      page: input.page,
      pageSize: input.pageSize,
    });
  }

  /** The 单位中心's start page of one of the user's units. */
  overview(input: AppInput<'getUnitOverview'>): UnitOverview {
    return this.cache.overview.overview(focusContextOf(input.unitId, this.listContext()));
  }

  private listContext(): ListContext {
    return { user: this.user, cache: this.cache, now: this.options.now?.() ?? new Date() };
  }

  detail({ id }: AppInput<'getApplicationDetail'>) {
    const detail = this.cache.queries.getApplicationDetail(id);
    if (detail === null) throw new AppFailure('NOT_FOUND', NOT_CACHED);
    return detail;
  }

  /** A scan from the cache; fetched and cached first when it is missing and the server answers. */
  async attachment({ applicationId, fileId }: AppInput<'openAttachment'>): Promise<FileContent> {
    const cached = this.cache.scans.getAttachment(applicationId, fileId);
    if (cached !== null) return withBase64(cached);
    const detail = this.cache.queries.getApplicationDetail(applicationId);
    const reference = detail?.attachments.find((attachment) => attachment.fileId === fileId);
    if (reference === undefined) throw new AppFailure('NOT_FOUND', '未找到该附件');
    const { server } = this.options;
    let file: FileContent;
    try {
      file = await this.options.withToken((token) =>
        server.call('getApplicationAttachment', { id: applicationId, fileId }, token),
      );
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'SERVER_UNREACHABLE') {
        throw new AppFailure('SERVER_UNREACHABLE', ATTACHMENT_OFFLINE);
      }
      throw error;
    }
    this.cache.scans.putBlob(reference.sha256, file.mimeType, Buffer.from(file.contentBase64, 'base64'));
    return file;
  }

  /**
   * 节假日安排 (职改办): replaces one year on the server, which decides who may, and keeps the table it
   * answers in the cache at once, so this client's gate and forms count by it before the next sync.
   */
  async saveHolidayYear(entry: HolidayYearInput): Promise<CachedHolidayTable> {
    const { server } = this.options;
    let table: HolidayTable;
    try {
      table = await this.options.withToken((token) => server.call('saveHolidayYear', entry, token));
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'SERVER_UNREACHABLE') {
        throw new AppFailure('SERVER_UNREACHABLE', HOLIDAYS_OFFLINE);
      }
      throw error;
    }
    this.cache.holidays.save(table, (this.options.now?.() ?? new Date()).toISOString());
    return this.cache.holidays.table();
  }

  /**
   * 常用意见: keeps the reviewer's list in the cache (on disk before anything is sent) and sends it at
   * once, answering the list as it is then: sent (not pending; merged with another PC's edit if the
   * server's list had moved on), or pending when offline or not taken, for the next sync
   * (sync/comment-phrases-sync.ts). The answer waits for the send at most PHRASES_SEND_WAIT_MS, so an
   * unreachable server not yet noticed never holds the 保存 button for a request's whole timeout; a send
   * that ends later announces the sync status again, on which the windows read the list again.
   */
  async saveCommentPhrases(phrases: readonly string[]): Promise<CommentPhrases> {
    this.cache.phrases.saveLocal(phrases);
    const sending = this.engine.sendCommentPhrases();
    if (!(await settlesWithin(sending, PHRASES_SEND_WAIT_MS))) {
      void sending.then(() =>
        this.options.emit({ name: 'syncStatus', payload: this.engine.currentStatus() }),
      );
    }
    return this.cache.phrases.current();
  }

  /**
   * Every round's comments and the content at the latest return, for the review dialog (the details
   * contract does not carry them yet).
   */
  reviewHistory(applicationId: string) {
    const history = this.cache.queries.reviewHistory(applicationId);
    if (history === null) throw new AppFailure('NOT_FOUND', NOT_CACHED);
    return history;
  }
}

function withBase64(file: {
  fileId: string;
  fileName: string;
  mimeType: string;
  size: number;
  content: Buffer;
}) {
  return {
    fileId: file.fileId,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    contentBase64: file.content.toString('base64'),
  };
}

export type ReviewHandlers = Pick<
  AppApiHandlers,
  | 'listApplications'
  | 'getApplicationDetail'
  | 'openAttachment'
  | 'getSyncStatus'
  | 'syncNow'
  | 'saveCommentDraft'
  | 'getReviewState'
  | 'decide'
  | 'resolveConflict'
>;
