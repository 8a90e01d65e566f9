import { sql, type RawBuilder } from 'kysely';
import type { ListFocus, UnitOverview } from '../../../src-shared/contracts/unit-overview';
import { LIST_FOCUSES } from '../../../src-shared/contracts/unit-overview';
import { chinaDateOf, isIsoDate, type WorkingCalendar } from '../../../src-shared/domain/calendar';
import { DAY_MS } from '../../../src-shared/time/beijing-time';
import {
  APPLICATION_STATES,
  publicityEndOf,
  publicityOverProblem,
  type ApplicationState,
  type PublicityPeriod,
} from '../../../src-shared/domain/workflow';
import { scopeColumnOf, type ListScope } from './cache-queries';
import type { CacheStore } from './cache-store';

/** Whose numbers, counted when: the scope of the list, the review rules' clock and calendar. */
export interface FocusContext {
  scope: ListScope;
  scopeId: string;
  now: Date;
  calendar: WorkingCalendar;
}

/**
 * A focus as a condition on the `applications` table, for the start page's counts and the list's filter
 * alike, so a number and the list it opens can never disagree. `key` names it for the list's kept match
 * orders (it changes with the day and the holiday table, which change the publicity focuses).
 */
export interface FocusCondition {
  key: string;
  where: RawBuilder<boolean>;
}

/** A decision on its way: the work is done here, the server has not applied it yet. */
const DECISION_ON_ITS_WAY = sql<boolean>`exists (select 1 from outbox o
  where o.application_id = applications.id and o.status in ('pending', 'sending'))`;

/** Any decision the server has not applied, refused ones included: they too exist only here. */
const UNSENT_DECISION = sql<boolean>`exists (select 1 from outbox o
  where o.application_id = applications.id and o.status <> 'applied')`;

const HAS_DRAFTS = sql<boolean>`exists (select 1 from comment_drafts d
  where d.application_id = applications.id)`;

/** 申报系列: the first part of 申请资格 (系列/专业/资格, as the server joins them). */
const SERIES = sql<string>`case when instr(qualification, '/') > 0
  then substr(qualification, 1, instr(qualification, '/') - 1) else qualification end`;

/**
 * The 单位中心's start page, counted in SQL over the cache: one aggregate pass for the numbers and one
 * group-by each for the chart, never the rows themselves. The publicity focuses depend on the holiday
 * table, which SQL does not know: they group the scope's publicity periods (a unit approves in batches,
 * so there are few distinct ones), judge each period with the workflow's own rules, and match the
 * applications whose period is one of those judged in.
 */
export class UnitOverviewQueries {
  constructor(private readonly store: CacheStore) {}

  overview(context: FocusContext): UnitOverview {
    const scopeColumn = scopeColumnOf(context.scope);
    const conditions = LIST_FOCUSES.map((focus) => this.focusCondition(focus, context).where);
    const sums = this.store.first(
      this.store.kysely
        .selectFrom('applications')
        .where(scopeColumn, '=', context.scopeId)
        .select([
          sql<number>`count(*)`.as('total'),
          sql<number>`coalesce(sum(${UNSENT_DECISION}), 0)`.as('unsent'),
          sql<number>`coalesce(sum(${HAS_DRAFTS}), 0)`.as('drafted'),
          sql<string>`json_array(${sql.join(conditions.map((where) => sql`coalesce(sum(${where}), 0)`))})`.as(
            'focus_counts',
          ),
        ]),
    );
    const focusCounts = JSON.parse(sums?.focus_counts ?? '[]') as number[];

    const stateRows = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(scopeColumn, '=', context.scopeId)
        .groupBy('state')
        .select((eb) => ['state', eb.fn.countAll<number>().as('n')]),
    );
    const perState = new Map<string, number>(stateRows.map((row) => [row.state, row.n]));
    const seriesRows = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(scopeColumn, '=', context.scopeId)
        .select([SERIES.as('series'), sql<number>`count(*)`.as('n')])
        .groupBy(SERIES)
        .orderBy('n', 'desc')
        .orderBy('series'),
    );

    return {
      scope: context.scope,
      week: weekOf(chinaDateOf(context.now)),
      focuses: Object.fromEntries(
        LIST_FOCUSES.map((focus, index) => [focus, focusCounts[index] ?? 0]),
      ) as Record<ListFocus, number>,
      unsentDecisions: sums?.unsent ?? 0,
      draftApplications: sums?.drafted ?? 0,
      total: sums?.total ?? 0,
      // A state this build does not know (a newer server) has no bar to count towards.
      byState: APPLICATION_STATES.flatMap((state: ApplicationState) => {
        const n = perState.get(state) ?? 0;
        return n > 0 ? [{ state, count: n }] : [];
      }),
      bySeries: seriesRows.map((row) => ({ series: row.series, count: row.n })),
    };
  }

  /** The condition that picks the applications behind `focus`'s number. */
  focusCondition(focus: ListFocus, context: FocusContext): FocusCondition {
    const waitingHere = (state: ApplicationState) =>
      sql<boolean>`(state = ${state} and not ${DECISION_ON_ITS_WAY})`;
    switch (focus) {
      case 'awaitingMyReview': {
        const state = context.scope === 'department' ? 'deptReview' : 'unitReview';
        return { key: focus, where: waitingHere(state) };
      }
      case 'returnedByDepartment':
        return { key: focus, where: waitingHere('deptReturned') };
      case 'awaitingSync':
        return { key: focus, where: sql<boolean>`(${UNSENT_DECISION} or ${HAS_DRAFTS})` };
      case 'publicityEndsThisWeek': {
        const week = weekOf(chinaDateOf(context.now));
        return this.publicityCondition(focus, context, (period) => {
          const end = publicityEndOf(period, context.calendar);
          return end >= week.start && end <= week.end;
        });
      }
      case 'reportable':
        // 上报主管部门's own gate, as the review dialog and the server ask it.
        return this.publicityCondition(
          focus,
          context,
          (period) => publicityOverProblem(period, context.now, context.calendar) === null,
        );
    }
  }

  /** 单位公示中 with a period `judge` takes, and no decision on its way. */
  private publicityCondition(
    focus: ListFocus,
    context: FocusContext,
    judge: (period: PublicityPeriod) => boolean,
  ): FocusCondition {
    const periods = this.store.all(
      this.store.kysely
        .selectFrom('applications')
        .where(scopeColumnOf(context.scope), '=', context.scopeId)
        .where('state', '=', 'unitPublicity')
        .where('publicity_start', 'is not', null)
        .where('publicity_end', 'is not', null)
        .select(['publicity_start', 'publicity_end'])
        .distinct(),
    );
    const chosen = periods.flatMap(({ publicity_start: start, publicity_end: end }) => {
      if (start === null || end === null || !isIsoDate(start) || !isIsoDate(end)) return [];
      return judge({ start, end }) ? [`${start}/${end}`] : [];
    });
    const chosenJson = JSON.stringify(chosen.sort());
    return {
      key: `${focus}:${chosenJson}`,
      where: sql<boolean>`(state = 'unitPublicity' and not ${DECISION_ON_ITS_WAY}
        and (publicity_start || '/' || publicity_end) in (select value from json_each(${chosenJson})))`,
    };
  }
}

/** Monday and Sunday of the week `date` ('YYYY-MM-DD') falls in. */
export function weekOf(date: string): { start: string; end: string } {
  const day = Date.parse(`${date}T00:00:00Z`);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  const at = (offset: number) => new Date(day + offset * DAY_MS).toISOString().slice(0, 10);
  return { start: at(-sinceMonday), end: at(6 - sinceMonday) };
}
