import { chinaDateOf, isIsoDate, type WorkingCalendar } from './calendar';
import { ROLE_LABELS } from './roles';
import type { Role } from './roles';

/**
 * The review workflow of an application (DOMAIN.md "Workflow"), as data plus one function that applies a
 * step. The server applies it inside the transaction that records who, when, from, to and the comments; the
 * client uses it to show only the buttons that can work and to explain why a step is refused.
 *
 * Decisions the manual leaves open:
 * - 主管部门 "回退 to the unit" leads to 主管部门退回, where the unit either passes it on to the applicant
 *   (单位退回, the same as its own return) or reports it up again unchanged, without a new publicity: the
 *   content did not change and the publicity is over. "回退 to the individual" leads straight to 单位退回;
 *   the applicant's resubmission then goes through the unit's review and a new publicity, because the content
 *   changed.
 * - submitCount counts submissions: the first 提交 makes it 1 and every 再次提交 adds one.
 * - 已撤回 is final; an applicant who wants to apply again starts a new application.
 * - Every step that sends an application back needs at least one comment, so the applicant learns what to
 *   fix.
 */

export const APPLICATION_STATES = [
  'draft',
  'unitReview',
  'unitReturned',
  'unitPublicity',
  'deptReview',
  'deptReturned',
  'committee',
  'withdrawn',
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Readonly<Record<ApplicationState, string>> = {
  draft: '草稿',
  unitReview: '待单位审核',
  unitReturned: '单位退回',
  unitPublicity: '单位公示中',
  deptReview: '待主管部门审核',
  deptReturned: '主管部门退回',
  committee: '待评委会受理',
  withdrawn: '已撤回',
};

/** Who a return sends the application to, as the reviewer chooses it ("可选择回退到个人"). */
export type ReturnTarget = 'individual' | 'unit';

export const RETURN_TARGET_LABELS: Readonly<Record<ReturnTarget, string>> = {
  individual: '退回个人',
  unit: '退回单位',
};

/**
 * What must hold besides the role and the state: none; a publicity period of enough working days that has not
 * started in the past; or a publicity period whose end date has passed.
 */
export type TransitionGuard = 'none' | 'publicityPeriod' | 'publicityOver';

export interface Transition {
  id: TransitionId;
  /** The button label, verbatim from the manual where it has one. */
  label: string;
  from: ApplicationState;
  to: ApplicationState;
  role: Role;
  /** At least one comment (on the application, a section, a row or a field) must come with it. */
  requiresComment: boolean;
  guard: TransitionGuard;
  /** For returns: whom the application goes back to. */
  returnTo?: ReturnTarget;
  /** A submission by the applicant: submitCount goes up by one. */
  countsAsSubmission: boolean;
}

export type TransitionId =
  | 'submit'
  | 'resubmit'
  | 'withdraw'
  | 'unitReturn'
  | 'unitApprove'
  | 'publicityObjection'
  | 'reportUp'
  | 'unitReturnAfterDeptReturn'
  | 'reportUpAgain'
  | 'deptReturnToUnit'
  | 'deptReturnToIndividual'
  | 'deptApprove';

type TransitionDefaults = Pick<Transition, 'requiresComment' | 'guard' | 'countsAsSubmission'>;
const PLAIN: TransitionDefaults = { requiresComment: false, guard: 'none', countsAsSubmission: false };

export const TRANSITIONS: readonly Transition[] = [
  // 申报人 (through the applicant API)
  {
    ...PLAIN,
    id: 'submit',
    label: '提交',
    from: 'draft',
    to: 'unitReview',
    role: 'applicant',
    countsAsSubmission: true,
  },
  {
    ...PLAIN,
    id: 'resubmit',
    label: '再次提交',
    from: 'unitReturned',
    to: 'unitReview',
    role: 'applicant',
    countsAsSubmission: true,
  },
  { ...PLAIN, id: 'withdraw', label: '撤回', from: 'unitReview', to: 'withdrawn', role: 'applicant' },
  // 单位管理员
  {
    ...PLAIN,
    id: 'unitReturn',
    label: '审核不通过,回退',
    from: 'unitReview',
    to: 'unitReturned',
    role: 'unitAdmin',
    requiresComment: true,
    returnTo: 'individual',
  },
  {
    ...PLAIN,
    id: 'unitApprove',
    label: '审核通过,打印公示表',
    from: 'unitReview',
    to: 'unitPublicity',
    role: 'unitAdmin',
    guard: 'publicityPeriod',
  },
  {
    ...PLAIN,
    id: 'publicityObjection',
    label: '公示有异议',
    from: 'unitPublicity',
    to: 'unitReturned',
    role: 'unitAdmin',
    requiresComment: true,
    returnTo: 'individual',
  },
  {
    ...PLAIN,
    id: 'reportUp',
    label: '上报主管部门',
    from: 'unitPublicity',
    to: 'deptReview',
    role: 'unitAdmin',
    guard: 'publicityOver',
  },
  {
    ...PLAIN,
    id: 'unitReturnAfterDeptReturn',
    label: '审核不通过,回退',
    from: 'deptReturned',
    to: 'unitReturned',
    role: 'unitAdmin',
    requiresComment: true,
    returnTo: 'individual',
  },
  {
    ...PLAIN,
    id: 'reportUpAgain',
    label: '上报主管部门',
    from: 'deptReturned',
    to: 'deptReview',
    role: 'unitAdmin',
  },
  // 主管部门管理员
  {
    ...PLAIN,
    id: 'deptReturnToUnit',
    label: '审核不通过,回退',
    from: 'deptReview',
    to: 'deptReturned',
    role: 'deptAdmin',
    requiresComment: true,
    returnTo: 'unit',
  },
  {
    ...PLAIN,
    id: 'deptReturnToIndividual',
    label: '审核不通过,回退',
    from: 'deptReview',
    to: 'unitReturned',
    role: 'deptAdmin',
    requiresComment: true,
    returnTo: 'individual',
  },
  { ...PLAIN, id: 'deptApprove', label: '审核通过', from: 'deptReview', to: 'committee', role: 'deptAdmin' },
];

const TRANSITIONS_BY_ID: ReadonlyMap<string, Transition> = new Map(TRANSITIONS.map((t) => [t.id, t]));

export function transitionById(id: string): Transition | undefined {
  return TRANSITIONS_BY_ID.get(id);
}

/** The steps `role` may take from `state`, before their guards (comments, publicity dates) are checked. */
export function allowedTransitions(state: ApplicationState, role: Role): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.from === state && t.role === role);
}

/**
 * States in which the unit has approved the application, so its 公示表 exists and may be printed (again):
 * from 单位公示中 on, through the department's review.
 */
export const PUBLICITY_FORM_STATES: readonly ApplicationState[] = [
  'unitPublicity',
  'deptReview',
  'deptReturned',
  'committee',
];

export function hasPublicityForm(state: ApplicationState): boolean {
  return PUBLICITY_FORM_STATES.includes(state);
}

// -----------------------------------------------------------------------------------------------------------
// 公示期

/** 公示表 "posted in the unit for at least 5 working days". */
export const MIN_PUBLICITY_WORKING_DAYS = 5;

export const MISSING_PUBLICITY_PERIOD = '请填写公示开始日期和结束日期';

/** First and last day of the publicity, 'YYYY-MM-DD', both included. */
export interface PublicityPeriod {
  start: string;
  end: string;
}

/**
 * The earliest end date of a publicity that starts on `start` ('YYYY-MM-DD'): the date picker's default,
 * and the least a period must last.
 */
export function earliestPublicityEnd(start: string, calendar: WorkingCalendar): string {
  // A start on a working day is the first of the five; a start on a weekend or a holiday does not count.
  return calendar.addWorkingDays(
    start,
    calendar.isWorkingDay(start) ? MIN_PUBLICITY_WORKING_DAYS - 1 : MIN_PUBLICITY_WORKING_DAYS,
  );
}

/**
 * The day a publicity really ends: the end chosen on approval, or later when the calendar has changed
 * since (the title office added a holiday inside the period) and the chosen days no longer hold
 * MIN_PUBLICITY_WORKING_DAYS working days. The 公示表, the list's 公示中 / 可上报 and the 上报主管部门 gate
 * all read this, never the recorded end alone.
 */
export function publicityEndOf(period: PublicityPeriod, calendar: WorkingCalendar): string {
  const earliest = earliestPublicityEnd(period.start, calendar);
  return earliest > period.end ? earliest : period.end;
}

/**
 * What is wrong with a publicity period chosen on approval at `now`, in Chinese, or null. It may not start
 * before today (a back-dated start would let the unit report up before anyone saw the notice) and must cover
 * at least MIN_PUBLICITY_WORKING_DAYS working days of the statutory calendar, counting both the first and
 * the last day.
 */
export function publicityPeriodProblem(
  period: PublicityPeriod | undefined,
  now: Date,
  calendar: WorkingCalendar,
): string | null {
  if (!period) return MISSING_PUBLICITY_PERIOD;
  if (!isIsoDate(period.start) || !isIsoDate(period.end)) return '公示日期应为有效日期(格式YYYY-MM-DD)';
  if (period.start < chinaDateOf(now)) return '公示开始日期不能早于今天';
  if (period.end < period.start) return '公示结束日期不能早于开始日期';
  if (calendar.workingDaysBetween(period.start, period.end) < MIN_PUBLICITY_WORKING_DAYS) {
    const earliestEnd = earliestPublicityEnd(period.start, calendar);
    return `公示期不少于${MIN_PUBLICITY_WORKING_DAYS}个工作日(节假日不计),结束日期最早为${earliestEnd}`;
  }
  return null;
}

/**
 * Why 上报主管部门 must still wait, in Chinese, or null once the publicity is over by `calendar` (its real
 * end, publicityEndOf). The server's gate, the core's and the review dialog's button all ask this.
 */
export function publicityOverProblem(
  period: PublicityPeriod | undefined,
  now: Date,
  calendar: WorkingCalendar,
): string | null {
  if (!period || !isIsoDate(period.start) || !isIsoDate(period.end)) {
    return '缺少公示日期,无法确认公示是否结束';
  }
  const end = publicityEndOf(period, calendar);
  if (chinaDateOf(now) > end) return null;
  if (end !== period.end) {
    return `因节假日安排,公示期顺延至${end}结束(原定${period.end}),结束后才能上报主管部门`;
  }
  return `公示期至${end}结束,结束后才能上报主管部门`;
}

// -----------------------------------------------------------------------------------------------------------
// Applying a step

/** The part of an application that the workflow reads and changes. */
export interface WorkflowSnapshot {
  state: ApplicationState;
  /** Changes with every step, so a decision made against an older version can be detected as a conflict. */
  version: number;
  submitCount: number;
}

export interface TransitionContext {
  role: Role;
  now: Date;
  /** How many comments come with the step. */
  comments: number;
  /** For 审核通过,打印公示表: the chosen period; for 上报主管部门: the period recorded on approval. */
  publicity?: PublicityPeriod;
  /** The statutory calendar the publicity's working days are counted by (the server's table, or its copy). */
  calendar: WorkingCalendar;
}

export type TransitionResult = { ok: true; next: WorkflowSnapshot } | { ok: false; reason: string };

/** Applies one step if the role, the state and the guards allow it; the reason of a refusal is Chinese. */
export function applyTransition(
  current: WorkflowSnapshot,
  transitionId: TransitionId,
  ctx: TransitionContext,
): TransitionResult {
  const transition = transitionById(transitionId);
  if (!transition) return { ok: false, reason: '未知的操作' };
  const action = `“${transition.label}”`;
  if (transition.role !== ctx.role) {
    return { ok: false, reason: `${ROLE_LABELS[ctx.role]}不能执行${action}` };
  }
  if (transition.from !== current.state) {
    return { ok: false, reason: `申请书当前状态为“${STATE_LABELS[current.state]}”,不能执行${action}` };
  }
  if (transition.requiresComment && !(ctx.comments >= 1)) {
    return { ok: false, reason: `请先填写至少一条修改意见,再执行${action}` };
  }
  const guardProblem =
    transition.guard === 'publicityPeriod'
      ? publicityPeriodProblem(ctx.publicity, ctx.now, ctx.calendar)
      : transition.guard === 'publicityOver'
        ? publicityOverProblem(ctx.publicity, ctx.now, ctx.calendar)
        : null;
  if (guardProblem !== null) return { ok: false, reason: guardProblem };
  return {
    ok: true,
    next: {
      state: transition.to,
      version: current.version + 1,
      submitCount: current.submitCount + (transition.countsAsSubmission ? 1 : 0),
    },
  };
}
