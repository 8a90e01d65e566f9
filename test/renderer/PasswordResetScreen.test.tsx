// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppApi, ResetStartResponse } from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi } from './fake-app-api';

/** 重置密码 (manual 2.3) against an in-memory app API: the five steps, expired tickets, 刷脸, 人工找回. */

afterEach(cleanup);

const start: ResetStartResponse = {
  ticket: 'ticket-start-0123456789',
  maskedAccount: 'z***i',
  maskedMobile: '150****5655',
  maskedName: '**飞',
  maskedIdNumber: '5****************9',
  expiresInSeconds: 600,
};

function resetApi(overrides: Partial<AppApi> = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const log =
    <T,>(method: string, value: T) =>
    async (input?: unknown) => {
      calls.push({ method, input });
      return { ok: true as const, value };
    };
  const api = fakeApi({
    resetStart: log('resetStart', start),
    resetChooseMethod: log('resetChooseMethod', {
      ticket: 'ticket-method-0123456789',
      maskedMobile: '150****5655',
      expiresInSeconds: 600,
    }),
    sendSmsCode: log('sendSmsCode', {
      maskedMobile: '150****5655',
      cooldownSeconds: 60,
      expiresInSeconds: 300,
    }),
    resetVerify: log('resetVerify', { ticket: 'ticket-verify-0123456789', expiresInSeconds: 600 }),
    resetPassword: log('resetPassword', { account: 'zhang_fei' }),
    submitManualResetRequest: log('submitManualResetRequest', {
      requestId: 'MR-20260302-0001',
      submittedAt: '2026-03-02T01:30:00.000Z',
    }),
    ...overrides,
  } as Partial<AppApi>);
  return { api, calls };
}

async function openReset(api: AppApi) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByText('忘记密码?'));
}

async function confirmAccount() {
  await userEvent.type(await screen.findByPlaceholderText('用户账号/手机号码/身份证号'), 'zhang_fei');
  await userEvent.type(screen.getByPlaceholderText('请输入图片验证码'), 'ab12');
  await userEvent.click(screen.getByText('下一步'));
  await screen.findByText('您正在为【z***i】找回密码,请选择验证方式');
}

describe('重置密码', () => {
  it('resets by phone through the five steps and returns to login with the account', async () => {
    const { api, calls } = resetApi();
    await openReset(api);
    await confirmAccount();
    expect(screen.getByText('如果您的手机150****5655还在正常使用请选择此方式')).toBeInTheDocument();
    expect(screen.getByText('您的姓名:**飞,身份证号:5****************9')).toBeInTheDocument();
    await userEvent.click(screen.getByText('手机找回'));

    expect(await screen.findByText('您正在使用手机进行校验')).toBeInTheDocument();
    expect(screen.getByLabelText('手机号')).toHaveValue('150****5655');
    await userEvent.type(screen.getByLabelText('验证码'), 'cd34');
    await userEvent.click(screen.getByText('获取短信验证码'));
    expect(await screen.findByText('60秒后重新获取')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('短信验证码'), '123456');
    await userEvent.click(screen.getByText('下一步'));

    await userEvent.type(await screen.findByLabelText('新密码'), 'abcdefgh1');
    expect(
      await screen.findByText('登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种'),
    ).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('新密码'));
    await userEvent.type(screen.getByLabelText('新密码'), 'Zhang@2027');
    await userEvent.type(screen.getByLabelText('确认密码'), 'Zhang@2027');
    await userEvent.click(screen.getByText('下一步'));

    expect(await screen.findByText('密码重置成功')).toBeInTheDocument();
    await userEvent.click(screen.getAllByText('返回登录').at(-1) ?? document.body);
    expect(await screen.findByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('zhang_fei');

    expect(calls.map((c) => c.method)).toEqual([
      'resetStart',
      'resetChooseMethod',
      'sendSmsCode',
      'resetVerify',
      'resetPassword',
    ]);
    expect(calls[2]?.input).toMatchObject({
      purpose: 'reset',
      ticket: 'ticket-method-0123456789',
      captchaAnswer: 'cd34',
    });
    expect(calls[3]?.input).toEqual({ ticket: 'ticket-method-0123456789', smsCode: '123456' });
    expect(calls[4]?.input).toEqual({
      ticket: 'ticket-verify-0123456789',
      password: 'Zhang@2027',
      confirmPassword: 'Zhang@2027',
    });
  });

  it('puts a wrong captcha on its field and keeps the account', async () => {
    const { api } = resetApi({
      resetStart: async () => ({ ok: false, error: appError('CAPTCHA_INVALID') }),
    });
    await openReset(api);
    await userEvent.type(await screen.findByPlaceholderText('用户账号/手机号码/身份证号'), 'zhang_fei');
    await userEvent.type(screen.getByPlaceholderText('请输入图片验证码'), 'zzzz');
    await userEvent.click(screen.getByText('下一步'));
    expect(await screen.findByText('图片验证码错误或已过期,请重新输入')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('用户账号/手机号码/身份证号')).toHaveValue('zhang_fei');
    expect(screen.getByPlaceholderText('请输入图片验证码')).toHaveValue('');
  });

  it('offers a restart when a ticket expired, keeping the account typed', async () => {
    const { api } = resetApi({
      resetChooseMethod: async () => ({ ok: false, error: appError('TICKET_INVALID') }),
    });
    await openReset(api);
    await confirmAccount();
    await userEvent.click(screen.getByText('手机找回'));
    expect(await screen.findByText('操作已过期,请从第一步重新开始')).toBeInTheDocument();
    await userEvent.click(screen.getByText('重新开始'));
    expect(await screen.findByPlaceholderText('用户账号/手机号码/身份证号')).toHaveValue('zhang_fei');
  });

  it('explains that 刷脸找回 is only in the mobile app', async () => {
    const { api, calls } = resetApi();
    await openReset(api);
    await confirmAccount();
    await userEvent.click(screen.getByText('刷脸找回'));
    const dialog = (await screen.findByText(/仅支持在“重庆市政务服务”手机应用\(渝快办\)中进行/)).closest(
      '[role="dialog"]',
    ) as HTMLElement;
    await userEvent.click(within(dialog).getByText('知道了'));
    expect(calls.map((c) => c.method)).toEqual(['resetStart']);
  });

  it('files a 人工找回 request and shows its number', async () => {
    const { api, calls } = resetApi();
    await openReset(api);
    await confirmAccount();
    await userEvent.click(screen.getByText('通过人工找回>>'));
    await userEvent.type(await screen.findByLabelText('姓名'), '张小飞');
    await userEvent.type(screen.getByLabelText('身份证号'), '36042619910102009X');
    expect(await screen.findByText('身份证号码校验位错误,请核对最后一位')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('身份证号'));
    await userEvent.type(screen.getByLabelText('身份证号'), '360426199101010071');
    await userEvent.type(screen.getByLabelText('联系电话'), '023-68881234');
    await userEvent.type(screen.getByLabelText('找回原因'), '原手机号已停用,无法接收短信');
    await userEvent.type(screen.getByLabelText('验证码'), 'ef56');
    await userEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('MR-20260302-0001')).toBeInTheDocument();
    expect(screen.getByText(/职改办工作人员将核实您的身份后/)).toBeInTheDocument();
    expect(calls.at(-1)?.input).toMatchObject({
      name: '张小飞',
      idNumber: '360426199101010071',
      contact: '023-68881234',
      captchaAnswer: 'ef56',
    });
  });
});
