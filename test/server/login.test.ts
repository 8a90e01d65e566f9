import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src-shared/contracts/http';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { hashPassword } from '../../src-server/identity/passwords';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, postJson, testConfig } from './helpers';

const unitAdmin = DEMO_ACCOUNTS.find((demo) => demo.account === 'unitadmin')!;

describeEachDatabase('POST /api/auth/login', (fresh) => {
  let server: RunningServer;
  const loginUrl = () => `${server.url}/api/auth/login`;

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh()));
  });
  afterAll(async () => {
    await server?.close();
  });

  async function loginAs(identifier: string, password: string) {
    const res = await postJson(loginUrl(), { identifier, password });
    expect(res.status).toBe(200);
    return loginResponseSchema.parse(await res.json());
  }

  it.each(DEMO_ACCOUNTS.map((demo) => [demo.account, demo] as const))(
    'signs in demo account %s with the documented password and role',
    async (_account, demo) => {
      const { token, user } = await loginAs(demo.account, demo.password);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(user.account).toBe(demo.account);
      expect(user.name).toBe(demo.name);
      const roles = user.memberships.map((membership) => membership.role);
      expect(roles).toEqual(demo.role === 'individual' ? [] : [demo.role]);
    },
  );

  it('answers masked phone and ID number only', async () => {
    const res = await postJson(loginUrl(), { identifier: 'unitadmin', password: unitAdmin.password });
    const text = await res.text();
    expect(text).not.toContain(unitAdmin.mobile);
    expect(text).not.toContain(unitAdmin.idNumber);
    const { user } = loginResponseSchema.parse(JSON.parse(text));
    expect(user.maskedMobile).toBe('138****0001');
    expect(user.maskedIdNumber).toBe(`5${'*'.repeat(16)}0`);
    expect(user.memberships).toEqual([
      { unitId: expect.any(String), unitName: '重庆市示例人民医院', unitKind: 'unit', role: 'unitAdmin' },
    ]);
  });

  it('finds the account whatever its case, and ignores surrounding spaces', async () => {
    expect((await loginAs('UnitAdmin', unitAdmin.password)).user.account).toBe('unitadmin');
    expect((await loginAs('  UNITADMIN ', unitAdmin.password)).user.account).toBe('unitadmin');
  });

  it('signs in by mobile number, also written with +86', async () => {
    for (const mobile of ['13800000001', '+8613800000001', '+86 138 0000 0001']) {
      expect((await loginAs(mobile, unitAdmin.password)).user.account).toBe('unitadmin');
    }
  });

  it('signs in by ID number, with an X check character in either case', async () => {
    expect((await loginAs(unitAdmin.idNumber, unitAdmin.password)).user.account).toBe('unitadmin');

    const at = new Date().toISOString();
    await server.platform.db
      .insertInto('users')
      .values({
        id: randomUUID(),
        account: 'xholder',
        name: '赵雪',
        id_number: '11010519491231002X',
        mobile: '13900000009',
        password_hash: await hashPassword('Xholder@2026'),
        created_at: at,
        updated_at: at,
      })
      .execute();
    expect((await loginAs('11010519491231002X', 'Xholder@2026')).user.account).toBe('xholder');
    expect((await loginAs('11010519491231002x', 'Xholder@2026')).user.account).toBe('xholder');
  });

  it('gives a new token at every login', async () => {
    const first = await loginAs('unitadmin', unitAdmin.password);
    const second = await loginAs('unitadmin', unitAdmin.password);
    expect(first.token).not.toBe(second.token);
  });

  it('answers a wrong password and an unknown account identically', async () => {
    const answers = [];
    for (const identifier of ['unitadmin', 'nobody_here', '13999999999', '500103198503120038']) {
      const res = await postJson(loginUrl(), { identifier, password: 'Wrong@2026' });
      const error = await expectError(res, 401, 'INVALID_CREDENTIALS');
      answers.push(error);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: '用户名/手机号码/身份证号或密码错误,请检查后重试',
    });
  });

  it('does not accept the password of another account', async () => {
    const deptAdmin = DEMO_ACCOUNTS.find((demo) => demo.account === 'deptadmin')!;
    await expectError(
      await postJson(loginUrl(), { identifier: 'unitadmin', password: deptAdmin.password }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('stores the password as an scrypt hash, never as typed', async () => {
    const users = await server.platform.db.selectFrom('users').select(['account', 'password_hash']).execute();
    for (const demo of DEMO_ACCOUNTS) {
      const stored = users.find((user) => user.account === demo.account)?.password_hash;
      expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
      expect(stored).not.toContain(demo.password);
    }
  });
});
