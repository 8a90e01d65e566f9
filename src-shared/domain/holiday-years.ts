import { WorkingCalendar, type HolidayYear } from './calendar';
import holidays2025 from './holidays/2025.json' with { type: 'json' };
import holidays2026 from './holidays/2026.json' with { type: 'json' };

/**
 * The holiday years shipped with this release, each from the State Council's notice named in its file
 * (src-shared/domain/holidays/YYYY.json). The server seeds its table with them; the title office adds
 * later years there without a release, and every client syncs that table. These are what a client uses
 * before its first sync.
 */
export const SHIPPED_HOLIDAY_YEARS: readonly HolidayYear[] = [holidays2025, holidays2026];

/** The statutory calendar over the shipped years alone. */
export const SHIPPED_CALENDAR = new WorkingCalendar(SHIPPED_HOLIDAY_YEARS);
