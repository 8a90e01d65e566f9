import { z } from './zod-chinese';
import type { UnitKind } from '../domain/roles';
import type { ApplicationState } from '../domain/workflow';
import { applicationStateSchema } from './applications';

/**
 * The 单位中心's start page (issue 16): what needs doing in the chosen unit or department, from the
 * core's cache (offline too). Each number opens the 职称申报审核 list narrowed to exactly those
 * applications by a focus (ListFocus), shown there as a removable chip.
 */

/**
 * What a number on the start page stands for, and the list's matching focus:
 * - awaitingMyReview: in the state this reviewer reviews (待单位审核, or 待主管部门审核 for a department),
 * - publicityEndsThisWeek: 单位公示中 whose real end (publicityEndOf, by the holiday table) falls in this
 *   week, Monday to Sunday,
 * - reportable: 单位公示中 that may go up to the department today (the workflow's publicityOverProblem),
 * - returnedByDepartment: 主管部门退回, back at the unit,
 * - awaitingSync: a decision the server has not applied yet (待同步), or comment drafts on this computer.
 * The first four leave out applications with a decision on its way: that work is done here.
 */
export const LIST_FOCUSES = [
  'awaitingMyReview',
  'publicityEndsThisWeek',
  'reportable',
  'returnedByDepartment',
  'awaitingSync',
] as const;
export type ListFocus = (typeof LIST_FOCUSES)[number];

export const LIST_FOCUS_LABELS: Readonly<Record<ListFocus, string>> = {
  awaitingMyReview: '待我审核',
  publicityEndsThisWeek: '公示本周结束',
  reportable: '可上报主管部门',
  returnedByDepartment: '主管部门退回',
  awaitingSync: '待同步',
};

export const listFocusSchema = z.enum(LIST_FOCUSES);

/**
 * The state a focus lies in, for the list's status tab beside the chip; null when it spans states.
 * A department reviews 待主管部门审核, a unit 待单位审核.
 */
export function stateOfFocus(focus: ListFocus, unitKind: UnitKind): ApplicationState | null {
  switch (focus) {
    case 'awaitingMyReview':
      return unitKind === 'department' ? 'deptReview' : 'unitReview';
    case 'publicityEndsThisWeek':
    case 'reportable':
      return 'unitPublicity';
    case 'returnedByDepartment':
      return 'deptReturned';
    case 'awaitingSync':
      return null;
  }
}

export const unitOverviewRequestSchema = z.strictObject({
  /** One of the caller's memberships. */
  unitId: z.string().min(1).max(64),
});
export type UnitOverviewRequest = z.input<typeof unitOverviewRequestSchema>;

const count = z.number().int().min(0);

export const unitOverviewSchema = z.object({
  /** A department's overview spans its units' applications; it has no publicity or returns of its own. */
  scope: z.enum(['unit', 'department']),
  /** Monday and Sunday of the current week (China time), 'YYYY-MM-DD'. */
  week: z.object({ start: z.string(), end: z.string() }),
  focuses: z.record(listFocusSchema, count),
  /** The parts of awaitingSync: decisions not applied yet, and applications with comment drafts. */
  unsentDecisions: count,
  draftApplications: count,
  /** Applications in the cache for this unit or department. */
  total: count,
  /** Per state, states without any left out, in workflow order. */
  byState: z.array(z.object({ state: applicationStateSchema, count })),
  /** Per 申报系列 (the first part of 申请资格), the largest first; '' for none recorded. */
  bySeries: z.array(z.object({ series: z.string(), count })),
});
export type UnitOverview = z.infer<typeof unitOverviewSchema>;
