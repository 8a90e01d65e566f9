import { sql, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import {
  applicationAttachmentSchema,
  applicationContentSchema,
  applicationHistoryEntrySchema,
  storedCommentSchema,
} from '../../../src-shared/contracts/applications';
import type { StoredComment } from '../../../src-shared/contracts/applications';
import type {
  ApplicationDetail,
  ApplicationListRow,
  ApplicationSortField,
  ListApplicationsResponse,
  listApplicationsRequestSchema,
} from '../../../src-shared/contracts/review-list';
import { maskIdNumber } from '../../../src-shared/domain/masking';
import { APPLICATION_STATES } from '../../../src-shared/domain/workflow';
import type { ApplicationState } from '../../../src-shared/domain/workflow';
import type { CacheStore } from './cache-store';
import type { ApplicationsTable, CacheDatabase, OutboxStatus } from './schema';
import type { FocusCondition } from './unit-overview-queries';

/** Whose list: a unit's own applications, or a department's over all the units that report to it. */
export type ListScope = 'unit' | 'department';

export type ApplicationListQuery = z.output<typeof listApplicationsRequestSchema> & {
  scope: ListScope;
  /** The request's focus as a condition (UnitOverviewQueries.focusCondition), when it has one. */
  focusCondition?: FocusCondition;
};

/** What the list filters and sorts by, without its page: its pages and 导出Excel read by the same. */
export type ListFilter = Omit<ApplicationListQuery, 'page' | 'pageSize'>;

/** The list's request without its page, as the renderer sends it for the list and for 导出Excel. */
export type ListRequestFilter = Omit<z.output<typeof listApplicationsRequestSchema>, 'page' | 'pageSize'>;

export function scopeColumnOf(scope: ListScope): 'unit_id' | 'department_id' {
  return scope === 'unit' ? 'unit_id' : 'department_id';
}

export interface ReviewHistory {
  comments: StoredComment[];
  previousContent: z.infer<typeof applicationContentSchema> | null;
}

/** Names sort by their pinyin keys (0006-pinyin-keys): SQLite alone compares code points. */
const SORT_COLUMNS = {
  submittedAt: 'submitted_at',
  applicationNo: 'application_no',
  applicantName: 'applicant_name_key',
  submitCount: 'submit_count',
  unitName: 'unit_name_key',
} as const satisfies Record<ApplicationSortField, keyof ApplicationsTable>;

/**
 * The local ids the kept orders may hold together: about 8 MB, twenty full orders of a 50,000 department
 * (a user looks at a handful of filters and sorts between two syncs), or many more searches.
 */
const MATCH_ORDER_IDS_KEPT = 1_000_000;

const attachmentsSchema = applicationAttachmentSchema.array();
const storedCommentsSchema = storedCommentSchema.array();
const historySchema = applicationHistoryEntrySchema.array();

/** What the windows read: the 职称申报审核 list, an application's details and its review history. */
export class CacheQueries {
  /**
   * The filter's badges per scope, kept until the next write: the list asks for them on every page,
   * filter and sort change, and counting a department's 50,000 applications each time would be most of
   * the list's cost.
   */
  private readonly countsByScope = new Map<string, Readonly<Record<ApplicationState, number>>>();

  /** A department's units with their counts (the 所在单位 filter's choices), kept until the next write. */
  private readonly unitsByDepartment = new Map<string, ListApplicationsResponse['units']>();

  /**
   * Whole match orders (local ids) of the latest searches and non-default sorts, most recent last, kept
   * until the next write. Local ids, not the server's: 50,000 of them are 400 KB, not 4 MB of strings.
   */
  private readonly matchOrders = new Map<string, readonly number[]>();

  constructor(private readonly store: CacheStore) {
    store.onWrite(() => {
      this.countsByScope.clear();
      this.unitsByDepartment.clear();
      this.matchOrders.clear();
    });
  }

  /** The order stored under `key`, or the one `find` computes (remembered, evicting the oldest). */
  private matchOrder(key: string, find: () => number[]): readonly number[] {
    const known = this.matchOrders.get(key);
    if (known !== undefined) {
      // Most recently used last, so the eviction below drops the least recently used.
      this.matchOrders.delete(key);
      this.matchOrders.set(key, known);
      return known;
    }
    const order = find();
    this.matchOrders.set(key, order);
    // Bounded by the ids held, not by the number of orders: a search's order is short, and a list that
    // cycles through a few more filters than a count bound allows would find every one again each time.
    let held = 0;
    for (const kept of this.matchOrders.values()) held += kept.length;
    for (const [oldest, kept] of this.matchOrders) {
      if (held <= MATCH_ORDER_IDS_KEPT || oldest === key) break;
      this.matchOrders.delete(oldest);
      held -= kept.length;
    }
    return order;
  }

  /**
   * One page of the 职称申报审核 list. `counts` and `units` cover the whole scope and ignore the state
   * filter, the unit filter and the search (they are the filters' badges and choices); `total` is what
   * matches all three.
   *
   * A department's list reads covering indexes (see the migration): the default order, by submission
   * time, walks one; another order (or a unit filter) sorts the matching index entries, and a search is
   * a substring scan of their search_text. Those find the whole order of the matches once and keep it until the next
   * write (matchOrder). A unit's list, a few thousand rows at most, is scanned and sorted from the table.
   * Ties are broken by id, so pages never overlap or skip.
   */
  listApplications(query: ApplicationListQuery): ListApplicationsResponse {
    const scopeColumn = scopeColumnOf(query.scope);
    const counts = this.countByState(scopeColumn, query.unitId);
    const match = this.matching(query);
    const { filtered, column, direction, narrowed } = match;

    let total: number;
    let localIds: number[];
    const offset = (query.page - 1) * query.pageSize;
    if (!narrowed && column === 'submitted_at') {
      // Walking the index in submission order, the page comes after `offset` entries, and the counts
      // already hold the total.
      total =
        query.state === 'all' ? Object.values(counts).reduce((sum, n) => sum + n, 0) : counts[query.state];
      // The page in two steps: its ids from the covering index (walking only index entries, however
      // deep the page), then the shown columns for those ids alone.
      const pageIds = ordered(filtered, column, direction).limit(query.pageSize).offset(offset);
      localIds = offset >= total ? [] : this.store.all(pageIds.select('local_id')).map((row) => row.local_id);
    } else {
      // A search scans every entry of the scope, and another order sorts every match: both cost what the
      // scope holds (10-25 ms for 50,000) however small the page. So the whole order is found once and
      // kept until the next write: the same query's other pages, and asking it again, are slices of it.
      const order = this.orderOf(query, match);
      total = order.length;
      localIds = order.slice(offset, offset + query.pageSize);
    }

    return {
      rows: this.rowsOf(localIds),
      total,
      counts: { ...counts },
      units: query.scope === 'department' ? this.unitsOfDepartment(query.unitId) : [],
    };
  }

  /**
   * Every match of the list's filter, search and focus in the list's order, as local ids: what 导出Excel
   * reads in chunks (rowsOf) so that a department's 50,000 rows never hold the core's loop for long.
   * Kept until the next write, like a page's order.
   */
  wholeOrder(query: ListFilter): readonly number[] {
    return this.orderOf(query, this.matching(query));
  }

  private orderOf(
    query: ListFilter,
    { filtered, column, direction, search, unitIds }: Matching,
  ): readonly number[] {
    return this.matchOrder(
      JSON.stringify([
        scopeColumnOf(query.scope),
        query.unitId,
        query.state,
        unitIds,
        search,
        column,
        direction,
        ...(query.focusCondition === undefined ? [] : [query.focusCondition.key]),
      ]),
      () => {
        const { sql: text, parameters } = ordered(filtered, column, direction).select('local_id').compile();
        // Plucked: tens of thousands of plain numbers, not as many row objects. This SQL text (no limit)
        // is prepared for this use alone, so the statement can stay in pluck mode.
        return this.store
          .statement<unknown[], number>(text)
          .pluck()
          .all(...parameters);
      },
    );
  }

  /** The list's rows of these local ids, in this order; an id no longer in the cache has none. */
  rowsOf(localIds: readonly number[]): ApplicationListRow[] {
    if (localIds.length === 0) return [];
    const rows = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(sql<boolean>`local_id in (select value from json_each(${JSON.stringify(localIds)}))`)
        .select([
          'local_id',
          'id',
          'application_no',
          'applicant_name',
          'id_number',
          'qualification',
          'application_type',
          'unit_name',
          'state',
          'submitted_at',
          'submit_count',
          'publicity_start',
          'publicity_end',
          // A decision on its way (or refused) shows in the row; applied ones leave the outbox.
          sql<OutboxStatus | null>`(select o.status from outbox o
             where o.application_id = applications.id and o.status <> 'applied'
             order by o.seq desc limit 1)`.as('outbox_status'),
        ]),
    );
    const position = new Map(localIds.map((localId, index) => [localId, index]));
    rows.sort((a, b) => (position.get(a.local_id) ?? 0) - (position.get(b.local_id) ?? 0));
    return rows.map((row): ApplicationListRow => ({
      id: row.id,
      applicationNo: row.application_no,
      applicantName: row.applicant_name,
      maskedIdNumber: maskIdNumber(row.id_number),
      qualification: row.qualification,
      applicationType: row.application_type,
      unitName: row.unit_name,
      state: row.state,
      submittedAt: row.submitted_at,
      submitCount: row.submit_count,
      outboxStatus: row.outbox_status,
      publicity: publicityOf(row),
    }));
  }

  /** The applications a list filter matches, unordered, and the order it asks for. */
  private matching(query: ListFilter): Matching {
    const search = searchPattern(query.search);
    let filtered = this.store.kysely
      .selectFrom('applications')
      .where(scopeColumnOf(query.scope), '=', query.unitId);
    if (query.state !== 'all') filtered = filtered.where('state', '=', query.state);
    const unitIds = [...new Set(query.filterUnitIds)].sort();
    if (unitIds.length > 0) filtered = filtered.where('unit_id', 'in', unitIds);
    if (search !== '') {
      filtered = filtered.where(sql<boolean>`search_text like ${`%${escapeLike(search)}%`} escape '\\'`);
    }
    const focus = query.focusCondition;
    if (focus !== undefined) filtered = filtered.where(focus.where);
    return {
      filtered,
      search,
      unitIds,
      column: SORT_COLUMNS[query.sortField],
      direction: query.sortOrder === 'ascend' ? 'asc' : 'desc',
      narrowed: search !== '' || unitIds.length > 0 || focus !== undefined,
    };
  }

  private unitsOfDepartment(departmentId: string): ListApplicationsResponse['units'] {
    const known = this.unitsByDepartment.get(departmentId);
    if (known) return known;
    const units = this.store
      .all(
        this.store.kysely
          .selectFrom('applications')
          .where('department_id', '=', departmentId)
          .groupBy('unit_id')
          // A unit renamed part way through a sync has both names for a moment; either will do.
          .select((eb) => [
            'unit_id',
            eb.fn.max('unit_name').as('unit_name'),
            eb.fn.max('unit_name_key').as('unit_name_key'),
            eb.fn.countAll<number>().as('n'),
          ])
          // In pinyin order, as the list's 所在单位 column sorts.
          .orderBy('unit_name_key')
          .orderBy('unit_id'),
      )
      .map((row) => ({ id: row.unit_id, name: row.unit_name, count: row.n }));
    this.unitsByDepartment.set(departmentId, units);
    return units;
  }

  private countByState(
    scopeColumn: 'unit_id' | 'department_id',
    scopeId: string,
  ): Readonly<Record<ApplicationState, number>> {
    const key = `${scopeColumn}:${scopeId}`;
    const known = this.countsByScope.get(key);
    if (known) return known;
    const counts = Object.fromEntries(APPLICATION_STATES.map((state) => [state, 0])) as Record<
      ApplicationState,
      number
    >;
    const rows = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(scopeColumn, '=', scopeId)
        .groupBy('state')
        .select((eb) => ['state', eb.fn.countAll<number>().as('n')]),
    );
    for (const { state, n } of rows) {
      // A state this build does not know (a newer server) has no badge to count towards.
      if (Object.hasOwn(counts, state)) counts[state] = n;
    }
    this.countsByScope.set(key, counts);
    return counts;
  }

  /** The application as the details and the review dialog show it, or null when it is not cached. */
  getApplicationDetail(id: string): ApplicationDetail | null {
    const row = this.store.first(
      this.withDocument(id).select([
        'a.local_id',
        'a.id',
        'a.application_no',
        'a.year',
        'a.state',
        'a.version',
        'a.submit_count',
        'a.unit_name',
        'a.applicant_name',
        'a.submitted_at',
        'a.updated_at',
        'a.publicity_start',
        'a.publicity_end',
        'd.content_json',
        'd.attachments_json',
        'd.history_json',
        'd.comments_json',
        'd.previous_content_json',
      ]),
    );
    if (!row) return null;

    const cached = new Set(
      this.store
        .all(
          this.store.kysely
            .selectFrom('application_attachments as a')
            .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
            .where('a.local_id', '=', row.local_id)
            .select('a.sha256'),
        )
        .map((r) => r.sha256),
    );
    return {
      id: row.id,
      applicationNo: row.application_no,
      year: row.year,
      state: row.state,
      version: row.version,
      submitCount: row.submit_count,
      unitName: row.unit_name,
      applicantName: row.applicant_name,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      publicity: publicityOf(row),
      // Checked, not cast: this is the first time anyone parses the server's text.
      content: applicationContentSchema.parse(JSON.parse(row.content_json)),
      ...reviewHistoryOf(row),
      attachments: attachmentsSchema
        .parse(JSON.parse(row.attachments_json))
        .map((attachment) => ({ ...attachment, cached: cached.has(attachment.sha256) })),
      history: historySchema.parse(JSON.parse(row.history_json)),
    };
  }

  /** Applications in the cache, over all scopes. */
  count(): number {
    return this.store.first(
      this.store.kysely.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
  }

  /**
   * Every round's comments on the application and its content at the latest return (to show what the
   * applicant changed), or null when it is not cached.
   */
  reviewHistory(applicationId: string): ReviewHistory | null {
    const row = this.store.first(
      this.withDocument(applicationId).select(['d.comments_json', 'd.previous_content_json']),
    );
    return row ? reviewHistoryOf(row) : null;
  }

  /** The full ID numbers of these applications (those in the cache), for an export that may show them. */
  idNumbersOf(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(sql<boolean>`id in (select value from json_each(${JSON.stringify(ids)}))`)
        .select(['id', 'id_number']),
    );
    return new Map(rows.map((row) => [row.id, row.id_number]));
  }

  /** The application (as `a`) with its document (as `d`), for the reads that need both. */
  private withDocument(applicationId: string) {
    return this.store.kysely
      .selectFrom('applications as a')
      .innerJoin('application_documents as d', 'd.local_id', 'a.local_id')
      .where('a.id', '=', applicationId);
  }
}

type SortColumn = (typeof SORT_COLUMNS)[ApplicationSortField];

/** A list filter as a query of the applications it matches, with what it was built from. */
interface Matching {
  filtered: SelectQueryBuilder<CacheDatabase, 'applications', object>;
  /** The search as search_text holds it ('' for none). */
  search: string;
  /** The 所在单位 filter, each once, sorted. */
  unitIds: string[];
  column: SortColumn;
  direction: 'asc' | 'desc';
  /** Whether anything but the scope and the state narrows it (the default walk cannot count those). */
  narrowed: boolean;
}

/** The list's order on a query of applications, ties broken by id so pages never overlap or skip. */
function ordered<Q extends SelectQueryBuilder<CacheDatabase, 'applications', object>>(
  query: Q,
  column: SortColumn,
  direction: 'asc' | 'desc',
): Q {
  return (
    query
      // Only submitted_at can be null, and SQLite already puts nulls last when descending.
      .orderBy(
        column,
        direction === 'asc' && column === 'submitted_at' ? (ob) => ob.asc().nullsLast() : direction,
      )
      .orderBy('id', direction) as Q
  );
}

/**
 * What search_text must contain: the typed text in lower case, full-width letters, digits and spaces
 * (an IME's full-width mode) as ASCII. Typed pinyin may be spaced as syllables ("wu xue"), which the
 * search text spells without spaces, so a query of Latin letters and spaces alone loses its spaces; and
 * a name pasted from a roster that pads two characters to the width of three ("王\u3000芳") loses the spaces
 * between its characters, which no name has.
 */
function searchPattern(typed: string): string {
  const text = typed
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
  return /^[a-z\s]+$/.test(text) ? text.replace(/\s+/g, '') : text;
}

/** The period recorded on approval, from the narrow row's two columns. */
export function publicityOf(row: {
  publicity_start: string | null;
  publicity_end: string | null;
}): { start: string; end: string } | null {
  return row.publicity_start !== null && row.publicity_end !== null
    ? { start: row.publicity_start, end: row.publicity_end }
    : null;
}

/** Every round's comments and the content at the latest return, from the document's columns. */
function reviewHistoryOf(row: {
  comments_json: string;
  previous_content_json: string | null;
}): ReviewHistory {
  return {
    comments: storedCommentsSchema.parse(JSON.parse(row.comments_json)),
    previousContent:
      row.previous_content_json === null
        ? null
        : applicationContentSchema.parse(JSON.parse(row.previous_content_json)),
  };
}

/** The search box's text as a literal inside LIKE: % and _ (and the escape itself) match only themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
