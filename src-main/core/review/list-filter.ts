import { AppFailure, listSpansUnits } from '../../../src-shared/contracts';
import type { SessionUser } from '../../../src-shared/contracts';
import type { ApplicationCache } from '../cache/application-cache';
import type { ListFilter, ListRequestFilter, ListScope } from '../cache/cache-queries';
import type { FocusContext } from '../cache/unit-overview-queries';

/**
 * What the 职称申报审核 list shows for a request, without its page: the pages on screen, the 单位中心's
 * numbers behind them and 导出Excel read the same rows through this one translation.
 */

export interface ListContext {
  user: SessionUser;
  cache: ApplicationCache;
  /** The review rules' clock. */
  now: Date;
}

type Membership = SessionUser['memberships'][number];

/** The user's place in the unit whose list is asked for; refused for a unit they do not administer. */
export function membershipOf(user: SessionUser, unitId: string): Membership {
  const membership = user.memberships.find((unit) => unit.unitId === unitId);
  if (membership === undefined) throw new AppFailure('FORBIDDEN', '您不是该单位的管理员');
  return membership;
}

/** A unit's list is its own applications; a department's spans its units. */
export function listScopeOf(user: SessionUser, unitId: string): ListScope {
  return listSpansUnits(membershipOf(user, unitId).unitKind) ? 'department' : 'unit';
}

/** The numbers count by the review rules' clock and the cached holiday table, as the dialog's gate does. */
export function focusContextOf(unitId: string, { user, cache, now }: ListContext): FocusContext {
  return {
    scope: listScopeOf(user, unitId),
    scopeId: unitId,
    now,
    calendar: cache.holidays.calendar(),
  };
}

export function listFilterOf(input: ListRequestFilter, context: ListContext): ListFilter {
  return {
    scope: listScopeOf(context.user, input.unitId),
    unitId: input.unitId,
    state: input.state,
    search: input.search,
    filterUnitIds: input.filterUnitIds,
    sortField: input.sortField,
    sortOrder: input.sortOrder,
    ...(input.focus === undefined
      ? {}
      : {
          focus: input.focus,
          focusCondition: context.cache.overview.focusCondition(
            input.focus,
            focusContextOf(input.unitId, context),
          ),
        }),
  };
}
