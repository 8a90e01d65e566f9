import { z } from '../../../src-shared/contracts/zod-chinese';
import {
  holidayYearSchema,
  type CachedHolidayTable,
  type HolidayTable,
} from '../../../src-shared/contracts/calendar';
import { WorkingCalendar } from '../../../src-shared/domain/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../../src-shared/domain/holiday-years';
import type { CacheStore } from './cache-store';

const storedYearsSchema = z.array(holidayYearSchema);

/**
 * The statutory calendar as this client knows it: the server's holiday table as last synced, or the
 * notices shipped with the release before the first sync. The core's gate (ReviewDesk), the 公示表 and
 * the renderer (getHolidayTable) all count by it, online or not.
 */
export class CacheHolidays {
  /**
   * Built once per copy: every decision and every printed form asks for it. Keyed by the stored row, read
   * each time (a few KB), because another process on this cache (the web host beside the desktop app)
   * may have stored a newer copy.
   */
  private memo: { key: string; table: CachedHolidayTable; calendar: WorkingCalendar } | null = null;

  constructor(private readonly store: CacheStore) {}

  /** The table this client counts by. */
  table(): CachedHolidayTable {
    return this.current().table;
  }

  /** The working calendar over that table. */
  calendar(): WorkingCalendar {
    return this.current().calendar;
  }

  /**
   * Keeps the server's table as synced at `syncedAt` (also when it is the same as before: syncedAt says
   * how fresh the copy is). Answers whether the table differs from the copy kept before.
   */
  save(table: HolidayTable, syncedAt: string): boolean {
    const yearsJson = JSON.stringify(table.years);
    const before = this.storedRow();
    const changed = before?.years_json !== yearsJson || before.updated_at !== table.updatedAt;
    this.store.write(
      `insert into holiday_table (id, years_json, updated_at, synced_at) values (1, ?, ?, ?)
         on conflict (id) do update set years_json = excluded.years_json,
           updated_at = excluded.updated_at, synced_at = excluded.synced_at`,
      yearsJson,
      table.updatedAt,
      syncedAt,
    );
    return changed;
  }

  private current(): { table: CachedHolidayTable; calendar: WorkingCalendar } {
    const row = this.storedRow();
    const key = row === undefined ? '' : `${row.synced_at}\n${row.updated_at ?? ''}\n${row.years_json}`;
    if (this.memo?.key !== key) {
      const table = tableOf(row);
      this.memo = { key, table, calendar: new WorkingCalendar(table.years) };
    }
    return this.memo;
  }

  private storedRow() {
    return this.store.first(
      this.store.kysely
        .selectFrom('holiday_table')
        .select(['years_json', 'updated_at', 'synced_at'])
        .where('id', '=', 1),
    );
  }
}

function tableOf(
  row: { years_json: string; updated_at: string | null; synced_at: string } | undefined,
): CachedHolidayTable {
  if (row !== undefined) {
    // Checked, not cast: a copy this build cannot read is not counted by, the shipped one is.
    const years = storedYearsSchema.safeParse(JSON.parse(row.years_json));
    if (years.success) return { years: years.data, updatedAt: row.updated_at, syncedAt: row.synced_at };
    console.error('[core] the cached holiday table is unreadable; counting by the shipped notices');
  }
  return { years: SHIPPED_HOLIDAY_YEARS.map(copyYear), updatedAt: null, syncedAt: null };
}

function copyYear(entry: (typeof SHIPPED_HOLIDAY_YEARS)[number]): CachedHolidayTable['years'][number] {
  return {
    year: entry.year,
    notice: entry.notice,
    published: entry.published,
    holidays: entry.holidays.map((holiday) => ({
      name: holiday.name,
      daysOff: [...holiday.daysOff],
      workdays: [...holiday.workdays],
    })),
  };
}
