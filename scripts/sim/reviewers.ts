import { randomUUID } from 'node:crypto';
import { pullResponseSchema, type ApplicationRecord } from '../../src-shared/contracts/applications';
import {
  pushOperationsResponseSchema,
  type OperationResult,
  type ReviewOperation,
} from '../../src-shared/contracts/review';
import { callJson, type HttpStats } from './http-client';

/**
 * A reviewer's client speaking the HTTP sync protocol: it keeps its own cache of what it pulled (by
 * cursor, resyncing when told), checks every pulled record against its scope (a record of another unit
 * is a leak), and pushes decisions with comments. A push goes one of three ways: to its instance; to
 * both instances at once with the same operation id (a twin send); or to its instance with the answer
 * thrown away and then to the other (a resend after a lost answer). When its instance does not answer
 * (killed), it sends again to the other.
 */

export type SendMode = 'single' | 'twin' | 'resend';

export interface CachedApplication {
  state: string;
  version: number;
  unitId: string;
  departmentId: string | null;
}

/** Who may see what: a unit administrator their units' records, a department's administrator its own. */
export type ClientScope =
  { kind: 'unit'; unitIds: ReadonlySet<string> } | { kind: 'department'; departmentId: string };

export interface SentOperation {
  operation: ReviewOperation;
  mode: SendMode;
  /** Every answer the server gave for this operation id (two for twins and resends). */
  results: OperationResult[];
  /** How many times it went out without any answer (the instance was down or killed mid-request). */
  unanswered: number;
}

export interface Leak {
  client: string;
  applicationId: string;
  unitId: string;
}

const MAX_PULL_PAGES = 200;
const MAX_RESYNCS = 3;
const PULL_LIMIT = 100;

export class ReviewerClient {
  readonly cache = new Map<string, CachedApplication>();
  readonly leaks: Leak[] = [];
  readonly sent: SentOperation[] = [];
  private cursor: string | undefined;

  constructor(
    readonly name: string,
    private readonly token: string,
    readonly scope: ClientScope,
    private readonly stats: HttpStats,
    /** Its own instance first, the other after. */
    private readonly servers: readonly [string, string],
  ) {}

  /** Pulls until up to date, from its own instance or, when that does not answer, from the other. */
  async pull(): Promise<void> {
    let resyncs = 0;
    for (let page = 0; page < MAX_PULL_PAGES; page += 1) {
      const query = new URLSearchParams({ limit: String(PULL_LIMIT) });
      if (this.cursor !== undefined) query.set('cursor', this.cursor);
      const answer = await this.firstAnswer((server) =>
        callJson(this.stats, 'pull', server, 'GET', `/api/sync/applications?${query}`, { token: this.token }),
      );
      if (answer.status !== 200) throw new Error(`${this.name}: pull answered ${answer.status}`);
      const body = pullResponseSchema.parse(answer.body);
      if (body.kind === 'resync') {
        resyncs += 1;
        if (resyncs > MAX_RESYNCS)
          throw new Error(`${this.name}: resync ${resyncs} times in a row (${body.reason})`);
        this.cursor = undefined;
        this.cache.clear();
        continue;
      }
      for (const record of body.applications) this.take(record);
      for (const id of body.removedIds) this.cache.delete(id);
      this.cursor = body.cursor;
      if (body.remaining === 0) return;
    }
    throw new Error(`${this.name}: still not up to date after ${MAX_PULL_PAGES} pages`);
  }

  /** The cached applications waiting for this unit's decision. */
  awaitingDecision(): string[] {
    return [...this.cache].filter(([, cached]) => cached.state === 'unitReview').map(([id]) => id);
  }

  /** Decides on the application as the cache has it: returns it with comments, or approves it for publicity. */
  operationFor(applicationId: string, index: number, today: string): ReviewOperation {
    const cached = this.cache.get(applicationId);
    if (cached === undefined) throw new Error(`${this.name}: ${applicationId} is not in the cache`);
    const base = {
      id: randomUUID(),
      applicationId,
      baseVersion: cached.version,
      decidedAt: new Date().toISOString(),
    };
    if (index % 3 === 2) {
      return { ...base, transitionId: 'unitApprove', comments: [], publicity: publicityFrom(today) };
    }
    const comments = [
      {
        target: { sectionKey: '', rowIndex: null, fieldKey: null },
        text: `请补充说明(模拟意见${index + 1})`,
      },
    ];
    if (index % 2 === 1) {
      comments.push({
        target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null },
        text: '基本信息请核对',
      });
    }
    return { ...base, transitionId: 'unitReturn', comments };
  }

  async push(operations: ReviewOperation[], mode: SendMode): Promise<void> {
    const entries = operations.map(
      (operation) => ({ operation, mode, results: [], unanswered: 0 }) as SentOperation,
    );
    this.sent.push(...entries);
    const [own, other] = this.servers;
    if (mode === 'twin') {
      await Promise.all([this.pushTo(own, entries), this.pushTo(other, entries)]);
    } else if (mode === 'resend') {
      // The first answer is "lost": only the server's record of it counts, which the resend must return.
      await this.pushTo(own, entries);
      await this.pushTo(other, entries);
    } else if (!(await this.pushTo(own, entries))) {
      await this.pushTo(other, entries);
    }
  }

  /** Answers false when no answer came. */
  private async pushTo(server: string, entries: SentOperation[]): Promise<boolean> {
    const answer = await callJson(this.stats, 'push', server, 'POST', '/api/sync/operations', {
      token: this.token,
      body: { operations: entries.map((entry) => entry.operation) },
    });
    if (answer.status !== 200) {
      for (const entry of entries) entry.unanswered += 1;
      return false;
    }
    const { results } = pushOperationsResponseSchema.parse(answer.body);
    for (const result of results) {
      entries.find((entry) => entry.operation.id === result.id)?.results.push(result);
      if (result.application !== null) this.take(result.application);
    }
    return true;
  }

  private take(record: ApplicationRecord): void {
    const visible =
      this.scope.kind === 'unit'
        ? this.scope.unitIds.has(record.unitId)
        : record.departmentId === this.scope.departmentId;
    if (!visible) {
      this.leaks.push({ client: this.name, applicationId: record.id, unitId: record.unitId });
      return;
    }
    const cached = this.cache.get(record.id);
    // A push's answer may be older than what a pull already brought; keep the newer.
    if (cached !== undefined && cached.version > record.version) return;
    this.cache.set(record.id, {
      state: record.state,
      version: record.version,
      unitId: record.unitId,
      departmentId: record.departmentId,
    });
  }

  private async firstAnswer(
    send: (server: string) => ReturnType<typeof callJson>,
  ): ReturnType<typeof callJson> {
    const [own, other] = this.servers;
    const answer = await send(own);
    return answer.status === 0 ? send(other) : answer;
  }
}

/** A publicity period that starts today (China time) and lasts two weeks, past the 5 working days. */
export function publicityFrom(today: string): { start: string; end: string } {
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 14);
  return { start: today, end: end.toISOString().slice(0, 10) };
}
