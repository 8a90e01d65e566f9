import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { NOT_ALLOWED, OPERATION_ID_TAKEN } from '../../src-server/applications/review-routes';
import { STALE_VERSION } from '../../src-server/applications/writes';
import { iterateApplications } from '../../src-server/demo/applications/generator';
import { insertGeneratedApplications, storeDemoScans } from '../../src-server/demo/demo-applications';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import { filesDirOf } from '../../src-server/config';
import { directoryFileStorage } from '../../src-server/files/storage';
import { startServer, type RunningServer } from '../../src-server/listen';
import {
  applicantApplicationSchema,
  applicationRecordSchema,
  pullResponseSchema,
} from '../../src-shared/contracts/applications';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import { pushOperationsResponseSchema } from '../../src-shared/contracts/review';
import type { OperationResult, ReviewComment, ReviewOperation } from '../../src-shared/contracts/review';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { earliestPublicityEnd } from '../../src-shared/domain/workflow';
import type { ApplicationState, TransitionId } from '../../src-shared/domain/workflow';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, postJson, testClock, testConfig } from './helpers';
import { unitIdByName } from './unit-helpers';

/**
 * Pushing review decisions (DESIGN.md "Sync", push) against the real server on each database: every
 * outcome, the comments and their rounds, replays, concurrency, and the publicity dates by the server's
 * clock. Each check reads the database too, not only the answer.
 */

const HOSPITAL = '重庆市示例人民医院';
/** A Monday, 10:00 in Chongqing: the publicity periods below are counted from it. */
const START = '2026-03-02T02:00:00.000Z';

describeEachDatabase('review: pushing decisions', (fresh, kind) => {
  let server: RunningServer;
  let url: string;
  const clock = testClock(START);
  let unitToken: string;
  let deptToken: string;
  const used = new Set<string>();
  /** The 50 applications generated for the batch test. */
  let batchIds: string[] = [];

  beforeAll(async () => {
    const config = testConfig(await fresh(), { now: clock.now });
    server = await startServer(config);
    url = server.url;
    const db = server.platform.db;
    const hospital = await unitIdByName(db, HOSPITAL);
    const commission = await unitIdByName(db, '重庆市卫生健康委员会');
    const scans = await storeDemoScans(
      db,
      directoryFileStorage(filesDirOf(config)),
      clock.now().toISOString(),
    );
    await insertGeneratedApplications(
      db,
      {
        unitId: hospital,
        departmentId: commission,
        unitAdmin: { id: null, name: '李明' },
        deptAdmin: { id: null, name: '王芳' },
        applicantPasswordHash: '!',
      },
      scans,
      iterateApplications({
        seed: 81,
        count: 50,
        now: clock.now(),
        employer: HOSPITAL,
        states: ['unitReview'],
        firstIndex: 8100,
      }),
    );
    const batch = await db
      .selectFrom('applications')
      .select('id')
      .where('application_no', 'like', '%-0081%')
      .execute();
    batchIds = batch.map((row) => row.id);
    for (const id of batchIds) used.add(id);
    unitToken = await login(url, 'unitadmin', 'Unit@2026');
    deptToken = await login(url, 'deptadmin', 'Dept@2026');
  }, 60_000);

  afterAll(() => server.close());

  // --- helpers -------------------------------------------------------------------------------------------

  const push = (token: string, operations: unknown[]) =>
    postJson(`${url}/api/sync/operations`, { operations }, token);

  async function pushOk(token: string, operations: ReviewOperation[]): Promise<OperationResult[]> {
    const { results } = await expectOk(await push(token, operations), pushOperationsResponseSchema);
    expect(results.map((result) => result.id)).toEqual(operations.map((operation) => operation.id));
    return results;
  }

  async function pushOne(token: string, operation: ReviewOperation): Promise<OperationResult> {
    const [result] = await pushOk(token, [operation]);
    if (result === undefined) throw new Error('no result');
    return result;
  }

  function operation(
    application: { id: string; version: number },
    transitionId: TransitionId,
    extra: Partial<ReviewOperation> = {},
  ): ReviewOperation {
    return {
      id: randomUUID(),
      applicationId: application.id,
      baseVersion: application.version,
      transitionId,
      comments: [],
      decidedAt: clock.now().toISOString(),
      ...extra,
    };
  }

  const comment = (text: string, sectionKey = 'basicInfo'): ReviewComment => ({
    target: { sectionKey, rowIndex: null, fieldKey: null },
    text,
  });

  /** The application as the database has it, with its counts of history entries and comments. */
  async function stored(id: string) {
    const db = server.platform.db;
    const row = await db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('seq')
      .execute();
    const comments = await db
      .selectFrom('application_comments')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('seq')
      .execute();
    return { ...row, version: Number(row.version), submit_count: Number(row.submit_count), events, comments };
  }

  async function storedOperation(id: string) {
    return server.platform.db
      .selectFrom('review_operations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A demo application of the hospital in `state` that no other test has used. */
  async function take(state: ApplicationState) {
    const rows = await server.platform.db
      .selectFrom('applications')
      .select('id')
      .where('state', '=', state)
      .orderBy('application_no')
      .execute();
    const row = rows.find((candidate) => !used.has(candidate.id));
    if (row === undefined) throw new Error(`no unused application in ${state}`);
    used.add(row.id);
    return stored(row.id);
  }

  async function applicantToken(applicationId: string): Promise<string> {
    const user = await server.platform.db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select('u.account')
      .where('a.id', '=', applicationId)
      .executeTakeFirstOrThrow();
    return login(url, user.account, DEMO_APPLICANT_PASSWORD);
  }

  /** Makes every insert of a comment fail, as a database in trouble would, or stops doing so. */
  async function failCommentInserts(fail: boolean) {
    const db = server.platform.db;
    if (kind === 'sqlite') {
      await (
        fail
          ? sql`create trigger comments_down before insert on application_comments begin select raise(abort, 'down'); end`
          : sql`drop trigger comments_down`
      ).execute(db);
    } else if (fail) {
      await sql`create function comments_down() returns trigger language plpgsql as $$ begin raise exception 'down'; end $$`.execute(
        db,
      );
      await sql`create trigger comments_down before insert on application_comments for each row execute function comments_down()`.execute(
        db,
      );
    } else {
      await sql`drop trigger comments_down on application_comments`.execute(db);
      await sql`drop function comments_down()`.execute(db);
    }
  }

  function today() {
    return chinaDateOf(clock.now());
  }

  // --- one application through return, resubmission, approval and report ---------------------------------

  let journey: Awaited<ReturnType<typeof take>>;

  it('returns an application with comments on a section, a row and a field, keeping round, history and content', async () => {
    journey = await take('unitReview');
    const before = journey;
    const comments: ReviewComment[] = [
      { target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null }, text: '基本信息请与身份证一致' },
      {
        target: { sectionKey: 'education', rowIndex: 0, fieldKey: null },
        text: '第一段教育经历缺少证书编号',
      },
      { target: { sectionKey: 'education', rowIndex: 0, fieldKey: 'school' }, text: '学校名称请写全称' },
      { target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'mobile' }, text: '手机号\n请核对' },
    ];
    const op = operation(before, 'unitReturn', { comments });
    const result = await pushOne(unitToken, op);

    expect(result).toMatchObject({ outcome: 'applied', message: null });
    const record = result.application;
    expect(record).toMatchObject({ id: before.id, state: 'unitReturned', version: before.version + 1 });
    expect(record?.comments.map((c) => [c.round, c.target, c.text, c.action, c.authorName])).toEqual(
      comments.map((c) => [before.submit_count, c.target, c.text, 'unitReturn', '李明']),
    );
    expect(record?.previousContentJson).toBe(before.content);
    const last = record?.history.at(-1);
    expect(last).toMatchObject({
      action: 'unitReturn',
      fromState: 'unitReview',
      toState: 'unitReturned',
      actorName: '李明',
      comment: '共4条修改意见:基本信息请与身份证一致',
    });

    const after = await stored(before.id);
    expect(after).toMatchObject({ state: 'unitReturned', version: before.version + 1 });
    expect(after.previous_content).toBe(before.content);
    expect(after.content).toBe(before.content);
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(
      after.comments.map((c) => [Number(c.round), c.section_key, c.row_index, c.field_key, c.text]),
    ).toEqual([
      [before.submit_count, 'basicInfo', null, null, '基本信息请与身份证一致'],
      [before.submit_count, 'education', 0, null, '第一段教育经历缺少证书编号'],
      [before.submit_count, 'education', 0, 'school', '学校名称请写全称'],
      [before.submit_count, 'basicInfo', null, 'mobile', '手机号\n请核对'],
    ]);
    expect(await storedOperation(op.id)).toMatchObject({ outcome: 'applied', application_id: before.id });
    journey = after;
  });

  it('keeps the comments when the applicant resubmits, in the detail and in the pull', async () => {
    const token = await applicantToken(journey.id);
    const resubmitted = await expectOk(
      await postJson(
        `${url}/api/applicant/applications/${journey.id}/resubmit`,
        { baseVersion: journey.version },
        token,
      ),
      applicantApplicationSchema,
    );
    expect(resubmitted).toMatchObject({ state: 'unitReview', submitCount: journey.submit_count + 1 });

    const detail = await expectOk(
      await getJson(`${url}/api/applications/${journey.id}`, unitToken),
      applicationRecordSchema,
    );
    expect(detail.state).toBe('unitReview');
    expect(detail.comments).toHaveLength(4);
    expect(detail.comments.every((c) => c.round === journey.submit_count)).toBe(true);
    expect(detail.previousContentJson).toBe(journey.previous_content);

    const pulled = new Map<string, ApplicationRecord>();
    let cursor: string | undefined;
    for (;;) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const page = await expectOk(
        await getJson(`${url}/api/sync/applications${query}`, unitToken),
        pullResponseSchema,
      );
      if (page.kind !== 'changes') throw new Error('unexpected resync');
      for (const record of page.applications) pulled.set(record.id, record);
      cursor = page.cursor;
      if (page.remaining === 0) break;
    }
    expect(pulled.get(journey.id)?.comments).toEqual(detail.comments);
    expect(pulled.get(journey.id)?.previousContentJson).toBe(journey.previous_content);
    journey = await stored(journey.id);
    expect(journey.submit_count).toBe(resubmitted.submitCount);
  });

  it('approves only with a publicity period of at least five working days starting today or later', async () => {
    const before = journey;
    const tooShort = operation(before, 'unitApprove', {
      publicity: { start: today(), end: SHIPPED_CALENDAR.addWorkingDays(today(), 2) },
    });
    const missing = operation(before, 'unitApprove');
    const backDated = operation(before, 'unitApprove', {
      publicity: {
        start: SHIPPED_CALENDAR.addWorkingDays(today(), -1),
        end: SHIPPED_CALENDAR.addWorkingDays(today(), 10),
      },
    });
    const refused = await pushOk(unitToken, [tooShort, missing, backDated]);
    expect(refused.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(refused[0]?.message).toMatch(/公示期不少于5个工作日/);
    expect(refused[1]?.message).toMatch(/请填写公示/);
    expect(refused[2]?.message).toMatch(/不能早于今天/);
    expect(refused[0]?.application).toMatchObject({ state: 'unitReview', version: before.version });
    const unchanged = await stored(before.id);
    expect(unchanged).toMatchObject({ state: 'unitReview', version: before.version, publicity_end: null });
    expect(unchanged.events).toHaveLength(before.events.length);

    const publicity = { start: today(), end: earliestPublicityEnd(today(), SHIPPED_CALENDAR) };
    const approve = operation(before, 'unitApprove', { publicity, comments: [comment('材料齐全')] });
    const result = await pushOne(unitToken, approve);
    expect(result).toMatchObject({ outcome: 'applied', message: null });
    expect(result.application).toMatchObject({ state: 'unitPublicity', publicity });
    const after = await stored(before.id);
    expect(after).toMatchObject({
      state: 'unitPublicity',
      version: before.version + 1,
      publicity_start: publicity.start,
      publicity_end: publicity.end,
    });
    expect(after.comments.at(-1)).toMatchObject({ text: '材料齐全', action: 'unitApprove' });
    expect(Number(after.comments.at(-1)?.round)).toBe(before.submit_count);
    // An approval is not a return: the content kept at the return stays.
    expect(after.previous_content).toBe(before.previous_content);
    journey = after;
  });

  // --- replays ---------------------------------------------------------------------------------------------

  it('answers a replay with the stored outcome and the current record, without applying it twice', async () => {
    const before = await take('unitReview');
    const op = operation(before, 'unitReturn', { comments: [comment('请补充继续教育学时证明')] });
    const first = await pushOne(unitToken, op);
    expect(first.outcome).toBe('applied');
    const again = await pushOne(unitToken, op);
    expect(again).toEqual(first);

    let after = await stored(before.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.events.filter((e) => e.action === 'unitReturn')).toHaveLength(
      before.events.filter((e) => e.action === 'unitReturn').length + 1,
    );
    expect(after.comments).toHaveLength(1);

    // The application moves on; a late replay still says "applied" and shows it as it is now.
    const token = await applicantToken(before.id);
    await expectOk(
      await postJson(
        `${url}/api/applicant/applications/${before.id}/resubmit`,
        { baseVersion: after.version },
        token,
      ),
      applicantApplicationSchema,
    );
    const late = await pushOne(unitToken, op);
    expect(late).toMatchObject({ outcome: 'applied', message: null });
    expect(late.application).toMatchObject({ state: 'unitReview', version: before.version + 2 });
    after = await stored(before.id);
    expect(after).toMatchObject({ state: 'unitReview', version: before.version + 2 });
    expect(after.comments).toHaveLength(1);
    const operations = await server.platform.db
      .selectFrom('review_operations')
      .select('id')
      .where('application_id', '=', before.id)
      .execute();
    expect(operations).toHaveLength(1);

    // The same id from another person, or for another application, is refused and reveals nothing.
    const other = await take('unitReview');
    const byDepartment = await pushOne(deptToken, op);
    expect(byDepartment).toEqual({
      id: op.id,
      outcome: 'rejected',
      message: OPERATION_ID_TAKEN,
      application: null,
    });
    const elsewhere = await pushOne(unitToken, {
      ...op,
      applicationId: other.id,
      baseVersion: other.version,
    });
    expect(elsewhere).toEqual({
      id: op.id,
      outcome: 'rejected',
      message: OPERATION_ID_TAKEN,
      application: null,
    });
    expect(await stored(before.id)).toMatchObject({ state: 'unitReview', version: before.version + 2 });
    expect(await stored(other.id)).toMatchObject({ state: 'unitReview', version: other.version });
    expect(await storedOperation(op.id)).toMatchObject({ outcome: 'applied', application_id: before.id });
  });

  it('replays a refusal as a refusal, even when the step would now work', async () => {
    const before = await take('unitReview');
    const op = operation(before, 'unitReturn');
    const refused = await pushOne(unitToken, op);
    expect(refused).toMatchObject({
      outcome: 'rejected',
      message: expect.stringMatching(/至少一条修改意见/),
    });
    expect(refused.application).toMatchObject({ state: 'unitReview', version: before.version });
    expect(await storedOperation(op.id)).toMatchObject({ outcome: 'rejected' });
    // The same id cannot be turned into a different decision by adding the comment afterwards.
    const retried = await pushOne(unitToken, { ...op, comments: [comment('补上的意见')] });
    expect(retried).toEqual(refused);
    const after = await stored(before.id);
    expect(after).toMatchObject({ state: 'unitReview', version: before.version });
    expect(after.events).toHaveLength(before.events.length);
    expect(after.comments).toHaveLength(0);
  });

  // --- conflicts and refusals ----------------------------------------------------------------------------

  it('answers a stale version or a state that moved on with a conflict and the current record', async () => {
    const before = await take('unitReview');
    const stale = await pushOne(
      unitToken,
      operation({ id: before.id, version: before.version - 1 }, 'unitReturn', {
        comments: [comment('旧版本的意见')],
      }),
    );
    expect(stale).toMatchObject({ outcome: 'conflict', message: STALE_VERSION });
    expect(stale.application).toMatchObject({ id: before.id, state: 'unitReview', version: before.version });

    const returned = await take('unitReturned');
    const moved = await pushOne(
      unitToken,
      operation(returned, 'unitApprove', {
        publicity: { start: today(), end: earliestPublicityEnd(today(), SHIPPED_CALENDAR) },
      }),
    );
    expect(moved).toMatchObject({ outcome: 'conflict', message: expect.stringMatching(/单位退回/) });
    expect(moved.application).toMatchObject({ state: 'unitReturned', version: returned.version });

    for (const [id, original] of [
      [before.id, before],
      [returned.id, returned],
    ] as const) {
      const after = await stored(id);
      expect(after).toMatchObject({ state: original.state, version: original.version });
      expect(after.events).toHaveLength(original.events.length);
      expect(after.comments).toHaveLength(0);
    }
    expect(await storedOperation(stale.id)).toMatchObject({ outcome: 'conflict', message: STALE_VERSION });
  });

  it('refuses a return without a comment and a comment on a place the application does not have', async () => {
    const before = await take('unitReview');
    const results = await pushOk(unitToken, [
      operation(before, 'unitReturn'),
      operation(before, 'unitReturn', { comments: [comment('没有这一部分', 'noSuchSection')] }),
      operation(before, 'unitReturn', {
        comments: [
          { target: { sectionKey: 'basicInfo', rowIndex: 2, fieldKey: null }, text: '基本信息没有行' },
        ],
      }),
      operation(before, 'unitReturn', {
        comments: [
          { target: { sectionKey: 'education', rowIndex: 0, fieldKey: 'noSuchField' }, text: '没有这一项' },
        ],
      }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]?.message).toBe('请先填写至少一条修改意见,再执行“审核不通过,回退”');
    expect(results.slice(1).every((r) => /位置/.test(r.message ?? ''))).toBe(true);
    const after = await stored(before.id);
    expect(after).toMatchObject({ state: 'unitReview', version: before.version });
    expect(after.events).toHaveLength(before.events.length);
    expect(after.comments).toHaveLength(0);
  });

  it('refuses an application the caller cannot see, and one that does not exist, alike', async () => {
    const before = await take('unitReview');
    const hidden = await pushOne(deptToken, operation(before, 'deptApprove'));
    const missing = await pushOne(deptToken, operation({ id: randomUUID(), version: 1 }, 'deptApprove'));
    for (const result of [hidden, missing]) {
      expect(result).toMatchObject({ outcome: 'rejected', message: NOT_ALLOWED, application: null });
    }
    expect(await stored(before.id)).toMatchObject({ state: 'unitReview', version: before.version });
  });

  it('applies the operations of one request in order, each against the version the one before left', async () => {
    const before = await take('unitReview');
    const publicity = { start: today(), end: earliestPublicityEnd(today(), SHIPPED_CALENDAR) };
    const results = await pushOk(unitToken, [
      operation(before, 'unitReturn', { comments: [comment('请补充年度考核')] }),
      operation(before, 'unitApprove', { publicity }),
    ]);
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ['applied', null],
      ['conflict', STALE_VERSION],
    ]);
    expect(results[1]?.application).toMatchObject({ state: 'unitReturned', version: before.version + 1 });
    expect(await stored(before.id)).toMatchObject({ state: 'unitReturned', version: before.version + 1 });
  });

  it('takes 50 operations in one request', async () => {
    expect(batchIds).toHaveLength(50);
    const rows = await Promise.all(batchIds.map((id) => stored(id)));
    const operations = rows.map((row, index) =>
      operation(row, 'unitReturn', { comments: [comment(`第${index + 1}份:请补充材料`)] }),
    );
    const results = await pushOk(unitToken, operations);
    expect(results.every((r) => r.outcome === 'applied' && r.application?.state === 'unitReturned')).toBe(
      true,
    );
    const after = await server.platform.db
      .selectFrom('applications')
      .select(['state', 'version'])
      .where('id', 'in', batchIds)
      .execute();
    expect(after.filter((row) => row.state === 'unitReturned')).toHaveLength(50);
    const stored50 = await server.platform.db
      .selectFrom('review_operations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(
        'id',
        'in',
        operations.map((op) => op.id),
      )
      .where('outcome', '=', 'applied')
      .executeTakeFirstOrThrow();
    expect(Number(stored50.n)).toBe(50);
  });

  it('applies an operation pushed by several requests at once exactly once', async () => {
    const before = await take('unitReview');
    const op = operation(before, 'unitReturn', {
      comments: [comment('并发'), comment('同一操作', 'education')],
    });
    const responses = await Promise.all(Array.from({ length: 6 }, () => push(unitToken, [op])));
    for (const res of responses) {
      const { results } = await expectOk(res, pushOperationsResponseSchema);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ id: op.id, outcome: 'applied', message: null });
    }
    const after = await stored(before.id);
    expect(after).toMatchObject({ state: 'unitReturned', version: before.version + 1 });
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.comments).toHaveLength(2);
    const rows = await server.platform.db
      .selectFrom('review_operations')
      .selectAll()
      .where('id', '=', op.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('answers a malformed body with 400 and an anonymous caller with 401', async () => {
    const before = await take('unitReview');
    const good = operation(before, 'unitReturn', { comments: [comment('意见')] });
    await expectError(await push(unitToken, []), 400, 'BAD_REQUEST');
    await expectError(await push(unitToken, [{ ...good, id: 'not-a-uuid' }]), 400, 'BAD_REQUEST');
    await expectError(await push(unitToken, [{ ...good, transitionId: 'submit' }]), 400, 'BAD_REQUEST');
    await expectError(
      await push(unitToken, [{ ...good, comments: [{ ...comment(' '), text: '   ' }] }]),
      400,
      'BAD_REQUEST',
    );
    await expectError(
      await push(
        unitToken,
        Array.from({ length: 51 }, () => ({ ...good, id: randomUUID() })),
      ),
      400,
      'BAD_REQUEST',
    );
    await expectError(await push('', [good]), 401, 'UNAUTHENTICATED');
    expect(await stored(before.id)).toMatchObject({ state: 'unitReview', version: before.version });
    expect(await storedOperation(good.id)).toBeUndefined();
  });

  it('fails the whole request on a database failure, leaving no half-applied step, and a retry applies it', async () => {
    const first = await take('unitReview');
    const second = await take('unitReview');
    const publicity = { start: today(), end: earliestPublicityEnd(today(), SHIPPED_CALENDAR) };
    const approve = operation(first, 'unitApprove', { publicity });
    const ret = operation(second, 'unitReturn', { comments: [comment('数据库故障时的意见')] });
    // Comments can no longer be written: the second operation fails after its step was already taken.
    await failCommentInserts(true);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expectError(await push(unitToken, [approve, ret]), 500, 'SERVER_ERROR');
    } finally {
      errors.mockRestore();
      await failCommentInserts(false);
    }
    // The first operation committed on its own; the second left neither its step nor a stored result.
    expect(await stored(first.id)).toMatchObject({ state: 'unitPublicity', version: first.version + 1 });
    const untouched = await stored(second.id);
    expect(untouched).toMatchObject({ state: 'unitReview', version: second.version });
    expect(untouched.events).toHaveLength(second.events.length);
    expect(await storedOperation(ret.id)).toBeUndefined();

    const retried = await pushOk(unitToken, [approve, ret]);
    expect(retried.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(await stored(first.id)).toMatchObject({ version: first.version + 1 });
    expect(await stored(second.id)).toMatchObject({ state: 'unitReturned', version: second.version + 1 });
  });

  // Last: it moves the server's clock past the publicity.
  it('reports up only after the publicity has ended, by the server’s clock', async () => {
    const before = journey;
    expect(before.state).toBe('unitPublicity');
    const end = before.publicity_end ?? '';
    const early = operation(before, 'reportUp');
    // A period the client makes up is not what the step is judged by.
    const forged = operation(before, 'reportUp', { publicity: { start: '2020-01-06', end: '2020-01-10' } });
    const refused = await pushOk(unitToken, [early, forged]);
    for (const result of refused) {
      expect(result).toMatchObject({
        outcome: 'rejected',
        message: `公示期至${end}结束,结束后才能上报主管部门`,
      });
    }
    // On the last day of the publicity it is still too early.
    while (chinaDateOf(clock.now()) < end) clock.advanceMinutes(24 * 60);
    unitToken = await login(url, 'unitadmin', 'Unit@2026');
    expect((await pushOne(unitToken, operation(before, 'reportUp'))).outcome).toBe('rejected');
    expect(await stored(before.id)).toMatchObject({ state: 'unitPublicity', version: before.version });

    clock.advanceMinutes(24 * 60);
    unitToken = await login(url, 'unitadmin', 'Unit@2026');
    // The refusal stays what it was; a new decision is a new operation.
    expect(await pushOne(unitToken, early)).toMatchObject({ outcome: 'rejected' });
    const reported = await pushOne(unitToken, operation(before, 'reportUp'));
    expect(reported).toMatchObject({ outcome: 'applied', message: null });
    expect(reported.application).toMatchObject({ state: 'deptReview', version: before.version + 1 });
    const after = await stored(before.id);
    expect(after).toMatchObject({ state: 'deptReview', version: before.version + 1 });
    expect(after.events.at(-1)).toMatchObject({ action: 'reportUp', comment: null });

    deptToken = await login(url, 'deptadmin', 'Dept@2026');
    const seen = await expectOk(
      await getJson(`${url}/api/applications/${before.id}`, deptToken),
      applicationRecordSchema,
    );
    expect(seen.comments.map((c) => c.action)).toEqual([
      ...Array<string>(4).fill('unitReturn'),
      'unitApprove',
    ]);
  });
});
