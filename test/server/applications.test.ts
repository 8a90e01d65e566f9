import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { attachmentReferences } from '../../src-server/applications/records';
import { recordScopeChange } from '../../src-server/applications/scopes';
import { transitionApplication } from '../../src-server/applications/writes';
import { generateApplications } from '../../src-server/demo/applications/generator';
import { scanFile } from '../../src-server/demo/applications/scans';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { birthDateFromIdNumber, genderFromIdNumber } from '../../src-shared/domain/validation';
import { earliestPublicityEnd } from '../../src-shared/domain/workflow';
import { startServer, type RunningServer } from '../../src-server/listen';
import {
  applicantApplicationSchema,
  applicationRecordSchema,
  pullResponseSchema,
  type PullResponse,
} from '../../src-shared/contracts/applications';
import type { ApplicationContent, FieldValues } from '../../src-shared/domain/catalog';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, insertUser, login, postJson, testConfig } from './helpers';
import { unitIdByName } from './unit-helpers';

/**
 * The applicant API (save, submit, resubmit, withdraw) and the pull protocol (pages, cursors, tombstones,
 * resync), against the real server on each database.
 */

const storedFile = z.object({ fileId: z.string() });
const HOSPITAL = '重庆市示例人民医院';

describeEachDatabase('applications: the applicant API and the pull', (fresh) => {
  let server: RunningServer;
  let url: string;
  let hospitalId: string;
  let applicantToken: string;
  let unitAdminToken: string;
  let applicant: { name: string; id_number: string };

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh()));
    url = server.url;
    hospitalId = await unitIdByName(server.platform.db, HOSPITAL);
    await insertUser(server.platform.db, { account: 'shenbaoren', password: 'Apply@2026', name: '陈静' });
    applicant = await server.platform.db
      .selectFrom('users')
      .select(['name', 'id_number'])
      .where('account', '=', 'shenbaoren')
      .executeTakeFirstOrThrow();
    applicantToken = await login(url, 'shenbaoren', 'Apply@2026');
    unitAdminToken = await login(url, 'unitadmin', 'Unit@2026');
  });

  afterAll(() => server.close());

  /** Generated content with the applicant's own uploads in place of the generator's scan placeholders. */
  async function draftContent(seed: number): Promise<ApplicationContent> {
    const [generated] = generateApplications({ seed, count: 1, now: new Date(), employer: HOSPITAL });
    if (generated === undefined) throw new Error('the generator made nothing');
    const upload = async (value: string) => {
      const scan = scanFile(value.slice('scan:'.length) as Parameters<typeof scanFile>[0]);
      const res = await postJson(
        `${url}/api/files/licence`,
        { fileName: scan.fileName, contentBase64: scan.content.toString('base64') },
        applicantToken,
      );
      return (await expectOk(res, storedFile)).fileId;
    };
    const replace = async (values: FieldValues): Promise<FieldValues> => {
      const out: FieldValues = {};
      for (const [key, value] of Object.entries(values)) {
        out[key] = typeof value === 'string' && value.startsWith('scan:') ? await upload(value) : value;
      }
      return out;
    };
    const content: ApplicationContent = {};
    for (const [key, value] of Object.entries(generated.content)) {
      content[key] = Array.isArray(value) ? await Promise.all(value.map(replace)) : await replace(value);
    }
    // The generator invents a person; the application is the signed-in applicant's.
    content.basicInfo = {
      ...(content.basicInfo as FieldValues),
      name: applicant.name,
      idNumber: applicant.id_number,
      birthDate: birthDateFromIdNumber(applicant.id_number),
      gender: genderFromIdNumber(applicant.id_number),
    };
    return content;
  }

  const save = (body: unknown, token = applicantToken) =>
    postJson(`${url}/api/applicant/applications`, body, token);
  const act = (id: string, action: string, baseVersion: number, token = applicantToken) =>
    postJson(`${url}/api/applicant/applications/${id}/${action}`, { baseVersion }, token);
  const pull = (token: string, cursor?: string, limit?: number) => {
    const params = new URLSearchParams();
    if (cursor !== undefined) params.set('cursor', cursor);
    if (limit !== undefined) params.set('limit', String(limit));
    return getJson(`${url}/api/sync/applications?${params.toString()}`, token);
  };

  async function pullAll(token: string, cursor?: string, limit = 7) {
    const applications = new Map<string, z.infer<typeof applicationRecordSchema>>();
    const removed: string[] = [];
    let next = cursor;
    for (let pages = 0; pages < 1000; pages += 1) {
      const page = await expectOk(await pull(token, next, limit), pullResponseSchema);
      if (page.kind !== 'changes') throw new Error(`unexpected resync: ${page.reason}`);
      for (const record of page.applications) applications.set(record.id, record);
      removed.push(...page.removedIds);
      next = page.cursor;
      if (page.remaining === 0) return { applications, removed, cursor: next };
    }
    throw new Error('the pull never ended');
  }

  it('saves a draft, numbers it, and keeps it out of the unit until it is submitted', async () => {
    const before = await pullAll(unitAdminToken);
    const content = await draftContent(1);
    const draft = await expectOk(await save({ unitId: hospitalId, content }), applicantApplicationSchema);
    expect(draft).toMatchObject({ state: 'draft', version: 1, submitCount: 0, unitName: HOSPITAL });
    expect(draft.applicationNo).toMatch(/^CQ\d{4}-\d{6}$/);
    expect((draft.content.applicationInfo as FieldValues).applicationNo).toBe(draft.applicationNo);

    const delta = await pullAll(unitAdminToken, before.cursor);
    expect(delta.applications.size).toBe(0);

    const submitted = await expectOk(await act(draft.id, 'submit', 1), applicantApplicationSchema);
    expect(submitted).toMatchObject({ state: 'unitReview', version: 2, submitCount: 1 });
    const afterSubmit = await pullAll(unitAdminToken, before.cursor);
    const record = afterSubmit.applications.get(draft.id);
    expect(record).toMatchObject({ state: 'unitReview', version: 2, applicantName: expect.any(String) });
    expect(record?.attachments.length).toBeGreaterThan(0);
    expect(record?.history.map((entry) => entry.action)).toEqual(['created', 'submit']);
    expect(JSON.parse(record?.contentJson ?? '{}')).toEqual(submitted.content);
  });

  it('refuses content that breaks the catalog, naming the fields, and loses nothing', async () => {
    const content = await draftContent(2);
    const basic = content.basicInfo as FieldValues;
    const res = await save({
      unitId: hospitalId,
      content: { ...content, basicInfo: { ...basic, idNumber: '500103199001010000', mobile: '12345' } },
    });
    const error = await expectError(res, 400, 'BAD_REQUEST');
    expect(Object.keys(error.fields ?? {})).toEqual(
      expect.arrayContaining(['basicInfo.idNumber', 'basicInfo.mobile']),
    );

    // A draft may be incomplete; a submission may not.
    const incomplete = await expectOk(
      await save({ unitId: hospitalId, content: { ...content, education: [] } }),
      applicantApplicationSchema,
    );
    const refused = await expectError(await act(incomplete.id, 'submit', 1), 400, 'BAD_REQUEST');
    expect(refused.message).toMatch(/教育经历/);
  });

  it('takes 姓名 and 身份证号 from the account and refuses another person’s, naming the field', async () => {
    const content = await draftContent(7);
    const basic = content.basicInfo as FieldValues;
    const filled = await expectOk(
      await save({
        unitId: hospitalId,
        content: { ...content, basicInfo: { ...basic, name: '', idNumber: null } },
      }),
      applicantApplicationSchema,
    );
    expect(filled.content.basicInfo).toMatchObject({ name: applicant.name, idNumber: applicant.id_number });

    // 张伟's account filing for 陈静: refused, and nothing saved.
    const before = await server.platform.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const newuserToken = await login(url, 'newuser', 'User@2026');
    // Without 陈静's scans, which newuser may not attach: the identity is what is refused.
    const withoutScans = structuredClone(content);
    for (const reference of attachmentReferences(withoutScans)) {
      const section = withoutScans[reference.sectionKey];
      const values = Array.isArray(section) ? section[reference.rowIndex ?? 0] : section;
      if (values !== undefined) values[reference.fieldKey] = null;
    }
    const asOther = await expectError(
      await save({ unitId: hospitalId, content: withoutScans }, newuserToken),
      400,
      'BAD_REQUEST',
    );
    expect(Object.keys(asOther.fields ?? {}).sort()).toEqual(['basicInfo.idNumber', 'basicInfo.name']);
    expect(asOther.message).toMatch(/姓名须与登录账号的实名信息一致/);
    const after = await server.platform.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // Only the name differs: the answer names that field alone.
    const renamed = await expectError(
      await save({
        id: filled.id,
        baseVersion: filled.version,
        unitId: hospitalId,
        content: { ...content, basicInfo: { ...basic, name: '王五' } },
      }),
      400,
      'BAD_REQUEST',
    );
    expect(renamed.fields).toEqual({
      'basicInfo.name': expect.stringMatching(/^姓名须与登录账号的实名信息一致/),
    });

    // A draft stored with someone else's name before this rule cannot be submitted.
    await server.platform.db
      .updateTable('applications')
      .set({
        content: JSON.stringify({
          ...filled.content,
          basicInfo: { ...(filled.content.basicInfo as FieldValues), name: '王五' },
        }),
      })
      .where('id', '=', filled.id)
      .execute();
    const submit = await expectError(await act(filled.id, 'submit', filled.version), 400, 'BAD_REQUEST');
    expect(submit.fields).toEqual({ 'basicInfo.name': expect.any(String) });
  });

  it('files applications with units only, not with a 主管部门', async () => {
    const departmentId = await unitIdByName(server.platform.db, '重庆市卫生健康委员会');
    const error = await expectError(
      await save({ unitId: departmentId, content: await draftContent(8) }),
      400,
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/主管部门和职改办不受理申报书/);
    expect(error.fields).toEqual({ unitId: error.message });
  });

  it('answers a stale version with a conflict and keeps the newer write', async () => {
    const content = await draftContent(3);
    const draft = await expectOk(await save({ unitId: hospitalId, content }), applicantApplicationSchema);
    const edited = await expectOk(
      await save({ id: draft.id, baseVersion: 1, unitId: hospitalId, content }),
      applicantApplicationSchema,
    );
    expect(edited.version).toBe(2);
    await expectError(
      await save({ id: draft.id, baseVersion: 1, unitId: hospitalId, content }),
      409,
      'CONFLICT',
    );
    await expectError(await act(draft.id, 'submit', 1), 409, 'CONFLICT');
  });

  it('lets the applicant withdraw only while the unit has not decided', async () => {
    const draft = await expectOk(
      await save({ unitId: hospitalId, content: await draftContent(4) }),
      applicantApplicationSchema,
    );
    await expectError(await act(draft.id, 'withdraw', 1), 409, 'CONFLICT');
    await expectOk(await act(draft.id, 'submit', 1), applicantApplicationSchema);
    const withdrawn = await expectOk(await act(draft.id, 'withdraw', 2), applicantApplicationSchema);
    expect(withdrawn.state).toBe('withdrawn');
    await expectError(await act(draft.id, 'resubmit', 3), 409, 'CONFLICT');
  });

  it('does not let an administrator apply through the unit they review', async () => {
    const error = await expectError(
      await save({ unitId: hospitalId, content: await draftContent(5) }, unitAdminToken),
      403,
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/申报人本人/);
  });

  it('does not let an applicant attach another person’s file', async () => {
    const content = await draftContent(6);
    const otherToken = await login(url, 'newuser', 'User@2026');
    const error = await expectError(
      await save({ unitId: hospitalId, content }, otherToken),
      400,
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/附件/);
  });

  it('pages through a unit without gaps or repeats, and the cursor moves on', async () => {
    const small = await pullAll(unitAdminToken, undefined, 3);
    const large = await pullAll(unitAdminToken, undefined, 1000);
    expect([...small.applications.keys()].sort()).toEqual([...large.applications.keys()].sort());
    const expected = await server.platform.db
      .selectFrom('applications')
      .select('id')
      .where('unit_id', '=', hospitalId)
      .where('state', '!=', 'draft')
      .execute();
    expect([...large.applications.keys()].sort()).toEqual(expected.map((row) => row.id).sort());
    const empty = await expectOk(await pull(unitAdminToken, large.cursor), pullResponseSchema);
    expect(empty).toMatchObject({ kind: 'changes', applications: [], removedIds: [], remaining: 0 });
  });

  it('sends a tombstone when an application leaves the department, and the record again when it returns', async () => {
    const deptToken = await login(url, 'deptadmin', 'Dept@2026');
    const start = await pullAll(deptToken);
    const [inDepartment] = [...start.applications.values()].filter((record) => record.state === 'deptReview');
    if (inDepartment === undefined) throw new Error('the demo department has nothing to review');
    const db = server.platform.db;
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', inDepartment.id)
        .executeTakeFirstOrThrow();
      await transitionApplication(trx, row, {
        transitionId: 'deptReturnToIndividual',
        role: 'deptAdmin',
        actor: { id: null, name: '王芳' },
        now: new Date(),
        baseVersion: Number(row.version),
        comment: '请补充近三年年度考核结果',
      });
    });
    const afterReturn = await pullAll(deptToken, start.cursor);
    expect(afterReturn.removed).toEqual([inDepartment.id]);
    expect(afterReturn.applications.size).toBe(0);
    // The unit still sees it, now returned.
    const unitView = await expectOk(
      await getJson(`${url}/api/applications/${inDepartment.id}`, unitAdminToken),
      applicationRecordSchema,
    );
    expect(unitView.state).toBe('unitReturned');

    // The applicant resubmits; the unit approves, publishes and reports it up again.
    const applicant = await db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select(['u.account', 'a.version'])
      .where('a.id', '=', inDepartment.id)
      .executeTakeFirstOrThrow();
    const token = await login(url, applicant.account, DEMO_APPLICANT_PASSWORD);
    await expectOk(
      await act(inDepartment.id, 'resubmit', Number(applicant.version), token),
      applicantApplicationSchema,
    );
    const today = chinaDateOf(new Date());
    const publicity = { start: today, end: earliestPublicityEnd(today, SHIPPED_CALENDAR) };
    const afterPublicity = new Date(Date.parse(`${publicity.end}T00:00:00+08:00`) + 2 * 86_400_000);
    for (const [transitionId, now] of [
      ['unitApprove', new Date()],
      ['reportUp', afterPublicity],
    ] as const) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('applications')
          .selectAll()
          .where('id', '=', inDepartment.id)
          .executeTakeFirstOrThrow();
        await transitionApplication(trx, row, {
          transitionId,
          role: 'unitAdmin',
          actor: { id: null, name: '李明' },
          now,
          baseVersion: Number(row.version),
          publicity,
          changes:
            transitionId === 'unitApprove'
              ? { publicity_start: publicity.start, publicity_end: publicity.end }
              : {},
        });
      });
    }
    const back = await pullAll(deptToken, afterReturn.cursor);
    expect(back.removed).toEqual([]);
    expect(back.applications.get(inDepartment.id)?.state).toBe('deptReview');
  });

  it('answers resync for a cursor it cannot continue', async () => {
    const { cursor } = await pullAll(unitAdminToken);
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      i: string;
      s: Record<string, number>;
    };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const ahead = Object.fromEntries(Object.entries(decoded.s).map(([scope, seq]) => [scope, seq + 1000]));
    const cases: Record<string, string> = {
      garbage: 'not-a-cursor',
      'another database': encode({ i: 'another-instance', s: decoded.s }),
      'ahead of the server': encode({ i: decoded.i, s: ahead }),
      'a scope the caller lost': encode({ i: decoded.i, s: { ...decoded.s, 'unit:someone-else': 1 } }),
    };
    for (const [name, text] of Object.entries(cases)) {
      const answer: PullResponse = await expectOk(await pull(unitAdminToken, text), pullResponseSchema);
      expect(answer.kind, name).toBe('resync');
    }
  });

  it('rejects bad pull parameters with a 4xx JSON error', async () => {
    await expectError(await pull(unitAdminToken, undefined, 0), 400, 'BAD_REQUEST');
    await expectError(await pull(unitAdminToken, 'x'.repeat(9000)), 400, 'BAD_REQUEST');
    await expectError(await getJson(`${url}/api/sync/applications`), 401, 'UNAUTHENTICATED');
  });

  it('numbers changes of one scope without gaps when many commit at once', async () => {
    const db = server.platform.db;
    const rows = await db
      .selectFrom('applications')
      .select('id')
      .where('unit_id', '=', hospitalId)
      .limit(20)
      .execute();
    const scope = `unit:${hospitalId}` as const;
    const before = await db
      .selectFrom('sync_scopes')
      .select('seq')
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow();
    await Promise.all(
      rows.map((row) => db.transaction().execute((trx) => recordScopeChange(trx, row.id, [scope], [scope]))),
    );
    const after = await db
      .selectFrom('sync_scopes')
      .select('seq')
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow();
    expect(Number(after.seq) - Number(before.seq)).toBe(rows.length);
    const entries = await db
      .selectFrom('sync_scope_entries')
      .select('seq')
      .where('scope', '=', scope)
      .where('seq', '>', Number(before.seq))
      .orderBy('seq')
      .execute();
    expect(entries.map((entry) => Number(entry.seq))).toEqual(
      Array.from({ length: rows.length }, (_, index) => Number(before.seq) + index + 1),
    );
  });
});
