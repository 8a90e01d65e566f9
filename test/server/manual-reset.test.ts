import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { manualResetReceiptSchema, manualResetRequestViewSchema } from '../../src-shared/contracts/accounts';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  expectError,
  expectOk,
  getJson,
  idNumberBornOn,
  login,
  postJson,
  solveCaptcha,
  testClock,
  testConfig,
  wrongCaptcha,
} from './helpers';

const listSchema = z.object({ requests: z.array(manualResetRequestViewSchema) });
const handledSchema = z.object({ request: manualResetRequestViewSchema });
const newUser = DEMO_ACCOUNTS.find((demo) => demo.account === 'newuser')!;

describeEachDatabase('通过人工找回: file, list and handle', (fresh) => {
  let server: RunningServer;
  let office: string;
  const clock = testClock('2026-03-10T02:00:00.000Z');

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
    office = await login(server.url, 'cqadmin', 'Admin@2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  const file = async (fields: Record<string, unknown>) =>
    postJson(`${server.url}/api/reset/manual`, {
      name: '张伟',
      idNumber: newUser.idNumber,
      contact: '023-63001234',
      reason: '手机号已停用,无法接收短信验证码',
      ...(await solveCaptcha(server.url)),
      ...fields,
    });
  const list = (token: string, status?: string) =>
    getJson(`${server.url}/api/admin/manual-reset-requests${status ? `?status=${status}` : ''}`, token);
  const handle = (token: string, id: string, body: Record<string, unknown>) =>
    postJson(`${server.url}/api/admin/manual-reset-requests/${encodeURIComponent(id)}/handle`, body, token);

  it('files a request with a captcha and shows it to 职改办 with the matching account', async () => {
    const receipt = await expectOk(await file({ contact: '(023)63001234' }), manualResetReceiptSchema);
    expect(receipt).toEqual({ requestId: expect.any(String), submittedAt: '2026-03-10T02:00:00.000Z' });
    clock.advanceSeconds(1);
    const unmatched = await expectOk(
      await file({ name: '无账号', idNumber: idNumberBornOn('19700101', '901'), contact: '13912340000' }),
      manualResetReceiptSchema,
    );

    const { requests } = await expectOk(await list(office), listSchema);
    expect(requests).toEqual([
      {
        id: receipt.requestId,
        name: '张伟',
        idNumber: newUser.idNumber,
        contact: '023-63001234',
        reason: '手机号已停用,无法接收短信验证码',
        status: 'pending',
        submittedAt: receipt.submittedAt,
        matchedAccount: 'newuser',
        handledAt: null,
        handledBy: null,
        note: null,
      },
      expect.objectContaining({ id: unmatched.requestId, matchedAccount: null, contact: '13912340000' }),
    ]);
  });

  it('needs a solved captcha and checks the form', async () => {
    await expectError(await file(await wrongCaptcha(server.url)), 400, 'CAPTCHA_INVALID');
    const error = await expectError(
      await file({ name: 'x', idNumber: '123', contact: '110', reason: '忘了' }),
      400,
      'BAD_REQUEST',
    );
    expect(error.fields).toEqual({
      name: '姓名应与身份证一致,只能包含汉字和间隔号“·”',
      idNumber: '身份证号码应为18位',
      contact: '请输入11位手机号码或重庆固定电话(023-xxxxxxxx)',
      reason: '请说明找回原因(至少5个字)',
    });
  });

  it('lets only 职改办 list and handle requests', async () => {
    const { requestId } = await expectOk(await file({}), manualResetReceiptSchema);
    for (const [account, password] of [
      ['unitadmin', 'Unit@2026'],
      ['deptadmin', 'Dept@2026'],
      ['newuser', 'User@2026'],
    ] as const) {
      const token = await login(server.url, account, password);
      const listed = await expectError(await list(token), 403, 'FORBIDDEN');
      expect(listed.message).toBe('只有职改办管理员可以处理人工找回申请');
      await expectError(
        await handle(token, requestId, { outcome: 'resolved', note: '已核实' }),
        403,
        'FORBIDDEN',
      );
    }
    await expectError(await list('A'.repeat(43)), 401, 'UNAUTHENTICATED');
    await expectError(
      await handle('', requestId, { outcome: 'resolved', note: '已核实' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('records the outcome and who handled it, once', async () => {
    const { requestId } = await expectOk(await file({}), manualResetReceiptSchema);
    clock.advanceSeconds(30);
    const { request } = await expectOk(
      await handle(office, requestId, { outcome: 'resolved', note: '电话核实本人身份,已协助更换手机号' }),
      handledSchema,
    );
    expect(request).toMatchObject({
      id: requestId,
      status: 'resolved',
      handledBy: '陈静(cqadmin)',
      handledAt: clock.now().toISOString(),
      note: '电话核实本人身份,已协助更换手机号',
    });

    const again = await expectError(
      await handle(office, requestId, { outcome: 'rejected', note: '重复处理' }),
      409,
      'CONFLICT',
    );
    expect(again.message).toBe('该找回申请已处理,不能重复处理');

    const pending = (await expectOk(await list(office), listSchema)).requests;
    expect(pending.map((item) => item.id)).not.toContain(requestId);
    const resolved = (await expectOk(await list(office, 'resolved'), listSchema)).requests;
    expect(resolved.map((item) => item.id)).toEqual([requestId]);
    const all = (await expectOk(await list(office, 'all'), listSchema)).requests;
    expect(all.map((item) => item.id)).toContain(requestId);
    expect(all.length).toBeGreaterThan(resolved.length);
  });

  it('takes the id from the path and refuses what the contract does not name', async () => {
    await expectError(
      await handle(office, 'no-such-request', { outcome: 'rejected', note: '无此申请' }),
      404,
      'NOT_FOUND',
    );
    const { requestId } = await expectOk(await file({}), manualResetReceiptSchema);
    // An id in the body does not redirect the action to another request.
    const { request } = await expectOk(
      await handle(office, requestId, { id: 'no-such-request', outcome: 'rejected', note: '信息不符' }),
      handledSchema,
    );
    expect(request).toMatchObject({ id: requestId, status: 'rejected' });

    const bad = await expectError(
      await handle(office, requestId, { outcome: 'deleted', note: '' }),
      400,
      'BAD_REQUEST',
    );
    expect(bad.fields).toEqual({ outcome: '请选择处理结果', note: '请填写处理说明' });
    const extra = await expectError(await list(office, 'pending&unit=1'), 400, 'BAD_REQUEST');
    expect(extra.fields).toEqual({ unit: '不支持此字段' });
    await expectError(await list(office, 'closed'), 400, 'BAD_REQUEST');
  });
});
