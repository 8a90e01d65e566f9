// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../src-shared/contracts';
import type { LocalDataSummary, Result, SessionState } from '../../src-shared/contracts';
import { unitAdmin } from './application-review-fixtures';
import { dialogOf, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** 退出并清除本地数据: confirmed first, then the cache is cleared and the login screen returns. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

function setUp(
  answer: Result<SessionState> = { ok: true, value: { user: null } },
  summary: LocalDataSummary = { unsentDecisions: 0, commentDrafts: 0, commentPhrasesPending: false },
) {
  const calls: string[] = [];
  renderApp(
    fakeApi(
      {
        logoutAndClearLocalData: async () => {
          calls.push('logoutAndClearLocalData');
          return answer;
        },
        getLocalDataSummary: async () => ({ ok: true, value: summary }) as const,
        logout: async () => {
          calls.push('logout');
          return { ok: true, value: { user: null } } as const;
        },
      },
      { user: unitAdmin },
    ),
  );
  return calls;
}

async function chooseClear(): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole('button', { name: '更多退出方式' }));
  await userEvent.click(await screen.findByRole('menuitem', { name: '退出并清除本地数据' }));
  const dialog = dialogOf(await screen.findByText('退出并清除本地数据', { selector: '.ant-modal-title' }));
  expect(
    within(dialog).getByText('将删除本机缓存的申报书和未提交的审核意见草稿,确定退出并清除本地数据吗?'),
  ).toBeInTheDocument();
  return dialog;
}

describe('退出并清除本地数据', () => {
  it('clears after confirmation and returns to login', async () => {
    const calls = setUp();
    const dialog = await chooseClear();
    await userEvent.click(within(dialog).getByRole('button', { name: '确定' }));
    expect(await screen.findByPlaceholderText('用户名/手机号码/身份证号')).toBeInTheDocument();
    expect(calls[0]).toBe('logoutAndClearLocalData');
  });

  it('warns before deleting decisions not yet sent, drafts, or a 常用意见 edit not synced', async () => {
    setUp(undefined, { unsentDecisions: 2, commentDrafts: 5, commentPhrasesPending: false });
    const dialog = await chooseClear();
    expect(
      await within(dialog).findByText('本机有2个审核结果尚未同步到服务器,清除后将丢失'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('建议先连接网络并点击“立即同步”,待同步完成后再清除。'),
    ).toBeInTheDocument();
    cleanup();

    setUp(undefined, { unsentDecisions: 0, commentDrafts: 5, commentPhrasesPending: false });
    const again = await chooseClear();
    expect(
      await within(again).findByText('本机有5条修改意见草稿尚未随审核结果提交,清除后将丢失。'),
    ).toBeInTheDocument();
    expect(within(again).queryByText(/尚未同步到服务器/)).toBeNull();
    cleanup();

    setUp(undefined, { unsentDecisions: 0, commentDrafts: 0, commentPhrasesPending: true });
    const phrases = await chooseClear();
    expect(
      await within(phrases).findByText('本机对常用意见的修改尚未同步到服务器,清除后将丢失。'),
    ).toBeInTheDocument();
  });

  it('does nothing when cancelled', async () => {
    const calls = setUp();
    const dialog = await chooseClear();
    await userEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() =>
      expect(
        screen.queryByText('将删除本机缓存的申报书和未提交的审核意见草稿,确定退出并清除本地数据吗?'),
      ).not.toBeVisible(),
    );
    expect(calls).toEqual([]);
    expect(screen.getByTestId('current-user')).toHaveTextContent('李娜');
  });

  it('stays signed in and says why when clearing fails', async () => {
    const calls = setUp({
      ok: false,
      error: appError('SERVER_ERROR', '本地数据清除失败,请关闭其他窗口后重试'),
    });
    const dialog = await chooseClear();
    await userEvent.click(within(dialog).getByRole('button', { name: '确定' }));
    expect(await within(dialog).findByText('本地数据清除失败,请关闭其他窗口后重试')).toBeInTheDocument();
    expect(calls).toEqual(['logoutAndClearLocalData']);
    expect(screen.getByTestId('current-user')).toHaveTextContent('李娜');
  });
});
