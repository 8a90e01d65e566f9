// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  RegisterBasicRequest,
  RegisterBasicResponse,
  RegisterVerifyResponse,
  Result,
  SendSmsCodeRequest,
  SendSmsCodeResponse,
} from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi } from './fake-app-api';

/** 用户注册 (manual 2.2) against an in-memory app API: field rules as typed, server answers, the steps. */

afterEach(cleanup);

const sent: SendSmsCodeRequest[] = [];
const registered: RegisterBasicRequest[] = [];

function registrationApi(
  answers: {
    sms?: () => Result<SendSmsCodeResponse>;
    basic?: () => Result<RegisterBasicResponse>;
    verify?: () => Result<RegisterVerifyResponse>;
  } = {},
) {
  sent.length = 0;
  registered.length = 0;
  return fakeApi({
    sendSmsCode: async (request: SendSmsCodeRequest) => {
      sent.push(request);
      return (
        answers.sms?.() ?? {
          ok: true,
          value: { maskedMobile: '139****8000', cooldownSeconds: 60, expiresInSeconds: 300 },
        }
      );
    },
    registerBasic: async (request: RegisterBasicRequest) => {
      registered.push(request);
      return (
        answers.basic?.() ?? {
          ok: true,
          value: {
            ticket: 'ticket-basic-0123456789',
            name: '张小飞',
            maskedIdNumber: '3****************1',
            expiresInSeconds: 600,
          },
        }
      );
    },
    registerVerify: async () =>
      answers.verify?.() ?? { ok: true, value: { account: 'zhang_fei', name: '张小飞' } },
  });
}

async function openRegistration(api: ReturnType<typeof registrationApi>) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole('button', { name: '用户注册' }));
  await screen.findByText('新用户注册');
}

const field = (label: string) => screen.getByLabelText(label);

/** Shows the field's message after typing, without submitting. */
async function expectMessage(label: string, typed: string, message: string) {
  await userEvent.type(field(label), typed);
  expect(await screen.findByText(message)).toBeInTheDocument();
}

async function fillValidBasics() {
  await userEvent.type(field('用户账号'), 'zhang_fei');
  await userEvent.type(field('登录密码'), 'Zhang@2026');
  await userEvent.type(field('确认密码'), 'Zhang@2026');
  await userEvent.type(field('用户姓名'), '张小飞');
  await userEvent.type(field('身份证号码'), '360426199101010071');
  await userEvent.type(field('手机号'), '13900008000');
}

async function getSmsCode() {
  await userEvent.type(field('验证码'), 'ab12');
  await userEvent.click(screen.getByRole('button', { name: '获取短信验证码' }));
  await screen.findByText(/短信验证码已发送至139\*\*\*\*8000/);
  await userEvent.type(field('短信验证码'), '123456');
}

describe('用户注册', () => {
  it('has the manual fields and placeholders', async () => {
    await openRegistration(registrationApi());
    for (const placeholder of [
      '请输入以字母开头的4-30位字母、数字或下划线的组合',
      '请输入8-20位大写字母,小写字母,数字和特殊字符其中任意三种组合',
      '请输入确认密码',
      '请输入您的真实姓名',
      '请输入您的身份证号码',
      '请输入您的手机号码',
      '请输入图片验证码',
      '请输入短信验证码',
    ]) {
      expect(screen.getByPlaceholderText(placeholder)).toBeInTheDocument();
    }
    expect(screen.getByText('请使用本人身份证信息注册,一经绑定将不能修改')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: /我已阅读并同意《重庆市政务服务网统一认证中心注册协议》/ }),
    ).not.toBeChecked();
    expect(screen.getByRole('img', { name: '图片验证码,点击刷新' })).toHaveAttribute('data-captcha-id');
  });

  it('says what is wrong with each field as it is typed', async () => {
    await openRegistration(registrationApi());
    await expectMessage('用户账号', '1abc', '用户账号须以字母开头,由4-30位字母、数字或下划线组成');
    await expectMessage(
      '登录密码',
      'abcdefgh1',
      '登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种',
    );
    await expectMessage('确认密码', 'abcdefgh2', '两次输入的密码不一致');
    await expectMessage('身份证号码', '36042619910102009X', '身份证号码校验位错误,请核对最后一位');
    await expectMessage('手机号', '12345678901', '手机号码应以13-19开头');
    expect(field('用户账号')).toHaveValue('1abc');
    expect(field('身份证号码')).toHaveValue('36042619910102009X');
  });

  it('opens the agreement and ticks the box from it', async () => {
    await openRegistration(registrationApi());
    await userEvent.click(screen.getByRole('link', { name: '《重庆市政务服务网统一认证中心注册协议》' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('二、账号注册与实名认证')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '同意并继续' }));
    expect(screen.getByRole('checkbox', { name: /我已阅读并同意/ })).toBeChecked();
  });

  it('checks the mobile and the captcha before sending a code, then counts down', async () => {
    const api = registrationApi();
    await openRegistration(api);
    await userEvent.click(await screen.findByRole('button', { name: '获取短信验证码' }));
    expect(await screen.findByText('请输入手机号码')).toBeInTheDocument();
    expect(await screen.findByText('请输入图片验证码')).toBeInTheDocument();
    expect(sent).toEqual([]);

    const firstCaptcha = screen
      .getByRole('img', { name: '图片验证码,点击刷新' })
      .getAttribute('data-captcha-id');
    await userEvent.type(field('手机号'), '13900008000');
    await userEvent.type(field('验证码'), 'AB12');
    await userEvent.click(await screen.findByRole('button', { name: '获取短信验证码' }));
    expect(await screen.findByRole('button', { name: '60秒后重新获取' })).toBeDisabled();
    expect(sent).toEqual([
      { purpose: 'register', mobile: '13900008000', captchaId: firstCaptcha, captchaAnswer: 'AB12' },
    ]);
    // The send spent the captcha: a new image, an empty answer.
    await waitFor(() =>
      expect(
        screen.getByRole('img', { name: '图片验证码,点击刷新' }).getAttribute('data-captcha-id'),
      ).not.toBe(firstCaptcha),
    );
    expect(field('验证码')).toHaveValue('');
    expect(field('手机号')).toHaveValue('13900008000');
  });

  it('counts down from retryAfterSeconds when the server says too frequent', async () => {
    await openRegistration(
      registrationApi({
        sms: () => ({
          ok: false,
          error: appError('SMS_TOO_FREQUENT', undefined, undefined, { retryAfterSeconds: 2 }),
        }),
      }),
    );
    await userEvent.type(field('手机号'), '13900008000');
    await userEvent.type(field('验证码'), 'ab12');
    await userEvent.click(await screen.findByRole('button', { name: '获取短信验证码' }));
    expect(await screen.findByRole('button', { name: '2秒后重新获取' })).toBeDisabled();
    expect(screen.getByText('短信发送过于频繁,请稍后再试')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: '获取短信验证码' })).toBeEnabled(), {
      timeout: 4000,
    });
  });

  it('puts a wrong captcha on the captcha field', async () => {
    await openRegistration(
      registrationApi({ sms: () => ({ ok: false, error: appError('CAPTCHA_INVALID') }) }),
    );
    await userEvent.type(field('手机号'), '13900008000');
    await userEvent.type(field('验证码'), 'zzzz');
    await userEvent.click(await screen.findByRole('button', { name: '获取短信验证码' }));
    expect(await screen.findByText('图片验证码错误或已过期,请重新输入')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '获取短信验证码' })).toBeEnabled();
    expect(field('手机号')).toHaveValue('13900008000');
  });

  it('shows server field errors on their fields and keeps what was typed', async () => {
    await openRegistration(
      registrationApi({
        basic: () => ({
          ok: false,
          error: appError('CONFLICT', undefined, {
            account: '该用户账号已被注册',
            idNumber: '该身份证号码已注册账号',
          }),
        }),
      }),
    );
    await fillValidBasics();
    await getSmsCode();
    await userEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意/ }));
    await userEvent.click(screen.getByRole('button', { name: '注册' }));
    expect(await screen.findByText('该用户账号已被注册')).toBeInTheDocument();
    expect(screen.getByText('该身份证号码已注册账号')).toBeInTheDocument();
    expect(field('用户账号')).toHaveValue('zhang_fei');
    expect(field('登录密码')).toHaveValue('Zhang@2026');
    expect(field('短信验证码')).toHaveValue('123456');
    expect(registered[0]).toMatchObject({
      account: 'zhang_fei',
      idType: '身份证',
      agreed: true,
      smsCode: '123456',
    });
  });

  it('asks for the agreement before registering', async () => {
    await openRegistration(registrationApi());
    await fillValidBasics();
    await getSmsCode();
    await userEvent.click(screen.getByRole('button', { name: '注册' }));
    expect(
      await screen.findByText('请阅读并同意《重庆市政务服务网统一认证中心注册协议》'),
    ).toBeInTheDocument();
    expect(registered).toEqual([]);
  });

  it('goes back from a failed 实名认证 with everything typed, then registers and logs in', async () => {
    let verifications = 0;
    const api = registrationApi({
      verify: () =>
        ++verifications === 1
          ? { ok: false, error: appError('REAL_NAME_FAILED', '姓名与身份证号码不一致') }
          : { ok: true, value: { account: 'zhang_fei', name: '张小飞' } },
    });
    await openRegistration(api);
    await fillValidBasics();
    await getSmsCode();
    await userEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意/ }));
    await userEvent.click(screen.getByRole('button', { name: '注册' }));

    expect(await screen.findByText('3****************1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '开始实名认证' }));
    expect(await screen.findByText('姓名与身份证号码不一致')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '返回修改基本信息' }));

    expect(field('用户账号')).toHaveValue('zhang_fei');
    expect(field('用户姓名')).toHaveValue('张小飞');
    expect(field('身份证号码')).toHaveValue('360426199101010071');
    expect(field('手机号')).toHaveValue('13900008000');
    expect(field('短信验证码')).toHaveValue('');

    await userEvent.clear(field('用户姓名'));
    await userEvent.type(field('用户姓名'), '张晓飞');
    // The countdown of the first send still runs; the user types the code received then.
    await userEvent.type(field('短信验证码'), '654321');
    await userEvent.click(screen.getByRole('button', { name: '注册' }));
    await userEvent.click(await screen.findByRole('button', { name: '开始实名认证' }));
    expect(await screen.findByText(/您的账号 zhang_fei 已注册并通过实名认证/)).toBeInTheDocument();
    expect(registered[1]).toMatchObject({ name: '张晓飞', smsCode: '654321' });

    await userEvent.click(screen.getByRole('button', { name: '立即登录' }));
    expect(await screen.findByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('zhang_fei');
  });

  it('offers to start again when the ticket expired', async () => {
    await openRegistration(
      registrationApi({ verify: () => ({ ok: false, error: appError('TICKET_INVALID') }) }),
    );
    await fillValidBasics();
    await getSmsCode();
    await userEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意/ }));
    await userEvent.click(screen.getByRole('button', { name: '注册' }));
    await userEvent.click(await screen.findByRole('button', { name: '开始实名认证' }));
    expect(await screen.findByText('操作已过期,请从第一步重新开始')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '重新开始' }));
    expect(field('用户账号')).toHaveValue('zhang_fei');
  });

  it('returns to login', async () => {
    await openRegistration(registrationApi());
    await userEvent.click(screen.getByRole('button', { name: '返回登录' }));
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
  });
});
