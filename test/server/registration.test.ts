import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  registerBasicResponseSchema,
  registerVerifyResponseSchema,
} from '../../src-shared/contracts/accounts';
import { loginResponseSchema } from '../../src-shared/contracts/http';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  expectError,
  expectOk,
  freshMobile,
  idNumberBornOn,
  insertUser,
  postJson,
  registrationCode,
  testClock,
  testConfig,
} from './helpers';

const unitAdmin = DEMO_ACCOUNTS.find((demo) => demo.account === 'unitadmin')!;

describeEachDatabase('用户注册: /api/register/basic and /api/register/verify', (fresh) => {
  let server: RunningServer;
  const clock = testClock('2026-03-10T02:00:00.000Z');

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
  });
  afterAll(async () => {
    await server?.close();
  });

  let sequence = 0;
  /** A complete, valid 基本信息 form for a new person, with a fresh SMS code for its phone. */
  async function form(overrides: Record<string, unknown> = {}) {
    sequence += 1;
    const mobile = (overrides.mobile as string | undefined) ?? freshMobile();
    return {
      account: `Reg_User${sequence}`,
      password: 'Reg@2026x',
      confirmPassword: 'Reg@2026x',
      name: '刘注册',
      idType: '身份证',
      idNumber: idNumberBornOn('19880808', String(200 + sequence)),
      agreed: true,
      ...overrides,
      mobile,
      smsCode: await registrationCode(server.url, mobile),
    };
  }
  const basic = (body: unknown) => postJson(`${server.url}/api/register/basic`, body);
  const verify = (ticket: string) => postJson(`${server.url}/api/register/verify`, { ticket });

  it('registers in two steps, after which the new account signs in at once', async () => {
    const filled = await form();
    const step1 = await expectOk(await basic(filled), registerBasicResponseSchema);
    expect(step1).toEqual({
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: '刘注册',
      maskedIdNumber: `5${'*'.repeat(16)}${filled.idNumber.slice(-1)}`,
      expiresInSeconds: 600,
    });
    // Not an account yet: only 实名认证 creates it.
    await expectError(
      await postJson(`${server.url}/api/auth/login`, {
        identifier: filled.account,
        password: filled.password,
      }),
      401,
      'INVALID_CREDENTIALS',
    );

    const step2 = await expectOk(await verify(step1.ticket), registerVerifyResponseSchema);
    expect(step2).toEqual({ account: filled.account, name: '刘注册' });

    for (const identifier of [filled.account, filled.account.toLowerCase(), filled.mobile, filled.idNumber]) {
      const res = await postJson(`${server.url}/api/auth/login`, { identifier, password: filled.password });
      const { user } = await expectOk(res, loginResponseSchema);
      expect(user).toMatchObject({ account: filled.account, name: '刘注册', memberships: [] });
    }
  });

  it('never stores the password as typed, not even between the steps', async () => {
    const filled = await form({ password: 'Plain#Text99', confirmPassword: 'Plain#Text99' });
    const { ticket } = await expectOk(await basic(filled), registerBasicResponseSchema);
    const tickets = await server.platform.db.selectFrom('tickets').selectAll().execute();
    expect(JSON.stringify(tickets)).not.toContain('Plain#Text99');
    expect(JSON.stringify(tickets)).not.toContain(ticket);
    await expectOk(await verify(ticket), registerVerifyResponseSchema);
    const user = await server.platform.db
      .selectFrom('users')
      .select('password_hash')
      .where('account', '=', filled.account)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses an account (in any case), mobile or ID number that is taken, naming each field', async () => {
    const taken = await form({
      account: 'UNITADMIN',
      mobile: unitAdmin.mobile,
      idNumber: unitAdmin.idNumber,
    });
    const all = await expectError(await basic(taken), 409, 'CONFLICT');
    expect(all.fields).toEqual({
      account: '该用户账号已被注册',
      mobile: '该手机号已被注册',
      idNumber: '该身份证号码已被注册',
    });

    const accountOnly = await expectError(await basic(await form({ account: 'UnitAdmin' })), 409, 'CONFLICT');
    expect(accountOnly.fields).toEqual({ account: '该用户账号已被注册' });
    expect(accountOnly.message).toBe('该用户账号已被注册,请修改后重新提交');

    const idOnly = await expectError(
      await basic(await form({ idNumber: unitAdmin.idNumber.toLowerCase() })),
      409,
      'CONFLICT',
    );
    expect(idOnly.fields).toEqual({ idNumber: '该身份证号码已被注册' });
  });

  it('keeps the code of a refused form, so the corrected form needs no new one', async () => {
    const filled = await form({ account: 'deptadmin' });
    await expectError(await basic(filled), 409, 'CONFLICT');
    await expectOk(await basic({ ...filled, account: 'Dept_Fixed1' }), registerBasicResponseSchema);
  });

  it('refuses at 实名认证 what another registration took in between, atomically', async () => {
    const filled = await form();
    const { ticket } = await expectOk(await basic(filled), registerBasicResponseSchema);
    await insertUser(server.platform.db, {
      account: 'someone_else',
      password: 'Other@2026',
      mobile: filled.mobile,
    });
    const error = await expectError(await verify(ticket), 409, 'CONFLICT');
    expect(error.fields).toEqual({ mobile: '该手机号已被注册' });
    const created = await server.platform.db
      .selectFrom('users')
      .select('id')
      .where('account', '=', filled.account)
      .executeTakeFirst();
    expect(created).toBeUndefined();
  });

  it('fails 实名认证 for a holder younger than 16 or older than 100, saying why', async () => {
    // The clock says 2026-03-10 in Beijing.
    const child = await form({ idNumber: idNumberBornOn('20160101', '301') });
    const { ticket } = await expectOk(await basic(child), registerBasicResponseSchema);
    const young = await expectError(await verify(ticket), 422, 'REAL_NAME_FAILED');
    expect(young.message).toBe(
      '实名认证未通过:按身份证号码,持证人出生于2016-01-01,今年10周岁,未满16周岁不能注册;请核对身份证号码',
    );

    const old = await form({ idNumber: idNumberBornOn('19200101', '302') });
    const oldTicket = (await expectOk(await basic(old), registerBasicResponseSchema)).ticket;
    const tooOld = await expectError(await verify(oldTicket), 422, 'REAL_NAME_FAILED');
    expect(tooOld.message).toContain('已106周岁,超过100周岁');

    // Exactly 16 today passes.
    const sixteen = await form({ idNumber: idNumberBornOn('20100310', '303') });
    const sixteenTicket = (await expectOk(await basic(sixteen), registerBasicResponseSchema)).ticket;
    await expectOk(await verify(sixteenTicket), registerVerifyResponseSchema);
  });

  it('uses a ticket once, and not after ten minutes', async () => {
    const first = await expectOk(await basic(await form()), registerBasicResponseSchema);
    await expectOk(await verify(first.ticket), registerVerifyResponseSchema);
    await expectError(await verify(first.ticket), 410, 'TICKET_INVALID');

    const late = await expectOk(await basic(await form()), registerBasicResponseSchema);
    clock.advanceSeconds(600);
    const expired = await expectError(await verify(late.ticket), 410, 'TICKET_INVALID');
    expect(expired.message).toBe('操作已过期,请从第一步重新开始');
    await expectError(await verify('A'.repeat(43)), 410, 'TICKET_INVALID');
  });

  it('checks every field of 基本信息 with a message that says what to fix', async () => {
    const filled = await form();
    const error = await expectError(
      await basic({
        ...filled,
        account: '1abc',
        password: 'short',
        confirmPassword: 'other',
        name: 'Li Ming',
        idNumber: '36042619910102009X',
        agreed: false,
      }),
      400,
      'BAD_REQUEST',
    );
    expect(error.fields).toEqual({
      account: '用户账号须以字母开头,由4-30位字母、数字或下划线组成',
      password: '登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种',
      name: '姓名应与身份证一致,只能包含汉字和间隔号“·”',
      idNumber: '身份证号码校验位错误,请核对最后一位',
      agreed: '请阅读并同意《重庆市政务服务网统一认证中心注册协议》',
    });
    const mismatch = await expectError(
      await basic({ ...filled, confirmPassword: 'Reg@2026y' }),
      400,
      'BAD_REQUEST',
    );
    expect(mismatch.fields).toEqual({ confirmPassword: '两次输入的密码不一致' });
  });

  it('refuses fields the form does not have, such as a role', async () => {
    const error = await expectError(
      await basic({ ...(await form()), role: 'titleOffice' }),
      400,
      'BAD_REQUEST',
    );
    expect(error.fields).toEqual({ role: '不支持此字段' });
    const verifyExtra = await expectError(
      await postJson(`${server.url}/api/register/verify`, { ticket: 'A'.repeat(43), idNumber: 'x' }),
      400,
      'BAD_REQUEST',
    );
    expect(verifyExtra.fields).toEqual({ idNumber: '不支持此字段' });
  });
});
