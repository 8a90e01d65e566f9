import { SHIPPED_CALENDAR } from '../../../src-shared/domain/holiday-years';
import {
  type ApplicationState,
  applyTransition,
  earliestPublicityEnd,
  type PublicityPeriod,
  type TransitionId,
  transitionById,
  type WorkflowSnapshot,
} from '../../../src-shared/domain/workflow';
import { beijingDayNumberOf } from '../../../src-shared/time/beijing-time';
import { addWorkdays, DAY_MS, dayOfIso, instantOf, isoDay, workdayFrom } from './dates';
import type { GeneratedHistoryEntry } from './generator';
import { type Random, weighted } from './random';
import { approvalComment, type CommentContext, returnComment } from './texts';

/**
 * The life of a demo application from its creation to the state asked for: a path of real workflow steps,
 * dated so that every guard holds at the moment of its step (a publicity chosen on approval starts that
 * day and lasts the minimum; reporting up happens after it ended), then replayed through applyTransition,
 * so version and submitCount are the workflow's own and a path the workflow refuses is a bug that throws.
 */

/** A return to the applicant and the resubmission that follows it, starting and ending in 待单位审核. */
const RETURN_LOOPS = weighted<readonly TransitionId[]>([
  [['unitReturn', 'resubmit'], 70],
  [['unitApprove', 'publicityObjection', 'resubmit'], 8],
  [['unitApprove', 'reportUp', 'deptReturnToIndividual', 'resubmit'], 10],
  [['unitApprove', 'reportUp', 'deptReturnToUnit', 'unitReturnAfterDeptReturn', 'resubmit'], 12],
]);
const LOOP_COUNT = weighted<number>([
  [0, 72],
  [1, 22],
  [2, 6],
]);
const REPORTED = ['unitApprove', 'reportUp'] as const;
/** 主管部门 returns it to the unit, which reports it up again unchanged. */
const DEPT_LOOP = ['deptReturnToUnit', 'reportUpAgain'] as const;

/** The steps from 待单位审核 (after the first 提交) to `state`. */
function tailTo(rng: Random, state: Exclude<ApplicationState, 'draft'>): readonly TransitionId[] {
  const deptLoop = rng.chance(0.15) ? DEPT_LOOP : [];
  switch (state) {
    case 'unitReview':
      return [];
    case 'withdrawn':
      return ['withdraw'];
    case 'unitReturned':
      return RETURN_LOOPS.pick(rng).slice(0, -1);
    case 'unitPublicity':
      return ['unitApprove'];
    case 'deptReview':
      return [...REPORTED, ...deptLoop];
    case 'deptReturned':
      return [...REPORTED, ...deptLoop, 'deptReturnToUnit'];
    case 'committee':
      return [...REPORTED, ...deptLoop, 'deptApprove'];
  }
}

/** The steps from a new draft to `state`; submitCount ends one above the number of return loops. */
export function pathTo(rng: Random, state: ApplicationState): TransitionId[] {
  if (state === 'draft') return [];
  const path: TransitionId[] = ['submit'];
  for (let loops = LOOP_COUNT.pick(rng); loops > 0; loops -= 1) path.push(...RETURN_LOOPS.pick(rng));
  path.push(...tailTo(rng, state));
  return path;
}

/** How long ago the last step may have been, in days, so that every list has recent and old entries. */
const IDLE_DAYS: Readonly<Record<ApplicationState, number>> = {
  draft: 45,
  unitReview: 12,
  unitReturned: 20,
  // Some publicities still run, some are over and wait for 上报主管部门.
  unitPublicity: 8,
  deptReview: 25,
  deptReturned: 15,
  committee: 90,
  withdrawn: 90,
};

interface TimedStep {
  id: TransitionId;
  at: number;
  /** For 审核通过,打印公示表: the publicity it chose, as day numbers. */
  publicity: { start: number; end: number } | null;
}

export interface Timeline {
  createdAt: number;
  /** The last change: the last step, or the applicant's last save of a draft. */
  updatedAt: number;
  steps: TimedStep[];
}

/** The draws that date a timeline: a Random, or the same draws replayed. */
type Draws = Pick<Random, 'int'>;

const applicantTime = (rng: Draws, day: number) => instantOf(day, rng.int(450, 1409), rng.int(0, 59));
const officeTime = (rng: Draws, day: number) => instantOf(day, rng.int(510, 1079), rng.int(0, 59));

/**
 * Dates the steps of `path`, ending at most IDLE_DAYS[state] days before `now`. Every step falls on a later
 * day than the one before, applicants at any day and hour, administrators on working days in office hours.
 */
export function timelineFor(
  rng: Random,
  path: readonly TransitionId[],
  state: ApplicationState,
  now: number,
): Timeline {
  const today = beijingDayNumberOf(now);
  // Dated forward from today to learn how long the steps take, then dated again with the same draws from
  // whole weeks earlier, so that the last step lies `idle` days before today. Dated again, not moved: a
  // publicity moved back would cross other holidays, and last a different number of working days.
  const draws: number[] = [];
  const recording: Draws = {
    int: (min, max) => {
      const value = rng.int(min, max);
      draws.push(value);
      return value;
    },
  };
  const ahead = datedFrom(today, path, recording);
  const idle = rng.int(0, IDLE_DAYS[state]);
  for (let weeks = Math.ceil((beijingDayNumberOf(ahead.updatedAt) + idle - today) / 7); ; weeks += 1) {
    let next = 0;
    const replayed = datedFrom(today - weeks * 7, path, { int: () => draws[next++] ?? 0 });
    if (replayed.updatedAt <= now) return replayed;
  }
}

function datedFrom(firstDay: number, path: readonly TransitionId[], rng: Draws): Timeline {
  let day = firstDay;
  const createdAt = applicantTime(rng, day);
  const steps: TimedStep[] = [];
  let publicity: { start: number; end: number } | null = null;
  for (const id of path) {
    switch (id) {
      case 'submit':
        day += rng.int(1, 25);
        break;
      case 'resubmit':
        day += rng.int(1, 10);
        break;
      case 'withdraw':
        day += rng.int(1, 8);
        break;
      case 'unitReturn':
      case 'unitApprove':
        day = workdayFrom(day + rng.int(1, 10));
        break;
      case 'publicityObjection':
        if (!publicity) throw new Error('publicityObjection without a publicity');
        day = Math.min(addWorkdays(publicity.start, rng.int(1, 4)), publicity.end);
        break;
      case 'reportUp':
        if (!publicity) throw new Error('reportUp without a publicity');
        day = addWorkdays(publicity.end, rng.int(1, 5));
        break;
      case 'deptReturnToUnit':
      case 'deptReturnToIndividual':
      case 'deptApprove':
        day = workdayFrom(day + rng.int(2, 20));
        break;
      case 'unitReturnAfterDeptReturn':
      case 'reportUpAgain':
        day = workdayFrom(day + rng.int(1, 6));
        break;
    }
    // The notice goes up on the day of approval, for the minimum period.
    const stepPublicity =
      id === 'unitApprove'
        ? { start: day, end: dayOfIso(earliestPublicityEnd(isoDay(day), SHIPPED_CALENDAR)) }
        : null;
    if (stepPublicity) publicity = stepPublicity;
    const role = transitionById(id)?.role;
    steps.push({
      id,
      at: role === 'applicant' ? applicantTime(rng, day) : officeTime(rng, day),
      publicity: stepPublicity,
    });
  }
  const updatedAt = steps.at(-1)?.at ?? createdAt + rng.int(5 * 60_000, 5 * DAY_MS);
  return { createdAt, updatedAt, steps };
}

type Actor = GeneratedHistoryEntry['actor'];

function actorOf(id: TransitionId): Actor {
  const role = transitionById(id)?.role;
  if (role === 'applicant' || role === 'unitAdmin' || role === 'deptAdmin') return role;
  throw new Error(`No demo actor for step ${id}`);
}

export interface ReplayedHistory {
  history: GeneratedHistoryEntry[];
  snapshot: WorkflowSnapshot;
  /** The publicity the current state rests on: set by approval, dropped when it goes back to the applicant. */
  publicity: PublicityPeriod | null;
  firstSubmittedAt: number | null;
  lastSubmittedAt: number | null;
}

/** Applies the timeline's steps one by one with applyTransition, writing comments where they belong. */
export function replayTimeline(rng: Random, timeline: Timeline, comments: CommentContext): ReplayedHistory {
  let snapshot: WorkflowSnapshot = { state: 'draft', version: 1, submitCount: 0 };
  const history: GeneratedHistoryEntry[] = [
    {
      at: new Date(timeline.createdAt).toISOString(),
      action: 'created',
      fromState: null,
      toState: 'draft',
      actor: 'applicant',
      comment: null,
    },
  ];
  let publicity: PublicityPeriod | null = null;
  let firstSubmittedAt: number | null = null;
  let lastSubmittedAt: number | null = null;
  for (const step of timeline.steps) {
    const transition = transitionById(step.id);
    if (!transition) throw new Error(`Unknown step ${step.id}`);
    if (step.publicity) {
      const start = isoDay(step.publicity.start);
      publicity = { start, end: earliestPublicityEnd(start, SHIPPED_CALENDAR) };
    }
    let comment: string | null = null;
    switch (step.id) {
      case 'unitReturn':
      case 'publicityObjection':
      case 'deptReturnToUnit':
      case 'deptReturnToIndividual':
      case 'unitReturnAfterDeptReturn':
        comment = returnComment(rng, step.id, comments);
        break;
      case 'unitApprove':
      case 'reportUp':
      case 'reportUpAgain':
      case 'deptApprove':
        if (rng.chance(0.3)) comment = approvalComment(rng, step.id);
        break;
      default:
        break;
    }
    const result = applyTransition(snapshot, step.id, {
      role: transition.role,
      now: new Date(step.at),
      calendar: SHIPPED_CALENDAR,
      comments: comment === null ? 0 : 1,
      ...(publicity ? { publicity } : {}),
    });
    if (!result.ok) throw new Error(`Demo history step ${step.id} was refused: ${result.reason}`);
    history.push({
      at: new Date(step.at).toISOString(),
      action: step.id,
      fromState: snapshot.state,
      toState: result.next.state,
      actor: actorOf(step.id),
      comment,
    });
    if (transition.countsAsSubmission) {
      firstSubmittedAt ??= step.at;
      lastSubmittedAt = step.at;
    }
    snapshot = result.next;
    if (snapshot.state === 'unitReturned') publicity = null;
  }
  return { history, snapshot, publicity, firstSubmittedAt, lastSubmittedAt };
}
