// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualResetRequestView } from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi, titleOfficeUser } from './fake-app-api';

/**
 * A signed-in call that finds the session over opens the re-login modal over the current screen,
 * which keeps its state; here the note typed in the 处理 dialog of a 人工找回 request.
 */

afterEach(cleanup);

const request: ManualResetRequestView = {
  id: 'req-1',
  name: '赵六',
  idNumber: '360426199101010071',
  contact: '13900001111',
  reason: '原手机号已停用,无法接收验证码',
  status: 'pending',
  submittedAt: '2026-03-02T01:30:00.000Z',
  matchedAccount: 'zhaoliu',
  handledAt: null,
  handledBy: null,
  note: null,
};

/** rc-util gives every dialog the same aria-labelledby id under test, so find the dialog by its title. */
function dialogOf(title: HTMLElement): HTMLElement {
  const dialog = title.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the title is not inside a dialog');
  return dialog;
}

describe('session expiry', () => {
  it('asks to log in again over the screen and keeps what was typed', async () => {
    let sessionValid = true;
    const handled: unknown[] = [];
    const logins: unknown[] = [];
    const api = fakeApi(
      {
        listManualResetRequests: async () => ({ ok: true, value: { requests: [request] } }),
        handleManualResetRequest: async (input: unknown) => {
          if (!sessionValid) return { ok: false, error: appError('UNAUTHENTICATED') };
          handled.push(input);
          return { ok: true, value: { request: { ...request, status: 'resolved' } } };
        },
        login: async (credentials: unknown) => {
          logins.push(credentials);
          sessionValid = true;
          return { ok: true, value: { user: titleOfficeUser } };
        },
      },
      { user: titleOfficeUser },
    );
    // Without motion, a closed modal leaves the DOM at once (jsdom never ends a CSS transition).
    render(<App api={api} />);

    await userEvent.click(await screen.findByRole('menuitem', { name: '人工找回申请' }));
    const row = (await screen.findByText('赵六')).closest('tr') ?? document.body;
    expect(row).toHaveTextContent('3****************1');
    expect(row).toHaveTextContent('139****1111');
    // getByRole walks computed styles and is slow over a table in jsdom; the text finds the button too.
    await userEvent.click(within(row).getByText('处理'));
    const dialog = dialogOf(await screen.findByText('处理人工找回申请'));
    expect(within(dialog).getByText('360426199101010071')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText('驳回'));
    await userEvent.type(within(dialog).getByLabelText('处理说明'), '请本人到窗口办理');

    sessionValid = false;
    await userEvent.click(within(dialog).getByRole('button', { name: /确定/ }));
    const relogin = dialogOf(await screen.findByText('登录已失效,请重新登录'));
    expect(within(dialog).getByLabelText('处理说明')).toHaveValue('请本人到窗口办理');
    expect(within(relogin).getByPlaceholderText('用户名/手机号码/身份证号')).toHaveValue('cqadmin');

    await userEvent.type(within(relogin).getByLabelText('密码'), 'Admin@2026');
    await userEvent.click(within(relogin).getByRole('button', { name: '登录' }));
    await waitFor(() => expect(screen.queryByText('登录已失效,请重新登录')).not.toBeInTheDocument());
    expect(logins).toEqual([{ identifier: 'cqadmin', password: 'Admin@2026' }]);
    expect(within(dialog).getByLabelText('处理说明')).toHaveValue('请本人到窗口办理');

    await userEvent.click(within(dialog).getByRole('button', { name: /确定/ }));
    await waitFor(() =>
      expect(handled).toEqual([{ id: 'req-1', outcome: 'rejected', note: '请本人到窗口办理' }]),
    );
  });
});
