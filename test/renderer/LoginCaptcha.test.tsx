// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, LoginCredentials, Result, SessionState } from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi, titleOfficeUser } from './fake-app-api';

/** Login after repeated wrong passwords: the captcha row, lockout and rate-limit messages. */

afterEach(cleanup);

function loginApi(answers: Result<SessionState>[]) {
  const calls: LoginCredentials[] = [];
  const api = fakeApi({
    login: async (credentials: LoginCredentials) => {
      calls.push(credentials);
      return answers.shift() ?? { ok: true, value: { user: titleOfficeUser } };
    },
  });
  return { api, calls };
}

const failure = (error: AppError): Result<SessionState> => ({ ok: false, error });

async function attempt(identifier: string, password: string) {
  const id = await screen.findByPlaceholderText('用户名/手机号码/身份证号');
  await userEvent.clear(id);
  await userEvent.type(id, identifier);
  await userEvent.clear(screen.getByLabelText('密码'));
  await userEvent.type(screen.getByLabelText('密码'), password);
  await userEvent.click(screen.getByRole('button', { name: /登录/ }));
}

describe('登录 with captcha', () => {
  it('shows the captcha after an error with captchaRequired and sends it with the next attempt', async () => {
    const { api, calls } = loginApi([
      failure(appError('INVALID_CREDENTIALS', undefined, undefined, { captchaRequired: true })),
      failure(appError('CAPTCHA_INVALID')),
    ]);
    render(<App api={api} />);
    expect(screen.queryByPlaceholderText('请输入图片验证码')).not.toBeInTheDocument();

    await attempt('cqadmin', 'Wrong@2026');
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名/手机号码/身份证号或密码错误');
    const image = await screen.findByRole('img', { name: '图片验证码,点击刷新' });
    const firstId = image.getAttribute('data-captcha-id');
    expect(screen.getByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('cqadmin');
    expect(screen.getByLabelText('密码')).toHaveValue('Wrong@2026');

    // Without an answer the form asks for one before calling the core.
    await userEvent.click(screen.getByRole('button', { name: /登录/ }));
    expect(await screen.findByText('请输入图片验证码')).toBeInTheDocument();
    expect(calls).toHaveLength(1);

    await userEvent.type(screen.getByPlaceholderText('请输入图片验证码'), 'wxyz');
    await userEvent.click(screen.getByRole('button', { name: /登录/ }));
    expect(await screen.findByText('图片验证码错误或已过期,请重新输入')).toBeInTheDocument();
    expect(calls[1]).toEqual({
      identifier: 'cqadmin',
      password: 'Wrong@2026',
      captchaId: firstId,
      captchaAnswer: 'wxyz',
    });
    // The attempt spent the captcha: a new image, an empty answer, the rest kept.
    await waitFor(() =>
      expect(
        screen.getByRole('img', { name: '图片验证码,点击刷新' }).getAttribute('data-captcha-id'),
      ).not.toBe(firstId),
    );
    expect(screen.getByPlaceholderText('请输入图片验证码')).toHaveValue('');
    expect(screen.getByLabelText('密码')).toHaveValue('Wrong@2026');

    await userEvent.type(screen.getByPlaceholderText('请输入图片验证码'), 'abcd');
    await userEvent.click(screen.getByRole('button', { name: /登录/ }));
    expect(await screen.findByTestId('current-user')).toHaveTextContent('王芳');
  });

  it('shows the captcha when the server answers CAPTCHA_REQUIRED', async () => {
    const { api } = loginApi([failure(appError('CAPTCHA_REQUIRED'))]);
    render(<App api={api} />);
    await attempt('cqadmin', 'Admin@2026');
    expect(await screen.findByRole('img', { name: '图片验证码,点击刷新' })).toBeInTheDocument();
    expect(await screen.findByText('请输入图片验证码')).toBeInTheDocument();
  });

  it('says until when an account is locked', async () => {
    const { api } = loginApi([
      failure(
        appError('ACCOUNT_LOCKED', '密码错误次数过多,账号已锁定至 14:35,请稍后再试', undefined, {
          captchaRequired: true,
        }),
      ),
    ]);
    render(<App api={api} />);
    await attempt('cqadmin', 'Wrong@2026');
    expect(await screen.findByRole('alert')).toHaveTextContent('账号已锁定至 14:35');
    expect(screen.getByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('cqadmin');
  });

  it('says how long to wait when rate limited', async () => {
    const { api } = loginApi([
      failure(appError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds: 30 })),
    ]);
    render(<App api={api} />);
    await attempt('cqadmin', 'Admin@2026');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('操作过于频繁,请稍后再试');
    expect(alert).toHaveTextContent('请30秒后再试');
  });

  it('links to 用户注册 and 重置密码 and back', async () => {
    const { api } = loginApi([]);
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: '忘记密码?' }));
    expect(await screen.findByPlaceholderText('用户账号/手机号码/身份证号')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '返回登录' }));
    await userEvent.click(await screen.findByRole('button', { name: '用户注册' }));
    expect(await screen.findByText('新用户注册')).toBeInTheDocument();
  });
});
