import type { ApplicationListRow } from '../../../src-shared/contracts';
import type { ApplicationListQuery, CacheQueries } from '../cache/cache-queries';

/**
 * The rows of the 职称申报审核 list an export writes, read with the list's own query (the same filter, sort
 * and tie-break as the screen) over all its pages. The pages are read in one go, without giving the event
 * loop a turn between them, so that a sync applying a page cannot shift rows from one page to the next.
 */

/** Rows per read: a few milliseconds each, a department's 50,000 in about fifty. */
const ROWS_PER_READ = 1_000;

export type ListFilter = Omit<ApplicationListQuery, 'page' | 'pageSize'>;

export function readListRows(
  queries: CacheQueries,
  filter: ListFilter,
  /** 已选N条: only these, in the list's order (whatever the state, search, unit filter and focus on screen). */
  selectedIds: readonly string[] | null,
): ApplicationListRow[] {
  const query: ListFilter = selectedIds === null ? filter : everyRowOf(filter);
  const picked = selectedIds === null ? null : new Set(selectedIds);
  const rows: ApplicationListRow[] = [];
  for (let page = 1; ; page += 1) {
    const answer = queries.listApplications({ ...query, page, pageSize: ROWS_PER_READ });
    for (const row of answer.rows) if (picked === null || picked.has(row.id)) rows.push(row);
    if (answer.rows.length < ROWS_PER_READ || page * ROWS_PER_READ >= answer.total) return rows;
  }
}

/** The scope's whole list in the filter's order: picked rows count whatever narrowed the screen. */
function everyRowOf({ focus: _focus, focusCondition: _condition, ...filter }: ListFilter): ListFilter {
  return { ...filter, state: 'all', search: '', filterUnitIds: [] };
}
