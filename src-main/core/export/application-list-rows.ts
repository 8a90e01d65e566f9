import type { ApplicationListRow } from '../../../src-shared/contracts';
import type { CacheQueries, ListFilter } from '../cache/cache-queries';
import { nextTurn } from '../next-turn';

/**
 * The rows of the 职称申报审核 list an export writes: the list's own filter, search, focus, sort and
 * tie-break, over all its pages. The whole order is read in one statement, so the export holds the rows
 * the screen matched at that moment, once each, in its order; their columns are then read a chunk at a
 * time with a turn of the event loop between chunks (a department's 50,000 rows took 270-480 ms in one
 * go), so the core goes on answering the windows. A row a sync changes meanwhile is written as it is
 * then; one it removes is left out.
 */

/** Rows per read: a few milliseconds each. */
const ROWS_PER_READ = 1_000;

export async function readListRows(
  queries: CacheQueries,
  filter: ListFilter,
  /** 已选N条: only these, in the list's order (whatever the state, search, unit filter and focus on screen). */
  selectedIds: readonly string[] | null,
): Promise<ApplicationListRow[]> {
  const query: ListFilter =
    selectedIds === null
      ? filter
      : {
          scope: filter.scope,
          unitId: filter.unitId,
          state: 'all',
          search: '',
          filterUnitIds: [],
          sortField: filter.sortField,
          sortOrder: filter.sortOrder,
        };
  const picked = selectedIds === null ? null : new Set(selectedIds);
  const order = queries.wholeOrder(query);
  const rows: ApplicationListRow[] = [];
  for (let start = 0; start < order.length; start += ROWS_PER_READ) {
    for (const row of queries.rowsOf(order.slice(start, start + ROWS_PER_READ))) {
      if (picked === null || picked.has(row.id)) rows.push(row);
    }
    await nextTurn();
  }
  return rows;
}
