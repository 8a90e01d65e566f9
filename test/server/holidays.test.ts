import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOT_TITLE_OFFICE } from '../../src-server/calendar/routes';
import { startServer, type RunningServer } from '../../src-server/listen';
import { holidayTableSchema } from '../../src-shared/contracts/calendar';
import { pushOperationsResponseSchema } from '../../src-shared/contracts/review';
import type { OperationResult, ReviewOperation } from '../../src-shared/contracts/review';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import type { TransitionId } from '../../src-shared/domain/workflow';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import { NOTICE_2027, notice2026With } from '../support/holiday-notices';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, postJson, testClock, testConfig } from './helpers';

/**
 * The server's holiday table (migration 0008, src-server/calendar): read by every signed-in user,
 * replaced year by year by the 职改办 alone, and what the 上报主管部门 gate counts by, read afresh for
 * every decision, so a holiday saved on one instance counts on another at once.
 */

/** A Monday, 10:00 in Chongqing. */
const START = '2026-03-02T02:00:00.000Z';

describeEachDatabase('the holiday table', (fresh) => {
  const clock = testClock(START);
  let server: RunningServer;
  /** A second instance on the same database, as behind a load balancer. */
  let other: RunningServer;
  let officeToken: string;
  let unitToken: string;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    config = testConfig(await fresh(), { now: clock.now });
    server = await startServer(config);
    other = await startServer(config);
    officeToken = await login(server.url, 'cqadmin', 'Admin@2026');
    unitToken = await login(server.url, 'unitadmin', 'Unit@2026');
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  const put = (year: string | number, body: unknown, token: string) =>
    fetch(`${server.url}/api/admin/holidays/${year}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const table = async (token: string, base = server.url) =>
    expectOk(await getJson(`${base}/api/calendar/holidays`, token), holidayTableSchema);
  const { year: _year, ...body2027 } = NOTICE_2027;

  it('starts with the shipped notices, which any signed-in user reads', async () => {
    expect(await table(unitToken)).toEqual({ years: SHIPPED_HOLIDAY_YEARS, updatedAt: null });
    await expectError(await getJson(`${server.url}/api/calendar/holidays`), 401, 'UNAUTHENTICATED');
  });

  it('lets only the 职改办 change it', async () => {
    const error = await expectError(await put(2027, body2027, unitToken), 403, 'FORBIDDEN');
    expect(error.message).toBe(NOT_TITLE_OFFICE);
    const deptToken = await login(server.url, 'deptadmin', 'Dept@2026');
    await expectError(await put(2027, body2027, deptToken), 403, 'FORBIDDEN');
    expect((await table(unitToken)).years.map((entry) => entry.year)).toEqual([2025, 2026]);
  });

  it('refuses a notice with mistakes with 400 and a Chinese message per field', async () => {
    const cases: Array<[year: string | number, body: unknown, field: string, message: string]> = [
      [
        2027,
        { ...body2027, holidays: [{ name: '春节', daysOff: ['2027-02-06'], workdays: ['2027-02-10'] }] },
        'holidays.0.workdays',
        '2027-02-10不是周末,无需调休上班',
      ],
      [
        2027,
        { ...body2027, holidays: [{ name: '元旦', daysOff: ['2026-12-31'], workdays: [] }] },
        'holidays.0.daysOff',
        '2026-12-31不在2027年内',
      ],
      [2027, { ...body2027, notice: ' ' }, 'notice', '请填写通知名称'],
      [2027, { ...body2027, published: '2026-02-30' }, 'published', '日期应为有效日期(格式YYYY-MM-DD)'],
      [1999, body2027, 'year', '年份应在2000至2100之间'],
      [2027, { ...body2027, year: 2026 }, 'year', '地址中的年份(2027)与内容中的年份(2026)不一致'],
    ];
    for (const [year, body, field, message] of cases) {
      const error = await expectError(await put(year, body, officeToken), 400, 'BAD_REQUEST');
      expect(error.fields?.[field], JSON.stringify(body)).toBe(message);
    }
    expect(await table(officeToken)).toEqual({ years: SHIPPED_HOLIDAY_YEARS, updatedAt: null });
  });

  it('adds a year for the 职改办 and answers the whole table, on every instance', async () => {
    const saved = await expectOk(
      await put(2027, { ...body2027, year: 2027 }, officeToken),
      holidayTableSchema,
    );
    expect(saved.years.map((entry) => entry.year)).toEqual([2025, 2026, 2027]);
    expect(saved.years[2]).toEqual(NOTICE_2027);
    expect(saved.updatedAt).toBe(clock.now().toISOString());
    expect(await table(unitToken, other.url)).toEqual(saved);
    const row = await server.platform.db
      .selectFrom('holiday_years')
      .select(['updated_by'])
      .where('year', '=', 2027)
      .executeTakeFirstOrThrow();
    expect(row.updated_by).toMatch(/\(cqadmin\)$/);
  });

  it('judges 上报主管部门 by the table as it is now: a holiday added inside the publicity moves its end', async () => {
    const db = server.platform.db;
    const row = await db
      .selectFrom('applications')
      .select(['id', 'version'])
      .where('state', '=', 'unitReview')
      .orderBy('application_no')
      .executeTakeFirstOrThrow();
    let version = Number(row.version);
    const operation = (
      transitionId: TransitionId,
      extra: Partial<ReviewOperation> = {},
    ): ReviewOperation => ({
      id: randomUUID(),
      applicationId: row.id,
      baseVersion: version,
      transitionId,
      comments: [],
      decidedAt: clock.now().toISOString(),
      ...extra,
    });
    const push = async (base: string, op: ReviewOperation): Promise<OperationResult> => {
      const answer = await expectOk(
        await postJson(`${base}/api/sync/operations`, { operations: [op] }, unitToken),
        pushOperationsResponseSchema,
      );
      const [result] = answer.results;
      if (result === undefined) throw new Error('no result');
      return result;
    };

    // Monday 2026-03-02 to Friday 03-06: five working days by the shipped notice.
    const approved = await push(
      server.url,
      operation('unitApprove', { publicity: { start: '2026-03-02', end: '2026-03-06' } }),
    );
    expect(approved).toMatchObject({ outcome: 'applied' });
    version += 1;

    // The 职改办 declares Wednesday a day off, on one instance; the unit reports up on the other.
    await expectOk(await put(2026, notice2026With('2026-03-04'), officeToken), holidayTableSchema);
    while (chinaDateOf(clock.now()) < '2026-03-07') clock.advanceMinutes(24 * 60);
    unitToken = await login(other.url, 'unitadmin', 'Unit@2026');
    expect(await push(other.url, operation('reportUp'))).toMatchObject({
      outcome: 'rejected',
      message: '因节假日安排,公示期顺延至2026-03-09结束(原定2026-03-06),结束后才能上报主管部门',
    });

    while (chinaDateOf(clock.now()) < '2026-03-10') clock.advanceMinutes(24 * 60);
    unitToken = await login(other.url, 'unitadmin', 'Unit@2026');
    expect(await push(other.url, operation('reportUp'))).toMatchObject({ outcome: 'applied' });
  });

  it('keeps the 职改办’s version of a shipped year when the server starts again', async () => {
    const before = await table(unitToken);
    expect(before.years.find((entry) => entry.year === 2026)?.holidays.at(-1)?.name).toBe('临时休假');
    const restarted = await startServer(config);
    await restarted.close();
    expect(await table(unitToken)).toEqual(before);
  });
});
