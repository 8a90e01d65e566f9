// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppApi, LoginCredentials, Result, SessionState } from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { apiWith } from '../support/partial-api';

/**
 * The login screen against an in-memory app API (the renderer's boundary): what the user sees for
 * each answer the core can give. The real core and server are exercised by the e2e journeys.
 */
function fakeApi(
  answerLogin: (c: LoginCredentials) => Result<SessionState>,
): AppApi & { calls: LoginCredentials[] } {
  const calls: LoginCredentials[] = [];
  return apiWith({
    calls,
    getSession: async () => ({ ok: true, value: { user: null } }),
    getConnection: async () => ({
      ok: true,
      value: {
        serverUrl: 'http://127.0.0.1:1',
        mode: 'embedded',
        demo: true,
        reachable: true,
        nativePrint: false,
      },
    }),
    login: async (credentials) => {
      calls.push(credentials);
      return answerLogin(credentials);
    },
    logout: async () => ({ ok: true, value: { user: null } }),
  });
}

const user = {
  id: 'u1',
  account: 'unitadmin',
  name: '李明',
  maskedMobile: '138****0001',
  maskedIdNumber: '5****************0',
  memberships: [
    { unitId: 'h', unitName: '重庆市示例人民医院', unitKind: 'unit' as const, role: 'unitAdmin' as const },
  ],
};

afterEach(cleanup);

describe('LoginScreen', () => {
  it('uses the manual labels and no space inside 登录', async () => {
    render(<App api={fakeApi(() => ({ ok: true, value: { user } }))} />);
    expect(await screen.findByPlaceholderText('用户名/手机号码/身份证号')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '登录' })).toHaveTextContent(/^登录$/);
  });

  it('asks for both fields before calling the core', async () => {
    const api = fakeApi(() => ({ ok: true, value: { user } }));
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: '登录' }));
    expect(await screen.findByText('请输入用户名/手机号码/身份证号')).toBeInTheDocument();
    expect(await screen.findByText('请输入密码')).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  it('shows the core error and keeps what the user typed', async () => {
    const api = fakeApi(() => ({ ok: false, error: appError('INVALID_CREDENTIALS') }));
    render(<App api={api} />);
    await userEvent.type(await screen.findByPlaceholderText('用户名/手机号码/身份证号'), 'unitadmin');
    await userEvent.type(screen.getByLabelText('密码'), 'bad-password');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名/手机号码/身份证号或密码错误');
    expect(screen.getByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('unitadmin');
    expect(api.calls).toEqual([{ identifier: 'unitadmin', password: 'bad-password' }]);
  });

  it('shows name, role and unit after login, and logs out', async () => {
    render(<App api={fakeApi(() => ({ ok: true, value: { user } }))} />);
    await userEvent.type(await screen.findByPlaceholderText('用户名/手机号码/身份证号'), 'unitadmin');
    await userEvent.type(screen.getByLabelText('密码'), 'Unit@2026');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    const header = await screen.findByTestId('current-user');
    expect(header).toHaveTextContent('李明');
    expect(header).toHaveTextContent('单位管理员');
    expect(screen.getByText(/重庆市示例人民医院/)).toBeInTheDocument();
    expect(screen.getByText('演示数据')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '退出登录' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '登录' })).toBeInTheDocument());
  });
});
