import { createStore } from 'zustand/vanilla';
import type {
  AppError,
  ApplicationListRow,
  ApplicationSortField,
  ListApplicationsResponse,
  ListFocus,
} from '../../../src-shared/contracts';
import type { SessionStoreState } from '../auth/session-store';
import type { StateFilter } from './status-filters';

export interface ListQuery {
  state: StateFilter;
  /** The search the list shows; the box may hold newer text that is still being typed. */
  search: string;
  /** 所在单位 (a department's list): only these units' applications; empty for all. */
  filterUnitIds: string[];
  /** A number of the 单位中心 that opened the list (公示本周结束, ...): only those; none when absent. */
  focus?: ListFocus;
  sortField: ApplicationSortField;
  sortOrder: 'ascend' | 'descend';
  page: number;
  pageSize: number;
}

export const DEFAULT_SORT = { sortField: 'submittedAt', sortOrder: 'descend' } as const;
export const SEARCH_DEBOUNCE_MS = 250;

export interface ReviewListState {
  query: ListQuery;
  /** The search box's text. */
  searchText: string;
  rows: ApplicationListRow[];
  total: number;
  /** Per state, ignoring the search; empty before the first answer. */
  counts: Partial<ListApplicationsResponse['counts']>;
  /** A department's units, the 所在单位 filter's choices; empty before the first answer. */
  units: ListApplicationsResponse['units'];
  /** The first answer came: an empty table before it would look like "nothing to review". */
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  /** Asks for the current query's page; the previous rows stay until the answer replaces them. */
  load(): Promise<void>;
  setFilter(state: StateFilter): void;
  /** The search box changed: searched after a short pause, so each keystroke does not cost a query. */
  typeSearch(text: string): void;
  /** Enter: search now. */
  submitSearch(): void;
  /** A column's sort; null goes back to the default (newest submission first). */
  setSort(field: ApplicationSortField | null, order: 'ascend' | 'descend' | null): void;
  setUnitFilter(unitIds: string[]): void;
  /**
   * A number of the 单位中心 was clicked: exactly its applications, on the tab of their state (all when
   * they span states), without the search or unit filter that would hide some of them.
   */
  showFocus(focus: ListFocus, state: StateFilter): void;
  /** The focus chip's ×: the list as the tabs, search and unit filter choose it. */
  clearFocus(): void;
  setPage(page: number, pageSize: number): void;
  /** Stops a pending search; the store is going away. */
  dispose(): void;
}

export type ReviewListStore = ReturnType<typeof createReviewListStore>;

interface ReviewListOptions {
  unitId: string;
  initialFilter: StateFilter;
  /** Where the list was before a reload; the role's default filter, unsearched, otherwise. */
  initialQuery?: ListQuery;
  call: SessionStoreState['call'];
  debounceMs?: number;
}

/**
 * One unit's 职称申报审核 list: filter, search, sort and page, and the page the core answered. It outlives
 * the page's components, so coming back to the list finds it as it was left.
 */
export function createReviewListStore({
  unitId,
  initialFilter,
  initialQuery,
  call,
  debounceMs = SEARCH_DEBOUNCE_MS,
}: ReviewListOptions) {
  let requestSeq = 0;
  let searchTimer: ReturnType<typeof setTimeout> | null = null;
  const stopSearchTimer = () => {
    if (searchTimer) clearTimeout(searchTimer);
    searchTimer = null;
  };

  return createStore<ReviewListState>()((set, get) => {
    const change = (patch: Partial<ListQuery>) => {
      set((s) => ({ query: { ...s.query, ...patch } }));
      void get().load();
    };
    const applySearch = () => {
      stopSearchTimer();
      change({ search: get().searchText.trim(), page: 1 });
    };

    return {
      query: initialQuery ?? {
        state: initialFilter,
        search: '',
        filterUnitIds: [],
        ...DEFAULT_SORT,
        page: 1,
        pageSize: 20,
      },
      searchText: initialQuery?.search ?? '',
      rows: [],
      total: 0,
      counts: {},
      units: [],
      loaded: false,
      loading: false,
      error: null,

      async load() {
        const seq = ++requestSeq;
        const { focus, ...query } = get().query;
        set({ loading: true });
        const result = await call((api) =>
          api.listApplications({ unitId, ...query, ...(focus === undefined ? {} : { focus }) }),
        );
        // A newer query was made meanwhile; its answer is the one to show.
        if (seq !== requestSeq) return;
        if (!result.ok) {
          set({ loading: false, error: result.error.code === 'UNAUTHENTICATED' ? null : result.error });
          return;
        }
        const { rows, total, counts, units } = result.value;
        const lastPage = Math.max(1, Math.ceil(total / query.pageSize));
        if (rows.length === 0 && query.page > lastPage) {
          // The list shrank under this page (a sync moved applications on): show its new last page.
          change({ page: lastPage });
          return;
        }
        set({ loading: false, loaded: true, error: null, rows, total, counts, units });
      },

      setFilter(state) {
        change({ state, page: 1 });
      },

      typeSearch(text) {
        set({ searchText: text });
        stopSearchTimer();
        searchTimer = setTimeout(() => {
          searchTimer = null;
          if (get().searchText.trim() !== get().query.search) applySearch();
        }, debounceMs);
      },

      submitSearch() {
        applySearch();
      },

      setSort(field, order) {
        change(
          field && order ? { sortField: field, sortOrder: order, page: 1 } : { ...DEFAULT_SORT, page: 1 },
        );
      },

      setUnitFilter(unitIds) {
        change({ filterUnitIds: unitIds, page: 1 });
      },

      showFocus(focus, state) {
        stopSearchTimer();
        set({ searchText: '' });
        change({ focus, state, search: '', filterUnitIds: [], page: 1 });
      },

      clearFocus() {
        change({ focus: undefined, page: 1 });
      },

      setPage(page, pageSize) {
        const query = get().query;
        change({ page: pageSize === query.pageSize ? page : 1, pageSize });
      },

      dispose() {
        stopSearchTimer();
      },
    };
  });
}
