import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import { describe, expect, it } from 'vitest';

import { ROLES } from '../../src-shared/domain/roles';
import type { Role } from '../../src-shared/domain/roles';
import {
  APPLICATION_STATES,
  STATE_LABELS,
  TRANSITIONS,
  allowedTransitions,
  applyTransition,
  earliestPublicityEnd,
  publicityPeriodProblem,
} from '../../src-shared/domain/workflow';
import type {
  ApplicationState,
  Transition,
  TransitionContext,
  TransitionId,
  WorkflowSnapshot,
} from '../../src-shared/domain/workflow';

/**
 * The workflow of DOMAIN.md with the decisions documented in workflow.ts, written out independently of the
 * implementation: [id, from, to, role, label].
 */
const DECLARED: readonly [TransitionId, ApplicationState, ApplicationState, Role, string][] = [
  ['submit', 'draft', 'unitReview', 'applicant', '提交'],
  ['resubmit', 'unitReturned', 'unitReview', 'applicant', '再次提交'],
  ['withdraw', 'unitReview', 'withdrawn', 'applicant', '撤回'],
  ['unitReturn', 'unitReview', 'unitReturned', 'unitAdmin', '审核不通过,回退'],
  ['unitApprove', 'unitReview', 'unitPublicity', 'unitAdmin', '审核通过,打印公示表'],
  ['publicityObjection', 'unitPublicity', 'unitReturned', 'unitAdmin', '公示有异议'],
  ['reportUp', 'unitPublicity', 'deptReview', 'unitAdmin', '上报主管部门'],
  ['unitReturnAfterDeptReturn', 'deptReturned', 'unitReturned', 'unitAdmin', '审核不通过,回退'],
  ['reportUpAgain', 'deptReturned', 'deptReview', 'unitAdmin', '上报主管部门'],
  ['deptReturnToUnit', 'deptReview', 'deptReturned', 'deptAdmin', '审核不通过,回退'],
  ['deptReturnToIndividual', 'deptReview', 'unitReturned', 'deptAdmin', '审核不通过,回退'],
  ['deptApprove', 'deptReview', 'committee', 'deptAdmin', '审核通过'],
];

const COMMENT_REQUIRED: readonly TransitionId[] = [
  'unitReturn',
  'publicityObjection',
  'unitReturnAfterDeptReturn',
  'deptReturnToUnit',
  'deptReturnToIndividual',
];

/** Tuesday 10 June 2025, 10:00 in Chongqing. 2025-06-09 is a Monday. */
const NOW = new Date('2025-06-10T10:00:00+08:00');
/** Tuesday to the next Monday: 5 working days, starting today. */
const UPCOMING_PUBLICITY = { start: '2025-06-10', end: '2025-06-16' };
/** Monday to Friday of the week before: over. */
const FINISHED_PUBLICITY = { start: '2025-06-02', end: '2025-06-06' };

const CHINESE = /[\u4e00-\u9fff]/;

/** A context that satisfies every guard of `transition`, so that only role and state decide. */
function satisfyingContext(transition: Transition, role: Role): TransitionContext {
  const publicity =
    transition.guard === 'publicityPeriod'
      ? UPCOMING_PUBLICITY
      : transition.guard === 'publicityOver'
        ? FINISHED_PUBLICITY
        : undefined;
  return { role, now: NOW, calendar: SHIPPED_CALENDAR, comments: 1, ...(publicity ? { publicity } : {}) };
}

function snapshot(state: ApplicationState, version = 7, submitCount = 1): WorkflowSnapshot {
  return { state, version, submitCount };
}

function transition(id: TransitionId): Transition {
  const found = TRANSITIONS.find((t) => t.id === id);
  if (!found) throw new Error(`No transition ${id}`);
  return found;
}

function reasonOf(result: ReturnType<typeof applyTransition>): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

describe('the declared workflow', () => {
  it('is exactly the one implemented', () => {
    expect(TRANSITIONS.map((t) => [t.id, t.from, t.to, t.role, t.label])).toEqual(DECLARED);
  });

  it('labels every state in Chinese', () => {
    expect(STATE_LABELS).toEqual({
      draft: '草稿',
      unitReview: '待单位审核',
      unitReturned: '单位退回',
      unitPublicity: '单位公示中',
      deptReview: '待主管部门审核',
      deptReturned: '主管部门退回',
      committee: '待评委会受理',
      withdrawn: '已撤回',
    });
    expect(Object.keys(STATE_LABELS)).toEqual([...APPLICATION_STATES]);
  });

  it('requires comments exactly for the steps that send an application back', () => {
    expect(TRANSITIONS.filter((t) => t.requiresComment).map((t) => t.id)).toEqual(COMMENT_REQUIRED);
  });

  it('names the target of every return', () => {
    expect(transition('unitReturn').returnTo).toBe('individual');
    expect(transition('deptReturnToUnit').returnTo).toBe('unit');
    expect(transition('deptReturnToIndividual').returnTo).toBe('individual');
  });
});

describe('every (state, transition, role)', () => {
  const combinations = APPLICATION_STATES.flatMap((state) =>
    TRANSITIONS.flatMap((t) => ROLES.map((role) => [state, t.id, role] as const)),
  );
  const declared = (state: ApplicationState, id: TransitionId, role: Role) =>
    DECLARED.some(([d, from, , r]) => d === id && from === state && r === role);

  it('covers all combinations', () => {
    expect(combinations).toHaveLength(APPLICATION_STATES.length * DECLARED.length * ROLES.length);
  });

  it.each(combinations)('from %s, %s by %s is allowed exactly when declared', (state, id, role) => {
    const t = transition(id);
    const result = applyTransition(snapshot(state), id, satisfyingContext(t, role));
    const allowed = declared(state, id, role);
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.next.state).toBe(t.to);
    else expect(result.reason).toMatch(CHINESE);
    expect(allowedTransitions(state, role).some((a) => a.id === id)).toBe(allowed);
  });

  it('lets nobody act on 待评委会受理 or 已撤回, and 个人用户 and 职改办 never', () => {
    for (const role of ROLES) {
      expect(allowedTransitions('committee', role)).toEqual([]);
      expect(allowedTransitions('withdrawn', role)).toEqual([]);
    }
    for (const state of APPLICATION_STATES) {
      expect(allowedTransitions(state, 'individual')).toEqual([]);
      expect(allowedTransitions(state, 'titleOffice')).toEqual([]);
    }
  });

  it('explains a wrong role and a wrong state', () => {
    expect(
      reasonOf(
        applyTransition(
          snapshot('unitReview'),
          'unitApprove',
          satisfyingContext(transition('unitApprove'), 'applicant'),
        ),
      ),
    ).toBe('申报人不能执行“审核通过,打印公示表”');
    expect(
      reasonOf(
        applyTransition(snapshot('draft'), 'unitReturn', {
          role: 'unitAdmin',
          now: NOW,
          calendar: SHIPPED_CALENDAR,
          comments: 1,
        }),
      ),
    ).toBe('申请书当前状态为“草稿”,不能执行“审核不通过,回退”');
  });

  it('refuses an unknown transition', () => {
    const unknown = 'approveEverything' as TransitionId;
    expect(
      reasonOf(
        applyTransition(snapshot('unitReview'), unknown, {
          role: 'unitAdmin',
          now: NOW,
          calendar: SHIPPED_CALENDAR,
          comments: 1,
        }),
      ),
    ).toBe('未知的操作');
  });
});

describe('guards', () => {
  it.each(COMMENT_REQUIRED)('%s needs at least one comment', (id) => {
    const t = transition(id);
    const withoutComments = { ...satisfyingContext(t, t.role), comments: 0 };
    expect(reasonOf(applyTransition(snapshot(t.from), id, withoutComments))).toBe(
      `请先填写至少一条修改意见,再执行“${t.label}”`,
    );
    expect(applyTransition(snapshot(t.from), id, satisfyingContext(t, t.role)).ok).toBe(true);
  });

  it.each(TRANSITIONS.filter((t) => !t.requiresComment).map((t) => t.id))('%s needs no comment', (id) => {
    const t = transition(id);
    expect(applyTransition(snapshot(t.from), id, { ...satisfyingContext(t, t.role), comments: 0 }).ok).toBe(
      true,
    );
  });

  describe('审核通过,打印公示表 needs a publicity period of at least 5 working days', () => {
    const approve = (publicity?: { start: string; end: string }) =>
      applyTransition(snapshot('unitReview'), 'unitApprove', {
        role: 'unitAdmin',
        now: NOW,
        calendar: SHIPPED_CALENDAR,
        comments: 0,
        ...(publicity ? { publicity } : {}),
      });

    it.each([
      ['Tuesday to the next Monday', '2025-06-10', '2025-06-16'],
      ['Monday to Friday of a later week', '2025-06-16', '2025-06-20'],
      ['Saturday to the next Friday', '2025-06-14', '2025-06-20'],
      ['longer than needed', '2025-06-10', '2025-06-30'],
    ])('accepts %s', (_name, start, end) => {
      expect(approve({ start, end }).ok).toBe(true);
    });

    it.each([
      [
        'Tuesday to Sunday: 4 working days',
        '2025-06-10',
        '2025-06-15',
        '公示期不少于5个工作日(节假日不计),结束日期最早为2025-06-16',
      ],
      [
        'Monday to Thursday',
        '2025-06-16',
        '2025-06-19',
        '公示期不少于5个工作日(节假日不计),结束日期最早为2025-06-20',
      ],
      [
        'Saturday to Thursday',
        '2025-06-14',
        '2025-06-19',
        '公示期不少于5个工作日(节假日不计),结束日期最早为2025-06-20',
      ],
      ['one day', '2025-06-10', '2025-06-10', '公示期不少于5个工作日(节假日不计),结束日期最早为2025-06-16'],
      ['an end before the start', '2025-06-20', '2025-06-16', '公示结束日期不能早于开始日期'],
      ['a start in the past', '2025-06-09', '2025-06-20', '公示开始日期不能早于今天'],
      ['a date that does not exist', '2025-06-10', '2025-06-31', '公示日期应为有效日期(格式YYYY-MM-DD)'],
      ['a date in another format', '2025/06/10', '2025-06-20', '公示日期应为有效日期(格式YYYY-MM-DD)'],
    ])('rejects %s', (_name, start, end, reason) => {
      expect(reasonOf(approve({ start, end }))).toBe(reason);
    });

    it('rejects a missing period', () => {
      expect(reasonOf(approve())).toBe('请填写公示开始日期和结束日期');
    });

    it.each([
      ['2025-06-09', '2025-06-13'],
      ['2025-06-10', '2025-06-16'],
      ['2025-06-13', '2025-06-19'],
      ['2025-06-14', '2025-06-20'],
      ['2025-06-15', '2025-06-20'],
    ])('suggests the earliest end of a publicity starting %s: %s', (start, end) => {
      expect(earliestPublicityEnd(start, SHIPPED_CALENDAR)).toBe(end);
      expect(
        publicityPeriodProblem({ start, end }, new Date(`${start}T08:00:00+08:00`), SHIPPED_CALENDAR),
      ).toBeNull();
    });
  });

  describe('上报主管部门 only after the end of the publicity', () => {
    const reportUp = (now: Date, publicity?: { start: string; end: string }) =>
      applyTransition(snapshot('unitPublicity'), 'reportUp', {
        role: 'unitAdmin',
        now,
        calendar: SHIPPED_CALENDAR,
        comments: 0,
        ...(publicity ? { publicity } : {}),
      });
    const period = { start: '2025-06-09', end: '2025-06-13' };

    it('rejects it during the publicity and on its last day', () => {
      expect(reasonOf(reportUp(new Date('2025-06-11T10:00:00+08:00'), period))).toBe(
        '公示期至2025-06-13结束,结束后才能上报主管部门',
      );
      expect(reasonOf(reportUp(new Date('2025-06-13T23:59:00+08:00'), period))).toBe(
        '公示期至2025-06-13结束,结束后才能上报主管部门',
      );
    });

    it('accepts it from the next day in Chongqing', () => {
      expect(reportUp(new Date('2025-06-14T00:00:00+08:00'), period).ok).toBe(true);
      // 16:30 UTC on the 13th is already the 14th in Chongqing.
      expect(reportUp(new Date('2025-06-13T16:30:00Z'), period).ok).toBe(true);
    });

    it('waits for the working days a holiday inside the period took (端午 2025-06-02)', () => {
      const overHoliday = { start: '2025-06-02', end: '2025-06-06' };
      expect(reasonOf(reportUp(new Date('2025-06-07T10:00:00+08:00'), overHoliday))).toBe(
        '因节假日安排,公示期顺延至2025-06-09结束(原定2025-06-06),结束后才能上报主管部门',
      );
      expect(reportUp(new Date('2025-06-10T00:00:00+08:00'), overHoliday).ok).toBe(true);
    });

    it('rejects it without the recorded period', () => {
      expect(reasonOf(reportUp(NOW))).toBe('缺少公示日期,无法确认公示是否结束');
    });
  });
});

describe('version and submit count', () => {
  it.each(TRANSITIONS.map((t) => t.id))('%s increments the version', (id) => {
    const t = transition(id);
    const result = applyTransition(snapshot(t.from, 41, 3), id, satisfyingContext(t, t.role));
    expect(result).toEqual({
      ok: true,
      next: { state: t.to, version: 42, submitCount: id === 'submit' || id === 'resubmit' ? 4 : 3 },
    });
  });

  it('leaves the snapshot unchanged when refusing', () => {
    const current = snapshot('unitReview', 5, 1);
    applyTransition(current, 'unitReturn', {
      role: 'unitAdmin',
      now: NOW,
      calendar: SHIPPED_CALENDAR,
      comments: 0,
    });
    expect(current).toEqual({ state: 'unitReview', version: 5, submitCount: 1 });
  });

  it('follows a whole journey from 草稿 to 待评委会受理', () => {
    const steps: [TransitionId, Role, Partial<TransitionContext>][] = [
      ['submit', 'applicant', {}],
      ['unitReturn', 'unitAdmin', { comments: 2 }],
      ['resubmit', 'applicant', {}],
      ['unitApprove', 'unitAdmin', { publicity: UPCOMING_PUBLICITY }],
      [
        'reportUp',
        'unitAdmin',
        { publicity: UPCOMING_PUBLICITY, now: new Date('2025-06-17T09:00:00+08:00') },
      ],
      ['deptReturnToUnit', 'deptAdmin', { comments: 1 }],
      ['reportUpAgain', 'unitAdmin', {}],
      ['deptReturnToIndividual', 'deptAdmin', { comments: 1 }],
      ['resubmit', 'applicant', {}],
      ['unitApprove', 'unitAdmin', { publicity: UPCOMING_PUBLICITY }],
      [
        'reportUp',
        'unitAdmin',
        { publicity: UPCOMING_PUBLICITY, now: new Date('2025-06-17T09:00:00+08:00') },
      ],
      ['deptApprove', 'deptAdmin', {}],
    ];
    let current: WorkflowSnapshot = { state: 'draft', version: 1, submitCount: 0 };
    for (const [id, role, overrides] of steps) {
      const result = applyTransition(current, id, {
        role,
        now: NOW,
        calendar: SHIPPED_CALENDAR,
        comments: 0,
        ...overrides,
      });
      if (!result.ok) throw new Error(`${id}: ${result.reason}`);
      current = result.next;
    }
    expect(current).toEqual({ state: 'committee', version: 13, submitCount: 3 });
  });
});
