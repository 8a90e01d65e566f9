// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListApplicationsRequest, ListApplicationsResponse, Result } from '../../src-shared/contracts';
import {
  deptAdmin,
  FULL_ID,
  listDouble,
  MASKED_ID,
  row,
  syncStatus,
  unitAdmin,
} from './application-review-fixtures';
import { SEARCH_DEBOUNCE_MS } from '../../src-renderer/features/application-review/review-list-store';
import { openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** 职称申报审核: the list by status with counts, search, sort, pages, and staying fresh after a sync. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const idle = async () => ({ ok: true, value: syncStatus() }) as const;

function header(title: string): HTMLElement {
  return screen.getByRole('columnheader', { name: new RegExp(title) });
}

function lastRequest(requests: ListApplicationsRequest[]): ListApplicationsRequest | undefined {
  return requests[requests.length - 1];
}

describe('职称申报审核 list', () => {
  it('opens from 单位中心 on 待单位审核 for a 单位管理员, with counts per status and masked ID numbers', async () => {
    const list = listDouble({ total: 3 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();

    expect(await screen.findByText('待单位审核(12)')).toBeInTheDocument();
    expect(screen.getByText('全部(28)')).toBeInTheDocument();
    for (const label of [
      '单位退回(3)',
      '单位公示中(2)',
      '待主管部门审核(5)',
      '主管部门退回(1)',
      '待评委会受理(4)',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByText('已撤回(1)')).toBeInTheDocument();
    expect(list.requests[0]).toEqual({
      unitId: 'unit-h',
      state: 'unitReview',
      search: '',
      filterUnitIds: [],
      sortField: 'submittedAt',
      sortOrder: 'descend',
      page: 1,
      pageSize: 20,
    });

    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      // The unit picks approved applications here for batch printing.
      '',
      '申请书编号',
      '姓名',
      '申请资格',
      '申报类型',
      '状态',
      '提交时间',
      '提交次数',
      '操作',
    ]);
    const first = (await screen.findByText('申报人1')).closest('tr') ?? document.body;
    expect(first).toHaveTextContent(MASKED_ID);
    expect(first).toHaveTextContent('2026-03-02 09:30');
    expect(first).toHaveTextContent('卫生/内科学/主任医师');
    expect(screen.queryByText(FULL_ID)).toBeNull();
    expect(screen.getByText('共 3 条')).toBeInTheDocument();

    await userEvent.click(screen.getByText('单位退回(3)'));
    await waitFor(() => expect(lastRequest(list.requests)).toMatchObject({ state: 'unitReturned', page: 1 }));
    await userEvent.click(screen.getByText('全部(28)'));
    await waitFor(() => expect(lastRequest(list.requests)).toMatchObject({ state: 'all' }));
  });

  it('starts on 待主管部门审核 for a 主管部门管理员', async () => {
    const list = listDouble();
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: deptAdmin }));
    await openReview();
    await waitFor(() =>
      expect(list.requests[0]).toMatchObject({ unitId: 'dept-health', state: 'deptReview' }),
    );
  });

  it("shows a 主管部门管理员 each application's 所在单位, sorted and filtered by unit", async () => {
    const list = listDouble({
      total: 2,
      rows: () => [row(1), row(2, { unitName: '重庆市示例中医院' })],
      units: [
        { id: 'unit-h', name: '重庆市示例人民医院', count: 7 },
        { id: 'unit-c', name: '重庆市示例中医院', count: 3 },
      ],
    });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: deptAdmin }));
    await openReview();
    const second = (await screen.findByText('申报人2')).closest('tr') ?? document.body;
    expect(second).toHaveTextContent('重庆市示例中医院');
    // The first header is the selection's checkbox (rows are picked for 导出Excel).
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '',
      '申请书编号',
      '姓名',
      '所在单位',
      '申请资格',
      '申报类型',
      '状态',
      '提交时间',
      '提交次数',
      '操作',
    ]);

    await userEvent.click(header('所在单位'));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({ sortField: 'unitName', sortOrder: 'ascend' }),
    );

    await userEvent.click(within(header('所在单位')).getByRole('button', { name: /filter/ }));
    await userEvent.click(await screen.findByText('重庆市示例中医院(3)'));
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({
        filterUnitIds: ['unit-c'],
        sortField: 'unitName',
        page: 1,
      }),
    );
  });

  it('shows a 单位管理员 no 所在单位: the list is all its own', async () => {
    const list = listDouble();
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    expect(await screen.findByText('申报人1')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: /所在单位/ })).toBeNull();
  });

  it('searches after a pause in typing, and at once on Enter', async () => {
    const list = listDouble();
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    const box = await screen.findByPlaceholderText('请输入姓名、申请书编号或身份证号(支持拼音首字母)');
    await waitFor(() => expect(list.requests).toHaveLength(1));

    // Keystrokes in quick succession: only what stands in the box after the pause is searched.
    fireEvent.change(box, { target: { value: '申' } });
    fireEvent.change(box, { target: { value: '申报' } });
    fireEvent.change(box, { target: { value: '申报人' } });
    expect(list.requests).toHaveLength(1);
    await waitFor(() => expect(list.requests).toHaveLength(2));
    expect(lastRequest(list.requests)).toMatchObject({ search: '申报人', page: 1 });

    // The pause's timer is the page's clock from here on: moved past the pause, not waited out.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      await userEvent.type(box, '1{Enter}');
      // Enter does not wait for the pause, and the pause that the typed 1 began searches nothing again.
      expect(lastRequest(list.requests)).toMatchObject({ search: '申报人1' });
      await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2));
      expect(list.requests.filter((r) => r.search === '申报人1')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sorts by the sortable columns', async () => {
    const list = listDouble({ total: 45 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    expect(await screen.findByText('共 45 条')).toBeInTheDocument();

    await userEvent.click(header('提交次数'));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({ sortField: 'submitCount', sortOrder: 'ascend' }),
    );
    await userEvent.click(header('提交次数'));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({ sortField: 'submitCount', sortOrder: 'descend' }),
    );
    await userEvent.click(header('申请书编号'));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({ sortField: 'applicationNo', sortOrder: 'ascend' }),
    );
  });

  it('pages with 20/50/100 per page', async () => {
    const list = listDouble({ total: 45 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    expect(await screen.findByText('共 45 条')).toBeInTheDocument();

    await userEvent.click(screen.getByTitle('3'));
    await waitFor(() => expect(lastRequest(list.requests)).toMatchObject({ page: 3, pageSize: 20 }));
    expect(await screen.findByText('申报人41')).toBeInTheDocument();

    await userEvent.click(screen.getByText('20 条/页'));
    await userEvent.click(
      await screen.findByText('50 条/页', { selector: '.ant-select-item-option-content' }),
    );
    await waitFor(() => expect(lastRequest(list.requests)).toMatchObject({ page: 1, pageSize: 50 }));
  });

  it('keeps the current rows visible while the next page loads', async () => {
    const list = listDouble({ total: 45 });
    let releasePage2: (() => void) | null = null;
    const listApplications = (req: ListApplicationsRequest): Promise<Result<ListApplicationsResponse>> => {
      if (req.page !== 2) return list.listApplications(req);
      return new Promise((resolve) => {
        releasePage2 = () => void list.listApplications(req).then(resolve);
      });
    };
    renderApp(fakeApi({ listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    expect(await screen.findByText('申报人1')).toBeInTheDocument();

    await userEvent.click(screen.getByTitle('2'));
    expect(screen.getByText('申报人1')).toBeInTheDocument();
    expect(screen.queryByText('暂无申报书')).toBeNull();
    act(() => releasePage2?.());
    expect(await screen.findByText('申报人21')).toBeInTheDocument();
    expect(screen.queryByText('申报人1')).toBeNull();
  });

  it('loads the page again when a sync finishes, so new applications appear', async () => {
    let total = 2;
    const list = listDouble({ rows: () => Array.from({ length: total }, (_, i) => row(i + 1)) });
    const events = renderApp(
      fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }),
    );
    await openReview();
    expect(await screen.findByText('申报人2')).toBeInTheDocument();
    await waitFor(() => expect(events.listeners.size).toBeGreaterThan(0));
    const before = list.requests.length;

    act(() => events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 1, total: 1 } })));
    expect(list.requests).toHaveLength(before);
    total = 3;
    act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T02:00:00.000Z' })));
    expect(await screen.findByText('申报人3')).toBeInTheDocument();
    expect(list.requests).toHaveLength(before + 1);
    expect(lastRequest(list.requests)).toMatchObject({ state: 'unitReview', page: 1 });

    // The same status again is no new sync.
    await act(async () => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T02:00:00.000Z' })));
    expect(list.requests).toHaveLength(before + 1);
  });

  it('keeps filter, search and page when going back to 单位中心 and in again', async () => {
    const list = listDouble({ total: 45 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    await userEvent.click(await screen.findByText('单位退回(3)'));
    await userEvent.type(
      screen.getByPlaceholderText('请输入姓名、申请书编号或身份证号(支持拼音首字母)'),
      '申报人{Enter}',
    );
    await userEvent.click(await screen.findByTitle('2'));
    await waitFor(() =>
      expect(lastRequest(list.requests)).toMatchObject({ state: 'unitReturned', search: '申报人', page: 2 }),
    );

    await userEvent.click(screen.getByRole('button', { name: /返回单位中心/ }));
    expect(await screen.findByText('我的角色')).toBeInTheDocument();
    const count = list.requests.length;
    await userEvent.click(screen.getByRole('button', { name: /职称申报审核/ }));

    expect(
      await screen.findByPlaceholderText('请输入姓名、申请书编号或身份证号(支持拼音首字母)'),
    ).toHaveValue('申报人');
    await waitFor(() => expect(list.requests.length).toBe(count + 1));
    expect(lastRequest(list.requests)).toMatchObject({ state: 'unitReturned', search: '申报人', page: 2 });
    expect(screen.getByTitle('2').className).toContain('ant-pagination-item-active');
  });
});
