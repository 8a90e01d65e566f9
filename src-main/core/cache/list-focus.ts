import type { ListFocus } from '../../../src-shared/contracts/unit-overview';
import type { ApplicationCache } from './application-cache';
import type { ListScope } from './cache-queries';
import type { FocusCondition, FocusContext } from './unit-overview-queries';

/**
 * A 单位中心 number's focus as the core applies it, in one place for the start page's counts, the list's
 * pages and 导出Excel: counted by the review rules' clock and the cached holiday table, so a number, the
 * list it opens and the file exported from that list hold the same applications.
 */

export function focusContextOf(
  cache: ApplicationCache,
  scope: ListScope,
  scopeId: string,
  now: Date,
): FocusContext {
  return { scope, scopeId, now, calendar: cache.holidays.calendar() };
}

/** The request with its scope, and its focus (when it has one) as the condition the list query takes. */
export function withFocusCondition<T extends { unitId: string; focus?: ListFocus | undefined }>(
  cache: ApplicationCache,
  input: T,
  scope: ListScope,
  now: Date,
): T & { scope: ListScope; focusCondition?: FocusCondition } {
  if (input.focus === undefined) return { ...input, scope };
  const context = focusContextOf(cache, scope, input.unitId, now);
  return { ...input, scope, focusCondition: cache.overview.focusCondition(input.focus, context) };
}
