// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ExportApplicationsRequest,
  Result,
  UnitOverview,
  UnitOverviewRequest,
} from '../../src-shared/contracts';
import { deptAdmin, listDouble, row, syncStatus, unitAdmin } from './application-review-fixtures';
import { dialogOf, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** 单位中心's start page: the numbers, each opening the list narrowed to them, and the chart. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const idle = async () => ({ ok: true, value: syncStatus() }) as const;

function overview(patch: Partial<UnitOverview> = {}): UnitOverview {
  return {
    scope: 'unit',
    week: { start: '2026-03-23', end: '2026-03-29' },
    focuses: {
      awaitingMyReview: 11,
      publicityEndsThisWeek: 2,
      reportable: 1,
      returnedByDepartment: 1,
      awaitingSync: 3,
    },
    unsentDecisions: 1,
    draftApplications: 2,
    total: 20,
    byState: [
      { state: 'unitReview', count: 12 },
      { state: 'unitPublicity', count: 5 },
      { state: 'deptReturned', count: 3 },
    ],
    bySeries: [
      { series: '卫生', count: 15 },
      { series: '经济', count: 5 },
    ],
    ...patch,
  };
}

/** getUnitOverview answering `answer` (a test may change it), recording each request. */
function overviewDouble(answer: UnitOverview) {
  const requests: UnitOverviewRequest[] = [];
  const double = {
    requests,
    answer,
    getUnitOverview: async (req: UnitOverviewRequest): Promise<Result<UnitOverview>> => {
      requests.push(req);
      return { ok: true, value: double.answer };
    },
  };
  return double;
}

async function openUnitCenter() {
  await userEvent.click(await screen.findByRole('menuitem', { name: '单位中心' }));
}

describe('单位中心 start page', () => {
  it('shows what waits for the unit and its applications by status and series, as text', async () => {
    const numbers = overviewDouble(overview());
    renderApp(
      fakeApi(
        {
          getUnitOverview: numbers.getUnitOverview,
          listApplications: listDouble().listApplications,
          getSyncStatus: idle,
        },
        { user: unitAdmin },
      ),
    );
    await openUnitCenter();

    expect(await screen.findByRole('button', { name: '待我审核:11份' })).toBeInTheDocument();
    for (const name of ['公示本周结束:2份', '可上报主管部门:1份', '主管部门退回:1份', '待同步:3份']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByText('本周(3月23日至3月29日)公示期满,节假日顺延已计入')).toBeInTheDocument();
    expect(screen.getByText('审核结果1份,有修改意见草稿2份')).toBeInTheDocument();
    expect(numbers.requests[0]).toEqual({ unitId: 'unit-h' });

    const byState = screen.getByRole('region', { name: '按状态' });
    const stateRows = within(byState)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(stateRows).toEqual(['待单位审核12份(60%)', '单位公示中5份(25%)', '主管部门退回3份(15%)']);
    const seriesRows = within(screen.getByRole('region', { name: '按申报系列' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(seriesRows).toEqual(['卫生15份(75%)', '经济5份(25%)']);
  });

  it('opens the list narrowed to a number, with a chip that takes the narrowing away', async () => {
    const list = listDouble({ total: 2, rows: () => [row(1, { state: 'unitPublicity' }), row(2)] });
    const exports: ExportApplicationsRequest[] = [];
    renderApp(
      fakeApi(
        {
          getUnitOverview: overviewDouble(overview()).getUnitOverview,
          listApplications: list.listApplications,
          getSyncStatus: idle,
          // The request is what matters here; the answer lets the dialog close.
          exportApplications: async (request) => {
            exports.push(request);
            return { ok: false, error: { code: 'FORBIDDEN', message: '仅用于测试' } };
          },
        },
        { user: unitAdmin },
      ),
    );
    await openUnitCenter();
    await userEvent.click(await screen.findByRole('button', { name: '公示本周结束:2份' }));

    expect(await screen.findByRole('status', { name: '筛选:公示本周结束' })).toBeInTheDocument();
    expect(list.requests[list.requests.length - 1]).toMatchObject({
      unitId: 'unit-h',
      state: 'unitPublicity',
      focus: 'publicityEndsThisWeek',
      search: '',
      filterUnitIds: [],
      page: 1,
    });
    expect(screen.getByRole('radio', { name: /单位公示中/ })).toBeChecked();

    // 导出Excel takes the list as it is narrowed: the number's 2, not every application in publicity.
    await userEvent.click(screen.getByRole('button', { name: /导出Excel/ }));
    const exportDialog = dialogOf(await screen.findByText('导出Excel', { selector: '.ant-modal-title' }));
    expect(within(exportDialog).getByRole('radio', { name: '当前筛选结果(2条)' })).toBeChecked();
    await userEvent.click(within(exportDialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(exports).toHaveLength(1));
    expect(exports[0]).toMatchObject({ state: 'unitPublicity', focus: 'publicityEndsThisWeek' });
    await within(exportDialog).findByText('仅用于测试');
    await userEvent.click(within(exportDialog).getByRole('button', { name: /取\s*消/ }));

    await userEvent.click(screen.getByRole('button', { name: '取消“公示本周结束”筛选' }));
    await waitFor(() => expect(screen.queryByRole('status', { name: /筛选/ })).not.toBeInTheDocument());
    const last = list.requests[list.requests.length - 1];
    expect(last).toMatchObject({ state: 'unitPublicity', page: 1 });
    expect(last).not.toHaveProperty('focus');

    // Back on the 单位中心, 待同步 spans states: the list shows them on 全部.
    await userEvent.click(screen.getByText('返回单位中心'));
    await userEvent.click(await screen.findByRole('button', { name: '待同步:3份' }));
    expect(await screen.findByRole('status', { name: '筛选:待同步' })).toBeInTheDocument();
    expect(list.requests[list.requests.length - 1]).toMatchObject({ state: 'all', focus: 'awaitingSync' });
  });

  it('shows a department what waits for its own review, opening 待主管部门审核', async () => {
    const list = listDouble({ total: 1 });
    const numbers = overviewDouble(
      overview({
        scope: 'department',
        focuses: {
          awaitingMyReview: 5,
          publicityEndsThisWeek: 0,
          reportable: 0,
          returnedByDepartment: 0,
          awaitingSync: 0,
        },
        unsentDecisions: 0,
        draftApplications: 0,
      }),
    );
    renderApp(
      fakeApi(
        {
          getUnitOverview: numbers.getUnitOverview,
          listApplications: list.listApplications,
          getSyncStatus: idle,
        },
        { user: deptAdmin },
      ),
    );
    await openUnitCenter();

    expect(await screen.findByRole('button', { name: '待我审核:5份' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '待同步:0份' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /公示本周结束/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /主管部门退回/ })).not.toBeInTheDocument();
    expect(screen.getByText('下级单位上报,待主管部门审核')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '待我审核:5份' }));
    expect(await screen.findByRole('status', { name: '筛选:待我审核' })).toBeInTheDocument();
    expect(list.requests[list.requests.length - 1]).toMatchObject({
      unitId: 'dept-health',
      state: 'deptReview',
      focus: 'awaitingMyReview',
    });
  });

  it('counts again when a sync has finished', async () => {
    const numbers = overviewDouble(overview());
    const events = renderApp(
      fakeApi(
        {
          getUnitOverview: numbers.getUnitOverview,
          listApplications: listDouble().listApplications,
          getSyncStatus: idle,
        },
        { user: unitAdmin },
      ),
    );
    await openUnitCenter();
    expect(await screen.findByRole('button', { name: '待我审核:11份' })).toBeInTheDocument();

    // A decision went out and the server applied it: the next sync's end brings the new numbers.
    numbers.answer = overview({ focuses: { ...overview().focuses, awaitingMyReview: 10, awaitingSync: 2 } });
    act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T02:05:00.000Z' })));
    expect(await screen.findByRole('button', { name: '待我审核:10份' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '待同步:2份' })).toBeInTheDocument();
  });

  it('says so when the numbers cannot be counted, and the list still opens', async () => {
    renderApp(
      fakeApi(
        {
          getUnitOverview: async () =>
            ({ ok: false, error: { code: 'SERVER_ERROR', message: '程序内部错误,请稍后重试' } }) as const,
          listApplications: listDouble().listApplications,
          getSyncStatus: idle,
        },
        { user: unitAdmin },
      ),
    );
    await openUnitCenter();
    expect(await screen.findByText('待办数量暂时无法显示:程序内部错误,请稍后重试')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /职称申报审核/ }));
    expect(await screen.findByText('申报人1')).toBeInTheDocument();
  });
});
