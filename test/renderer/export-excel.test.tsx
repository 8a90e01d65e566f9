// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError, NOTHING_TO_EXPORT, XLSX_MIME_TYPE } from '../../src-shared/contracts';
import type {
  ExportApplicationsRequest,
  ExportedWorkbook,
  ExportProgress,
  Result,
  SessionUser,
  UnitOverview,
} from '../../src-shared/contracts';
import {
  deferred,
  deptAdmin,
  fakeEvents,
  listDouble,
  row,
  syncStatus,
  unitAdmin,
} from './application-review-fixtures';
import { buttonIn, dialogOf, openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/**
 * 导出Excel from the 职称申报审核 list: the dialog offers 当前筛选结果 or the rows picked, 导出完整身份证号 to
 * reviewers (off until ticked), shows the core's progress for its own export, and saves the file.
 */

let saved: { name: string; type: string }[];

beforeEach(() => {
  saved = [];
  // jsdom has no blob: URLs or downloads: record what would have been saved.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push({ name: '', type: blob.type });
    return 'blob:fake-xlsx';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const last = saved.at(-1);
    if (last) last.name = this.download;
  });
});

afterEach(() => {
  cleanup();
  resetAppEvents();
  vi.restoreAllMocks();
});

const WORKBOOK: ExportedWorkbook = {
  fileName: '职称申报审核_重庆市示例人民医院_2026-03-02.xlsx',
  xlsxBase64: 'UEsDBA==',
  rowCount: 5_000,
};

function renderList(
  options: {
    user?: SessionUser;
    /** Rows the list holds; 5,000 when absent. */
    total?: number;
    answer?: Promise<Result<ExportedWorkbook>>;
    overview?: UnitOverview;
  } = {},
) {
  const requests: ExportApplicationsRequest[] = [];
  const { overview } = options;
  const events = fakeEvents();
  const total = options.total ?? 5_000;
  const rows = Array.from({ length: Math.min(20, total) }, (_, i) => row(i + 1));
  renderApp(
    fakeApi(
      {
        listApplications: listDouble({ total, rows: () => rows }).listApplications,
        getSyncStatus: async () => ({ ok: true, value: syncStatus() }) as const,
        ...(overview === undefined
          ? {}
          : { getUnitOverview: async () => ({ ok: true as const, value: overview }) }),
        exportApplications: async (input: ExportApplicationsRequest) => {
          requests.push(input);
          return options.answer ?? { ok: true as const, value: WORKBOOK };
        },
      },
      { user: options.user ?? unitAdmin },
    ),
    events,
  );
  const progress = (payload: ExportProgress) => {
    for (const listener of [...events.listeners]) listener({ name: 'exportProgress', payload });
  };
  return { requests, progress };
}

async function openExport(): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole('button', { name: /导出Excel/ }));
  return dialogOf(await screen.findByText('导出Excel', { selector: '.ant-modal-title' }));
}

describe('导出Excel', () => {
  it('exports the current filter result with its progress, then saves the file', async () => {
    const answer = deferred<Result<ExportedWorkbook>>();
    const { requests, progress } = renderList({ answer: answer.promise });
    await openReview();
    await screen.findByText('申报人1');
    const dialog = await openExport();
    const filtered = within(dialog).getByRole('radio', { name: '当前筛选结果(5000条)' });
    expect(filtered).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: '已选0条' })).toBeDisabled();
    const fullIds = within(dialog).getByRole('checkbox', { name: '导出完整身份证号' });
    expect(fullIds).not.toBeChecked();

    await userEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({
      unitId: 'unit-h',
      state: 'unitReview',
      search: '',
      filterUnitIds: [],
      sortField: 'submittedAt',
      sortOrder: 'descend',
      selectedIds: null,
      fullIdNumbers: false,
    });
    const exportId = requests[0]?.exportId ?? '';
    expect(exportId).toMatch(/^[A-Za-z0-9-]+$/);

    const status = within(dialog).getByRole('status', { name: '导出进度' });
    expect(status).toHaveTextContent('正在读取本机数据…');
    progress({ exportId, phase: 'writing', done: 2_500, total: 5_000 });
    await waitFor(() => expect(status).toHaveTextContent('正在写入 第2500条/共5000条'));
    // Another window's export says nothing here.
    progress({ exportId: 'someone-else', phase: 'writing', done: 4_500, total: 5_000 });
    await userEvent.hover(status);
    expect(status).toHaveTextContent('正在写入 第2500条/共5000条');
    expect(status).toHaveTextContent('45%');
    progress({ exportId, phase: 'packing', done: 5_000, total: 5_000 });
    await waitFor(() => expect(status).toHaveTextContent('正在生成文件…'));
    expect(saved).toEqual([]);

    answer.resolve({ ok: true, value: WORKBOOK });
    expect(await within(dialog).findByText('已导出5000条')).toBeInTheDocument();
    expect(within(dialog).getByText(`文件名:${WORKBOOK.fileName}`)).toBeInTheDocument();
    expect(saved).toEqual([{ name: WORKBOOK.fileName, type: XLSX_MIME_TYPE }]);

    // 导出, which had the focus, is gone: 关闭 takes it, and Enter gives it back to the list's 导出Excel.
    const close = buttonIn(dialog, '关闭');
    await waitFor(() => expect(close).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: /导出Excel/ })).toHaveFocus());
  });

  it('exports the rows picked, with full ID numbers when ticked', async () => {
    const { requests } = renderList();
    await openReview();
    await userEvent.click(await screen.findByLabelText('选择申报人2'));
    await userEvent.click(screen.getByLabelText('选择申报人5'));
    const dialog = await openExport();
    expect(within(dialog).getByRole('radio', { name: '已选2条' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: '导出完整身份证号' }));
    expect(within(dialog).getByText(/含完整身份证号,属于个人信息/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({ selectedIds: ['app-2', 'app-5'], fullIdNumbers: true });

    await within(dialog).findByText('已导出5000条');
  });

  it('exports what a 单位中心 number narrowed the list to', async () => {
    const { requests } = renderList({
      overview: {
        scope: 'unit',
        week: { start: '2026-03-23', end: '2026-03-29' },
        focuses: {
          awaitingMyReview: 0,
          publicityEndsThisWeek: 0,
          reportable: 1,
          returnedByDepartment: 0,
          awaitingSync: 0,
        },
        unsentDecisions: 0,
        draftApplications: 0,
        total: 1,
        byState: [{ state: 'unitPublicity', count: 1 }],
        bySeries: [{ series: '卫生', count: 1 }],
      },
    });
    await userEvent.click(await screen.findByRole('menuitem', { name: '单位中心' }));
    await userEvent.click(await screen.findByRole('button', { name: '可上报主管部门:1份' }));
    await screen.findByRole('status', { name: '筛选:可上报主管部门' });
    const dialog = await openExport();
    await userEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({ state: 'unitPublicity', focus: 'reportable', selectedIds: null });
  });

  it('says there is nothing to export when the filter matches nothing', async () => {
    const { requests } = renderList({ total: 0 });
    await openReview();
    await screen.findByText('暂无申报书');
    const dialog = await openExport();
    expect(within(dialog).getByRole('radio', { name: '当前筛选结果(0条)' })).toBeDisabled();
    expect(within(dialog).getByText(NOTHING_TO_EXPORT)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /导\s*出/ })).toBeDisabled();
    expect(requests).toEqual([]);
  });

  it('shows the core’s refusal and lets the reviewer try again', async () => {
    const { requests } = renderList({
      answer: Promise.resolve({
        ok: false,
        error: appError('FORBIDDEN', '您的角色不能导出完整身份证号,请不勾选“导出完整身份证号”后再导出'),
      }),
    });
    await openReview();
    await screen.findByText('申报人1');
    const dialog = await openExport();
    await userEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    expect(await within(dialog).findByText(/您的角色不能导出完整身份证号/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /导\s*出/ })).toBeEnabled();
    expect(requests).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it('offers a department the same, picked across its units', async () => {
    const { requests } = renderList({ user: deptAdmin });
    await openReview();
    await userEvent.click(await screen.findByLabelText('选择申报人3'));
    const dialog = await openExport();
    // A department's administrators see the full number in 申请书审核 too.
    expect(within(dialog).getByRole('checkbox', { name: '导出完整身份证号' })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(requests[0]).toMatchObject({ unitId: 'dept-health', selectedIds: ['app-3'] }));
  });
});
