// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RendererErrorReport, SessionUser } from '../../src-shared/contracts';
import { unitAdmin } from './application-review-fixtures';
import { renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/**
 * A screen that throws shows 页面出现错误 with 重新加载 and 导出诊断信息 instead of a blank window, and the
 * error is reported to the core through the app API (reportRendererError), as are the window's own
 * uncaught errors and unhandled rejections. The screen here is the real home screen, given a session
 * answer it cannot draw (a user without the memberships list the contract promises).
 */

const BROKEN_USER = { ...unitAdmin, memberships: null } as unknown as SessionUser;

let saved: { name: string; type: string }[];

beforeEach(() => {
  saved = [];
  // jsdom has no blob: URLs or downloads: record what would have been saved.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push({ name: '', type: blob.type });
    return 'blob:fake-zip';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const last = saved.at(-1);
    if (last) last.name = this.download;
  });
  // React reports a caught error on the console as well; the page is what this test is about.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  resetAppEvents();
  vi.restoreAllMocks();
});

function reportingApi(user: SessionUser) {
  const reports: RendererErrorReport[] = [];
  const exports: number[] = [];
  const api = fakeApi(
    {
      reportRendererError: async (report: RendererErrorReport) => {
        reports.push(report);
        return { ok: true, value: { recorded: true } } as const;
      },
      exportDiagnostics: async () => {
        exports.push(1);
        return {
          ok: true,
          value: {
            fileName: '重庆职称审核-诊断信息-20261206-2130.zip',
            zipBase64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==',
          },
        } as const;
      },
    },
    { user },
  );
  return { api, reports, exports };
}

describe('the error page', () => {
  it('replaces a screen that threw, in Chinese, with 重新加载 and 导出诊断信息, and reports the error', async () => {
    const { api, reports, exports } = reportingApi(BROKEN_USER);
    renderApp(api);

    expect(await screen.findByText('页面出现错误')).toBeInTheDocument();
    expect(screen.getByText(/错误已记录在日志中/)).toBeInTheDocument();
    expect(screen.getByText(/发给单位信息员/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重新加载' })).toBeInTheDocument();
    const exportButton = screen.getByRole('button', { name: '导出诊断信息' });

    await waitFor(() => expect(reports).toHaveLength(1));
    const [report] = reports;
    expect(report?.kind).toBe('boundary');
    expect(report?.name).toBe('TypeError');
    expect(report?.message).toMatch(/Cannot read properties of null/);
    expect(report?.componentStack).toMatch(/HomeScreen/);
    expect(report?.screen).toBe('/');

    await userEvent.click(exportButton);
    await waitFor(() =>
      expect(saved).toEqual([{ name: '重庆职称审核-诊断信息-20261206-2130.zip', type: 'application/zip' }]),
    );
    expect(exports).toHaveLength(1);
    expect(await screen.findByText(/已导出/)).toBeInTheDocument();
  });

  it("reports the window's uncaught errors and unhandled rejections", async () => {
    const { api, reports } = reportingApi(unitAdmin);
    renderApp(api);
    expect((await screen.findAllByText(unitAdmin.name)).length).toBeGreaterThan(0);

    window.dispatchEvent(
      new ErrorEvent('error', { error: new RangeError('点击处理失败'), message: '点击处理失败' }),
    );
    const rejection = new Event('unhandledrejection') as Event & { reason?: unknown };
    rejection.reason = new Error('后台保存失败');
    window.dispatchEvent(rejection);

    await waitFor(() => expect(reports).toHaveLength(2));
    expect(reports.map((report) => [report.kind, report.name, report.message])).toEqual([
      ['error', 'RangeError', '点击处理失败'],
      ['unhandledrejection', 'Error', '后台保存失败'],
    ]);
    expect(screen.queryByText('页面出现错误')).toBeNull();
  });
});
