import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, insertUser, login, testClock, testConfig } from './helpers';
import {
  fileContentSchema,
  meSchema,
  registrationForm,
  registrationListSchema,
  SCANS,
  superiorsSchema,
  unitApi,
  unitIdByName,
  unitRegistrationSchema,
} from './unit-helpers';
import type { UnitApi } from './unit-helpers';

const HOSPITAL_CODE = '12500000MB1600219D';
const CENTRE_CODE = '12500108MB0P35261K';

describeEachDatabase('单位注册: register, review, resubmit', (fresh) => {
  let server: RunningServer;
  let api: UnitApi;
  const clock = testClock('2026-03-10T02:00:00.000Z');
  const tokens: Record<'newuser' | 'deptadmin' | 'cqadmin' | 'other', string> = {
    newuser: '',
    deptadmin: '',
    cqadmin: '',
    other: '',
  };
  const units: Record<'office' | 'health' | 'education' | 'hospital' | 'centre', string> = {
    office: '',
    health: '',
    education: '',
    hospital: '',
    centre: '',
  };

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
    api = unitApi(server.url);
    const db = server.platform.db;
    await insertUser(db, { account: 'other_person', password: 'Other@2026', name: '钱多' });
    // Password hashing is slow: every user signs in once for the whole file.
    [tokens.newuser, tokens.deptadmin, tokens.cqadmin, tokens.other] = await Promise.all([
      login(server.url, 'newuser', 'User@2026'),
      login(server.url, 'deptadmin', 'Dept@2026'),
      login(server.url, 'cqadmin', 'Admin@2026'),
      login(server.url, 'other_person', 'Other@2026'),
    ]);
    units.office = await unitIdByName(db, '重庆市职称改革办公室');
    units.health = await unitIdByName(db, '重庆市卫生健康委员会');
    units.education = await unitIdByName(db, '重庆市教育委员会');
    units.hospital = await unitIdByName(db, '重庆市示例人民医院');
    units.centre = await unitIdByName(db, '重庆市示例社区卫生服务中心');
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('上级主管部门 search', () => {
    it('offers approved departments for a unit, and the 职改办 first for a department', async () => {
      const forUnit = await expectOk(await api.superiors(tokens.newuser, 'unit'), superiorsSchema);
      expect(forUnit.departments.map((d) => d.name).sort()).toEqual(
        ['重庆市卫生健康委员会', '重庆市教育委员会'].sort(),
      );
      expect(forUnit.departments.find((d) => d.id === units.health)).toEqual({
        id: units.health,
        name: '重庆市卫生健康委员会',
        creditCode: '11500000MB1541968X',
        kind: 'department',
      });

      const forDepartment = await expectOk(
        await api.superiors(tokens.newuser, 'department'),
        superiorsSchema,
      );
      expect(forDepartment.departments[0]).toEqual({
        id: units.office,
        name: '重庆市职称改革办公室',
        creditCode: null,
        kind: 'titleOffice',
      });
      expect(forDepartment.departments).toHaveLength(3);
    });

    it('matches the name or the credit code, in any case, and treats wildcards as text', async () => {
      const byName = await expectOk(await api.superiors(tokens.newuser, 'unit', '卫生'), superiorsSchema);
      expect(byName.departments.map((d) => d.id)).toEqual([units.health]);
      const byCode = await expectOk(
        await api.superiors(tokens.newuser, 'unit', 'mb1541968x'),
        superiorsSchema,
      );
      expect(byCode.departments.map((d) => d.id)).toEqual([units.health]);
      for (const wildcard of ['%', '_', '\\']) {
        const none = await expectOk(await api.superiors(tokens.newuser, 'unit', wildcard), superiorsSchema);
        expect(none.departments).toEqual([]);
      }
      // Units and pending registrations are never superiors.
      const hospital = await expectOk(await api.superiors(tokens.newuser, 'unit', '医院'), superiorsSchema);
      expect(hospital.departments).toEqual([]);
      await expectError(await api.superiors(tokens.newuser, 'titleOffice'), 400, 'BAD_REQUEST');
      await expectError(await api.superiors('', 'unit'), 401, 'UNAUTHENTICATED');
    });
  });

  it('registers a unit: submitted, rejected with a reason, edited and resubmitted, approved', async () => {
    const licence = await api.uploadScan(tokens.newuser);
    const form = registrationForm(units.health, licence, {
      name: '重庆市示例科技有限公司',
      creditCode: '91500000ma5u7k3x2h',
      contactPhone: '(023)65001234',
    });
    const submitted = await expectOk(await api.submit(tokens.newuser, form), unitRegistrationSchema);
    expect(submitted).toEqual({
      id: expect.any(String),
      name: '重庆市示例科技有限公司',
      creditCode: '91500000MA5U7K3X2H',
      kind: 'unit',
      nature: '民营企业',
      industry: '信息传输、软件和信息技术服务业',
      districtCode: '500106',
      districtName: '沙坪坝区',
      parentId: units.health,
      parentName: '重庆市卫生健康委员会',
      address: '重庆市沙坪坝区示例路8号',
      leaderName: '周伟',
      contactName: '张伟',
      contactPhone: '023-65001234',
      licence: {
        fileId: licence,
        fileName: '营业执照.pdf',
        mimeType: 'application/pdf',
        size: SCANS.pdf.length,
      },
      status: 'pending',
      rejectReason: null,
      submittedAt: '2026-03-10T02:00:00.000Z',
      updatedAt: '2026-03-10T02:00:00.000Z',
      history: [{ at: '2026-03-10T02:00:00.000Z', action: 'submitted', actorName: '张伟', reason: null }],
    });
    const { id } = submitted;

    const mine = await expectOk(await api.mine(tokens.newuser), registrationListSchema);
    expect(mine.registrations).toEqual([submitted]);
    const queue = await expectOk(await api.review(tokens.deptadmin), registrationListSchema);
    expect(queue.registrations.map((r) => r.name).sort()).toEqual(
      ['重庆市示例社区卫生服务中心', '重庆市示例科技有限公司'].sort(),
    );
    expect(await expectOk(await api.get(tokens.deptadmin, id), unitRegistrationSchema)).toEqual(submitted);
    const scan = await expectOk(await api.licence(tokens.deptadmin, id), fileContentSchema);
    expect(Buffer.from(scan.contentBase64, 'base64')).toEqual(SCANS.pdf);

    clock.advanceMinutes(30);
    const rejected = await expectOk(
      await api.reject(tokens.deptadmin, id, '营业执照扫描件不清晰,请重新扫描上传'),
      unitRegistrationSchema,
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectReason: '营业执照扫描件不清晰,请重新扫描上传',
    });
    expect((await expectOk(await api.me(tokens.newuser), meSchema)).user.memberships).toEqual([]);
    const stillPending = await expectOk(await api.review(tokens.deptadmin), registrationListSchema);
    expect(stillPending.registrations.map((r) => r.id)).not.toContain(id);
    const rejectedList = await expectOk(
      await api.review(tokens.deptadmin, 'rejected'),
      registrationListSchema,
    );
    expect(rejectedList.registrations.map((r) => r.id)).toEqual([id]);

    clock.advanceMinutes(30);
    const newScan = await expectOk(
      await api.upload(tokens.newuser, '营业执照-重新扫描.png', SCANS.png),
      fileContentSchema.omit({ contentBase64: true }),
    );
    const resubmitted = await expectOk(
      await api.resubmit(tokens.newuser, id, {
        ...form,
        address: '重庆市沙坪坝区示例路10号',
        licenceFileId: newScan.fileId,
      }),
      unitRegistrationSchema,
    );
    expect(resubmitted).toMatchObject({
      id,
      status: 'pending',
      rejectReason: null,
      address: '重庆市沙坪坝区示例路10号',
      licence: { fileId: newScan.fileId, mimeType: 'image/png' },
      submittedAt: '2026-03-10T03:00:00.000Z',
    });

    clock.advanceMinutes(30);
    const approved = await expectOk(await api.approve(tokens.deptadmin, id), unitRegistrationSchema);
    expect(approved.status).toBe('approved');
    expect(approved.history).toEqual([
      { at: '2026-03-10T02:00:00.000Z', action: 'submitted', actorName: '张伟', reason: null },
      {
        at: '2026-03-10T02:30:00.000Z',
        action: 'rejected',
        actorName: '王芳',
        reason: '营业执照扫描件不清晰,请重新扫描上传',
      },
      { at: '2026-03-10T03:00:00.000Z', action: 'resubmitted', actorName: '张伟', reason: null },
      { at: '2026-03-10T03:30:00.000Z', action: 'approved', actorName: '王芳', reason: null },
    ]);
    const reviewed = await server.platform.db
      .selectFrom('units')
      .select(['reviewed_by', 'reviewed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reviewed.reviewed_at).toBe('2026-03-10T03:30:00.000Z');

    const { user } = await expectOk(await api.me(tokens.newuser), meSchema);
    expect(user.memberships).toEqual([
      { unitId: id, unitName: '重庆市示例科技有限公司', unitKind: 'unit', role: 'unitAdmin' },
    ]);

    // Decided once: neither decision can be made again, nor can an approved registration be edited.
    const again = await expectError(await api.approve(tokens.deptadmin, id), 409, 'CONFLICT');
    expect(again.message).toBe('该注册申请当前状态为“审核通过”,只能审核待审核的注册申请');
    await expectError(await api.reject(tokens.deptadmin, id, '重复审核'), 409, 'CONFLICT');
    const edit = await expectError(await api.resubmit(tokens.newuser, id, form), 409, 'CONFLICT');
    expect(edit.message).toBe('只有审核不通过的注册申请可以修改后重新提交');
  });

  it('registers a department under the 职改办, which 陈静 approves and 王芳 cannot see', async () => {
    const licence = await api.uploadScan(tokens.other);
    const form = registrationForm(units.office, licence, {
      name: '重庆市示例行业主管局',
      kind: 'department',
      nature: '机关',
      industry: '公共管理、社会保障和社会组织',
    });
    const { id } = await expectOk(await api.submit(tokens.other, form), unitRegistrationSchema);
    await expectError(await api.approve(tokens.deptadmin, id), 404, 'NOT_FOUND');
    const queue = await expectOk(await api.review(tokens.cqadmin), registrationListSchema);
    expect(queue.registrations.map((r) => r.id)).toEqual([id]);

    const approved = await expectOk(await api.approve(tokens.cqadmin, id), unitRegistrationSchema);
    expect(approved).toMatchObject({
      status: 'approved',
      kind: 'department',
      parentName: '重庆市职称改革办公室',
    });
    expect((await expectOk(await api.me(tokens.other), meSchema)).user.memberships).toEqual([
      { unitId: id, unitName: '重庆市示例行业主管局', unitKind: 'department', role: 'deptAdmin' },
    ]);
    // Now a superior in its own right, and its administrator reviews what is registered under it.
    const superiors = await expectOk(await api.superiors(tokens.newuser, 'unit', '主管局'), superiorsSchema);
    expect(superiors.departments.map((d) => d.id)).toEqual([id]);
    const sub = await expectOk(
      await api.submit(
        tokens.newuser,
        registrationForm(id, await api.uploadScan(tokens.newuser), { name: '重庆市示例下属单位' }),
      ),
      unitRegistrationSchema,
    );
    expect((await expectOk(await api.review(tokens.other), registrationListSchema)).registrations).toEqual([
      sub,
    ]);
    await expectOk(await api.approve(tokens.other, sub.id), unitRegistrationSchema);

    // A person may administer several units.
    const memberships = (await expectOk(await api.me(tokens.newuser), meSchema)).user.memberships;
    expect(memberships.map((m) => m.unitName).sort()).toEqual(
      ['重庆市示例下属单位', '重庆市示例科技有限公司'].sort(),
    );
  });

  it('checks the form: credit code, scan, superior', async () => {
    const licence = await api.uploadScan(tokens.newuser);
    const invalid = await expectError(
      await api.submit(
        tokens.newuser,
        registrationForm(units.health, licence, { creditCode: '91110000600037341N' }),
      ),
      400,
      'BAD_REQUEST',
    );
    expect(invalid.fields).toEqual({ creditCode: '统一社会信用代码校验位错误' });

    const noScan = await expectError(
      await api.submit(tokens.newuser, registrationForm(units.health, '')),
      400,
      'BAD_REQUEST',
    );
    expect(noScan.fields).toEqual({ licenceFileId: '请上传营业执照/法人证书扫描件' });

    // Another person's scan, or an id that names no file, cannot be attached.
    const othersScan = await api.uploadScan(tokens.other);
    for (const fileId of [othersScan, '0'.repeat(36)]) {
      const error = await expectError(
        await api.submit(tokens.newuser, registrationForm(units.health, fileId)),
        400,
        'BAD_REQUEST',
      );
      expect(error.fields).toEqual({ licenceFileId: '请重新上传营业执照/法人证书扫描件' });
    }

    const unitParent = '请选择已审核通过的主管部门作为上级主管部门';
    for (const parentId of ['no-such-unit', units.centre, units.hospital, units.office]) {
      const error = await expectError(
        await api.submit(tokens.newuser, registrationForm(parentId, licence)),
        400,
        'BAD_REQUEST',
      );
      expect(error.fields, parentId).toEqual({ parentId: unitParent });
    }
    const noParent = await expectError(
      await api.submit(tokens.newuser, registrationForm('', licence)),
      400,
      'BAD_REQUEST',
    );
    expect(noParent.fields).toEqual({ parentId: '请选择上级主管部门' });
    const departmentParent = await expectError(
      await api.submit(tokens.newuser, registrationForm(units.hospital, licence, { kind: 'department' })),
      400,
      'BAD_REQUEST',
    );
    expect(departmentParent.fields).toEqual({
      parentId: '请选择职改办或已审核通过的主管部门作为上级主管部门',
    });

    // A department may sit under another department.
    await expectOk(
      await api.submit(
        tokens.newuser,
        registrationForm(units.education, licence, { kind: 'department', name: '重庆市示例教育中心' }),
      ),
      unitRegistrationSchema,
    );
  });

  it('refuses a credit code that is registered or waiting for review, but not a rejected one', async () => {
    const licence = await api.uploadScan(tokens.newuser);
    const registered = await expectError(
      await api.submit(
        tokens.newuser,
        registrationForm(units.health, licence, { creditCode: HOSPITAL_CODE }),
      ),
      409,
      'CONFLICT',
    );
    expect(registered).toMatchObject({
      message: '该统一社会信用代码已注册',
      fields: { creditCode: '该统一社会信用代码已注册' },
    });
    const pending = await expectError(
      await api.submit(
        tokens.newuser,
        registrationForm(units.health, licence, { creditCode: CENTRE_CODE.toLowerCase() }),
      ),
      409,
      'CONFLICT',
    );
    expect(pending).toMatchObject({
      message: '该统一社会信用代码已有待审核的注册申请',
      fields: { creditCode: '该统一社会信用代码已有待审核的注册申请' },
    });

    // Rejected, the code is free: someone else registers it, and the first registrant can no longer
    // resubmit with it.
    const form = registrationForm(units.health, licence, { name: '重庆市示例咨询有限公司' });
    const first = await expectOk(await api.submit(tokens.newuser, form), unitRegistrationSchema);
    await expectOk(
      await api.reject(tokens.deptadmin, first.id, '单位名称与营业执照不一致'),
      unitRegistrationSchema,
    );
    const second = await expectOk(
      await api.submit(
        tokens.other,
        registrationForm(units.health, await api.uploadScan(tokens.other), { creditCode: form.creditCode }),
      ),
      unitRegistrationSchema,
    );
    expect(second.creditCode).toBe(first.creditCode);
    const blocked = await expectError(await api.resubmit(tokens.newuser, first.id, form), 409, 'CONFLICT');
    expect(blocked.fields).toEqual({ creditCode: '该统一社会信用代码已有待审核的注册申请' });
  });

  it('lets only one of two simultaneous registrations of a code through', async () => {
    const code = registrationForm('', '').creditCode;
    const [mine, theirs] = await Promise.all([api.uploadScan(tokens.newuser), api.uploadScan(tokens.other)]);
    const answers = await Promise.all([
      api.submit(tokens.newuser, registrationForm(units.health, mine, { creditCode: code })),
      api.submit(tokens.other, registrationForm(units.education, theirs, { creditCode: code })),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    const rows = await server.platform.db
      .selectFrom('units')
      .select('id')
      .where('credit_code', '=', code)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('needs a reason to reject, and keeps reviewers from deciding their own registration', async () => {
    const licence = await api.uploadScan(tokens.deptadmin);
    const own = await expectOk(
      await api.submit(
        tokens.deptadmin,
        registrationForm(units.health, licence, { name: '重庆市示例卫生研究所' }),
      ),
      unitRegistrationSchema,
    );
    const noReason = await expectError(await api.reject(tokens.deptadmin, own.id, ' '), 400, 'BAD_REQUEST');
    expect(noReason.fields).toEqual({ reason: '请填写审核不通过的原因' });
    const self = await expectError(await api.approve(tokens.deptadmin, own.id), 403, 'FORBIDDEN');
    expect(self.message).toBe('不能审核本人提交的注册申请');
    await expectError(await api.reject(tokens.deptadmin, own.id, '自己驳回自己'), 403, 'FORBIDDEN');
    expect((await expectOk(await api.get(tokens.deptadmin, own.id), unitRegistrationSchema)).status).toBe(
      'pending',
    );
  });
});
