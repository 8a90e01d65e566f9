import { createStore } from 'zustand/vanilla';
import type {
  AppError,
  AppEventSource,
  CachedHolidayTable,
  HolidayYearInput,
} from '../../../src-shared/contracts';
import { WorkingCalendar } from '../../../src-shared/domain/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../../src-shared/domain/holiday-years';
import type { SessionStoreState } from '../auth/session-store';
import type { HolidayDraft } from '../holidays/holiday-draft';

export interface CalendarStoreState {
  /** The core's holiday table (its synced copy of the server's); null until the core has answered. */
  table: CachedHolidayTable | null;
  /**
   * The working calendar over that table, which every date on the screens is counted by. Until the
   * core answers: the shipped notices, which is also what the core counts by before its first sync.
   */
  calendar: WorkingCalendar;
  /** Reads the table from the core. */
  load(): Promise<void>;
  /** Loads now and again after every sync (a sync may bring a new table); answers the stop function. */
  start(): () => void;
  /** 节假日安排: saves one year (职改办, online); answers the failure, or null. */
  save(entry: HolidayYearInput): Promise<AppError | null>;
  /**
   * 节假日安排's unsaved edits by year, kept for the session: leaving the page or switching the year
   * loses nothing typed.
   */
  drafts: Readonly<Record<number, HolidayDraft>>;
  /** Keeps a year's edits, or drops them (null) once saved or given up. */
  keepDraft(year: number, draft: HolidayDraft | null): void;
}

export type CalendarStore = ReturnType<typeof createCalendarStore>;

/** A store over the shipped notices alone, for screens shown outside a signed-in session (and tests). */
export function shippedCalendarStore(): CalendarStore {
  return createStore<CalendarStoreState>()(() => ({
    table: null,
    calendar: new WorkingCalendar(SHIPPED_HOLIDAY_YEARS),
    load: async () => undefined,
    start: () => () => undefined,
    save: async () => null,
    drafts: {},
    keepDraft: () => undefined,
  }));
}

/** The statutory calendar as the signed-in person's client has it (getHolidayTable). */
export function createCalendarStore(call: SessionStoreState['call'], events: AppEventSource) {
  return createStore<CalendarStoreState>()((set, get) => {
    const apply = (table: CachedHolidayTable) => set({ table, calendar: new WorkingCalendar(table.years) });
    let loading = 0;
    return {
      table: null,
      calendar: new WorkingCalendar(SHIPPED_HOLIDAY_YEARS),

      async load() {
        // Only the latest answer counts: a slow early one must not replace a later table.
        const ticket = (loading += 1);
        const result = await call((api) => api.getHolidayTable());
        if (result.ok && ticket === loading) apply(result.value);
      },

      start() {
        void get().load();
        return events.subscribe((event) => {
          if (event.name === 'syncStatus' && event.payload.phase === 'idle') void get().load();
        });
      },

      drafts: {},

      keepDraft(year, draft) {
        set((state) => {
          const { [year]: _dropped, ...others } = state.drafts;
          return { drafts: draft === null ? others : { ...others, [year]: draft } };
        });
      },

      async save(entry) {
        const result = await call((api) => api.saveHolidayYear(entry));
        if (!result.ok) return result.error;
        loading += 1;
        apply(result.value);
        return null;
      },
    };
  });
}
