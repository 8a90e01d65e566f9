// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListApplicationsRequest, SessionUser } from '../../src-shared/contracts';
import { deptAdmin, listDouble, syncStatus, unitAdmin } from './application-review-fixtures';
import { openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/**
 * A reload (the page rendered again in the same window, its sessionStorage kept) lands where the
 * person was: the page, and the review list's filter, search, sort and page.
 */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const idle = async () => ({ ok: true, value: syncStatus() }) as const;

function openApp(user: SessionUser) {
  const list = listDouble({ total: 45 });
  renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user }));
  return list;
}

/** The page going away, as on a reload: unmounted, with the window's storage kept. */
function reload() {
  cleanup();
  resetAppEvents();
}

const lastRequest = (requests: ListApplicationsRequest[]) => requests[requests.length - 1];
const SEARCH = '请输入姓名、申请书编号或身份证号(支持拼音首字母)';

describe('a reload', () => {
  it('lands on the review list the person left, with its filter, search, sort and page', async () => {
    const first = openApp(unitAdmin);
    await openReview();
    await userEvent.click(await screen.findByText('单位退回(3)'));
    await userEvent.type(screen.getByPlaceholderText(SEARCH), '申报人{Enter}');
    await userEvent.click(screen.getByRole('columnheader', { name: /提交次数/ }));
    await userEvent.click(await screen.findByTitle('2'));
    const left = {
      state: 'unitReturned',
      search: '申报人',
      sortField: 'submitCount',
      sortOrder: 'ascend',
      page: 2,
    };
    await waitFor(() => expect(lastRequest(first.requests)).toMatchObject(left));

    reload();
    const second = openApp(unitAdmin);
    expect(await screen.findByPlaceholderText(SEARCH)).toHaveValue('申报人');
    await waitFor(() => expect(second.requests).toHaveLength(1));
    expect(second.requests[0]).toMatchObject(left);
    expect(screen.getByRole('menuitem', { name: '单位中心' }).closest('li')).toHaveClass(
      'ant-menu-item-selected',
    );
  });

  it('lands on the home page the person left', async () => {
    openApp(unitAdmin);
    await userEvent.click(await screen.findByRole('menuitem', { name: '设置' }));
    reload();
    openApp(unitAdmin);
    await waitFor(() =>
      expect(screen.getByRole('menuitem', { name: '设置' }).closest('li')).toHaveClass(
        'ant-menu-item-selected',
      ),
    );
  });

  it('keeps nothing for someone else signed in in the same window, nor after logging out', async () => {
    openApp(unitAdmin);
    await openReview();
    await userEvent.click(await screen.findByText('单位退回(3)'));

    reload();
    const other = openApp(deptAdmin);
    expect(await screen.findByText('您好,张伟')).toBeInTheDocument();
    expect(other.requests).toEqual([]);

    reload();
    openApp(deptAdmin);
    await userEvent.click(await screen.findByRole('button', { name: '退出登录' }));
    await waitFor(() => expect(window.sessionStorage.length).toBe(0));
  });
});
