import type { AppCore } from '../../src-main/core/app-core';
import type { ListApplicationsRequest } from '../../src-shared/contracts';

/**
 * The 职称申报审核 list as the renderer asks the core for it (answered from the cache): every state, no
 * search, the newest submission first, 200 rows a page, unless `overrides` say otherwise.
 */
export function listCached(core: AppCore, unitId: string, overrides: Partial<ListApplicationsRequest> = {}) {
  return core.handlers.listApplications({
    unitId,
    state: 'all',
    search: '',
    filterUnitIds: [],
    sortField: 'submittedAt',
    sortOrder: 'descend',
    page: 1,
    pageSize: 200,
    ...overrides,
  });
}

/** The ids of every application in the unit's list, over all its pages, sorted. */
export async function cachedIdsOf(core: AppCore, unitId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const list = await listCached(core, unitId, { sortField: 'applicationNo', sortOrder: 'ascend', page });
    ids.push(...list.rows.map((row) => row.id));
    if (ids.length >= list.total) return ids.sort();
  }
}
