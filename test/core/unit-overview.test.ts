import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApplicationCache, type ApplicationCache } from '../../src-main/core/cache/application-cache';
import { weekOf, type FocusContext } from '../../src-main/core/cache/unit-overview-queries';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { commentTargetKey } from '../../src-main/core/review/comment-targets';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import type { ListFocus } from '../../src-shared/contracts/unit-overview';
import { WorkingCalendar } from '../../src-shared/domain/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import { notice2026With } from '../support/holiday-notices';
import { handlersWith } from '../support/partial-api';

/**
 * The 单位中心's start page over a real cache file: each number, and the list its focus opens, for a
 * unit and for its department, by the statutory calendar.
 */

let dir: string;
let cache: ApplicationCache;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-overview-'));
  cache = await openApplicationCache(path.join(dir, 'cache', 'user.sqlite'));
});

afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HOSPITAL = 'unit-hospital';
const DEPARTMENT = 'dept-health';
/** The shipped notices: 2026-03-23 to 2026-03-29 is an ordinary week. */
const SHIPPED = new WorkingCalendar(SHIPPED_HOLIDAY_YEARS);
/** The same with a day off on Wednesday 2026-03-25, which moves a publicity's end past the weekend. */
const WITH_HOLIDAY = new WorkingCalendar(
  SHIPPED_HOLIDAY_YEARS.map((year) => (year.year === 2026 ? notice2026With('2026-03-25') : year)),
);
/** Wednesday 2026-03-25, 10:00 in Chongqing. */
const WEDNESDAY = new Date('2026-03-25T02:00:00.000Z');
/** Monday 2026-03-30, 10:00 in Chongqing. */
const NEXT_MONDAY = new Date('2026-03-30T02:00:00.000Z');

function record(id: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id,
    applicationNo: `CQ2026-${id}`,
    year: '2026',
    state: 'unitReview',
    version: 3,
    submitCount: 1,
    unitId: HOSPITAL,
    unitName: '重庆市示例人民医院',
    departmentId: DEPARTMENT,
    applicantName: `申报人${id}`,
    idNumber: '500101199001010011',
    qualification: '卫生/内科学/主任医师',
    applicationType: '正常晋升',
    submittedAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    publicity: null,
    contentJson: JSON.stringify({}),
    attachments: [],
    history: [],
    comments: [],
    previousContentJson: null,
    ...overrides,
  };
}

/**
 * Two to review (one already decided, waiting to be sent, the other with a comment draft), three in
 * publicity (ending this Friday, ended last Friday, ending next week), one returned by the department,
 * one the department reviews, and one of another unit of the same department.
 */
function fillCache() {
  cache.sync.applyPage({
    kind: 'changes',
    cursor: 'c1',
    remaining: 0,
    removedIds: [],
    applications: [
      record('review-1'),
      record('review-2', { qualification: '经济/工商管理/高级经济师' }),
      record('pub-friday', { state: 'unitPublicity', publicity: { start: '2026-03-23', end: '2026-03-27' } }),
      record('pub-last-week', {
        state: 'unitPublicity',
        publicity: { start: '2026-03-16', end: '2026-03-20' },
      }),
      record('pub-next-week', {
        state: 'unitPublicity',
        publicity: { start: '2026-03-25', end: '2026-03-31' },
      }),
      record('returned', { state: 'deptReturned', publicity: { start: '2026-03-02', end: '2026-03-06' } }),
      record('dept-review', { state: 'deptReview', publicity: { start: '2026-03-02', end: '2026-03-06' } }),
      record('school-review', { unitId: 'unit-school', unitName: '重庆市示例中学' }),
    ],
  });
  cache.work.putCommentDraft({
    applicationId: 'review-1',
    target: commentTargetKey({ sectionKey: '', rowIndex: null, fieldKey: null }),
    text: '请补充学历证书',
    updatedAt: '2026-03-25T01:00:00.000Z',
  });
  cache.work.enqueueOutbox({
    id: '0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a11',
    applicationId: 'review-2',
    operation: 'unitApprove',
    payloadJson: '{}',
    baseVersion: 3,
    createdAt: '2026-03-25T01:30:00.000Z',
  });
}

function context(overrides: Partial<FocusContext> = {}): FocusContext {
  return { scope: 'unit', scopeId: HOSPITAL, now: WEDNESDAY, calendar: SHIPPED, ...overrides };
}

/** The ids the list shows under `focus`, every state. */
function listed(focus: ListFocus, ctx: FocusContext = context()): string[] {
  return cache.queries
    .listApplications({
      unitId: ctx.scopeId,
      scope: ctx.scope,
      state: 'all',
      search: '',
      filterUnitIds: [],
      sortField: 'applicationNo',
      sortOrder: 'ascend',
      page: 1,
      pageSize: 200,
      focus,
      focusCondition: cache.overview.focusCondition(focus, ctx),
    })
    .rows.map((row) => row.id);
}

describe('the unit overview', () => {
  it('counts what waits for the unit, and each focus lists exactly those applications', () => {
    fillCache();
    const overview = cache.overview.overview(context());

    expect(overview.week).toEqual({ start: '2026-03-23', end: '2026-03-29' });
    expect(overview.focuses).toEqual({
      // review-2's decision is on its way: nothing left to do here.
      awaitingMyReview: 1,
      publicityEndsThisWeek: 1,
      reportable: 1,
      returnedByDepartment: 1,
      awaitingSync: 2,
    });
    expect(overview.unsentDecisions).toBe(1);
    expect(overview.draftApplications).toBe(1);
    expect(overview.total).toBe(7);

    expect(listed('awaitingMyReview')).toEqual(['review-1']);
    expect(listed('publicityEndsThisWeek')).toEqual(['pub-friday']);
    expect(listed('reportable')).toEqual(['pub-last-week']);
    expect(listed('returnedByDepartment')).toEqual(['returned']);
    expect(listed('awaitingSync')).toEqual(['review-1', 'review-2']);
  });

  it('counts a publicity by its real end: a holiday inside moves Friday to next Monday', () => {
    fillCache();
    // Ends this Friday by the shipped notices; with Wednesday off, the fifth working day is Monday.
    expect(cache.overview.overview(context({ calendar: WITH_HOLIDAY })).focuses.publicityEndsThisWeek).toBe(
      0,
    );
    expect(listed('publicityEndsThisWeek', context({ calendar: WITH_HOLIDAY }))).toEqual([]);

    // On Monday the Friday one may go up, the moved one not before Tuesday.
    expect(listed('reportable', context({ now: NEXT_MONDAY }))).toEqual(['pub-friday', 'pub-last-week']);
    expect(listed('reportable', context({ now: NEXT_MONDAY, calendar: WITH_HOLIDAY }))).toEqual([
      'pub-last-week',
    ]);
    // And next week is another week: the one ending on Tuesday 03-31 ends then; the moved one too.
    expect(listed('publicityEndsThisWeek', context({ now: NEXT_MONDAY }))).toEqual(['pub-next-week']);
    expect(listed('publicityEndsThisWeek', context({ now: NEXT_MONDAY, calendar: WITH_HOLIDAY }))).toEqual([
      'pub-friday',
      'pub-next-week',
    ]);
  });

  it('drops a decided application from 待我审核 once its decision is queued, and back when refused', () => {
    fillCache();
    cache.work.enqueueOutbox({
      id: '1c7f3c1e-4b7a-4a57-9c55-1d2f8d9e0a12',
      applicationId: 'review-1',
      operation: 'unitReturn',
      payloadJson: '{}',
      baseVersion: 3,
      createdAt: '2026-03-25T01:40:00.000Z',
    });
    expect(cache.overview.overview(context()).focuses.awaitingMyReview).toBe(0);
    expect(listed('awaitingMyReview')).toEqual([]);

    cache.work.applyOperationResults([
      {
        id: '1c7f3c1e-4b7a-4a57-9c55-1d2f8d9e0a12',
        outcome: 'conflict',
        message: '这份申报书已被他人审核',
        application: null,
      },
    ]);
    expect(listed('awaitingMyReview')).toEqual(['review-1']);
    // A refused decision is still only on this computer.
    expect(listed('awaitingSync')).toEqual(['review-1', 'review-2']);
  });

  it('charts the applications by state and by series', () => {
    fillCache();
    const overview = cache.overview.overview(context());
    expect(overview.byState).toEqual([
      { state: 'unitReview', count: 2 },
      { state: 'unitPublicity', count: 3 },
      { state: 'deptReview', count: 1 },
      { state: 'deptReturned', count: 1 },
    ]);
    expect(overview.bySeries).toEqual([
      { series: '卫生', count: 6 },
      { series: '经济', count: 1 },
    ]);
  });

  it('gives a department what waits for its own review, across its units', () => {
    fillCache();
    const department = context({ scope: 'department', scopeId: DEPARTMENT });
    const overview = cache.overview.overview(department);
    expect(overview.scope).toBe('department');
    expect(overview.focuses.awaitingMyReview).toBe(1);
    expect(listed('awaitingMyReview', department)).toEqual(['dept-review']);
    // Every application of its units that the cache holds (a department's cache holds only its states).
    expect(overview.total).toBe(8);
    expect(cache.overview.overview(context({ scopeId: 'unit-school' })).focuses.awaitingMyReview).toBe(1);
  });

  it('knows the week of any day, Monday to Sunday', () => {
    expect(weekOf('2026-03-23')).toEqual({ start: '2026-03-23', end: '2026-03-29' });
    expect(weekOf('2026-03-29')).toEqual({ start: '2026-03-23', end: '2026-03-29' });
    expect(weekOf('2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
  });
});

describe('the start page through the app API gate', () => {
  it('refuses a request without a unit, or with an unknown focus, in Chinese', async () => {
    const handlers = handlersWith({});
    const overview = await dispatchAppCall(handlers, 'getUnitOverview', { unitId: '' });
    expect(overview).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    expect(JSON.stringify(overview)).toMatch(/[\u4e00-\u9fa5]/);
    const list = await dispatchAppCall(handlers, 'listApplications', {
      unitId: HOSPITAL,
      state: 'all',
      focus: 'everything',
    });
    expect(list).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CALL', fields: { focus: expect.any(String) } },
    });
  });
});
