// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../src-shared/contracts';
import type { Result, SyncStatus } from '../../src-shared/contracts';
import { fakeEvents, listDouble, syncStatus, unitAdmin } from './application-review-fixtures';
import { openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** The sync indicator and the offline banner of 职称申报审核, driven by the core's syncStatus events. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const OFFLINE_BANNER =
  '无法连接到服务器,当前显示的是本机缓存的数据(上次同步: 2026-03-02 09:30)。网络恢复后将自动同步。';

async function setUp(options: { initial?: SyncStatus; syncNow?: () => Promise<Result<SyncStatus>> } = {}) {
  const syncRequests: number[] = [];
  const events = renderApp(
    fakeApi(
      {
        listApplications: listDouble().listApplications,
        getSyncStatus: async () => ({ ok: true, value: options.initial ?? syncStatus() }) as const,
        syncNow: async () => {
          syncRequests.push(1);
          return options.syncNow
            ? options.syncNow()
            : { ok: true, value: syncStatus({ phase: 'syncing', progress: { received: 0, total: 0 } }) };
        },
      },
      { user: unitAdmin },
    ),
    fakeEvents(),
  );
  await openReview();
  const indicator = await screen.findByTestId('sync-indicator');
  await waitFor(() => expect(events.listeners.size).toBeGreaterThan(0));
  return { events, indicator, syncRequests };
}

describe('sync status', () => {
  it('shows idle, progress while syncing, offline with the banner, and back', async () => {
    const { events, indicator } = await setUp();
    expect(await within(indicator).findByText('已同步')).toBeInTheDocument();
    expect(within(indicator).getByText('上次同步: 2026-03-02 09:30')).toBeInTheDocument();
    expect(within(indicator).getByRole('button', { name: /立即同步/ })).toBeEnabled();

    act(() => events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 30, total: 120 } })));
    expect(within(indicator).getByText('正在同步 30/120')).toBeInTheDocument();
    expect(indicator.querySelector('.ant-progress')).not.toBeNull();
    expect(within(indicator).getByRole('button', { name: /立即同步/ })).toBeDisabled();

    act(() => events.emitStatus(syncStatus({ phase: 'offline' })));
    expect(within(indicator).getByText('离线')).toBeInTheDocument();
    expect(within(indicator).getByText('上次同步: 2026-03-02 09:30')).toBeInTheDocument();
    expect(screen.getByText(OFFLINE_BANNER)).toBeInTheDocument();

    act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T02:05:00.000Z' })));
    expect(within(indicator).getByText('上次同步: 2026-03-02 10:05')).toBeInTheDocument();
    expect(screen.queryByText(/无法连接到服务器,当前显示的是本机缓存的数据/)).toBeNull();
  });

  it('shows the banner at once when the cache is all there is', async () => {
    await setUp({ initial: syncStatus({ phase: 'offline' }) });
    expect(await screen.findByText(OFFLINE_BANNER)).toBeInTheDocument();
  });

  it('starts a sync with 立即同步 and shows its progress', async () => {
    const { indicator, syncRequests } = await setUp();
    await userEvent.click(await within(indicator).findByRole('button', { name: /立即同步/ }));
    expect(syncRequests).toHaveLength(1);
    expect(await within(indicator).findByText('正在同步 0/0')).toBeInTheDocument();
  });

  it("ends 立即同步 at the sync's own 已同步 when the answer to the click arrives after it", async () => {
    let answer: (result: Result<SyncStatus>) => void = () => undefined;
    const { events, indicator } = await setUp({
      syncNow: () => new Promise((resolve) => (answer = resolve)),
    });
    // The core replays its latest status to a window that connects (a reload, a new window).
    act(() => events.emitStatus(syncStatus()));
    await userEvent.click(await within(indicator).findByRole('button', { name: /立即同步/ }));

    // The sync's events come over the event stream, and the click's answer over another request, later.
    act(() => events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 0, total: 0 } })));
    expect(within(indicator).getByText('正在同步 0/0')).toBeInTheDocument();
    act(() => events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 3, total: 5 } })));
    expect(within(indicator).getByText('正在同步 3/5')).toBeInTheDocument();
    act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T02:05:00.000Z' })));
    await act(async () =>
      answer({ ok: true, value: syncStatus({ phase: 'syncing', progress: { received: 0, total: 0 } }) }),
    );

    expect(within(indicator).getByText('已同步')).toBeInTheDocument();
    expect(within(indicator).getByText('上次同步: 2026-03-02 10:05')).toBeInTheDocument();
    expect(within(indicator).queryByText(/正在同步/)).toBeNull();
    expect(within(indicator).getByRole('button', { name: /立即同步/ })).toBeEnabled();
  });

  it('shows a failed sync in Chinese with 重试', async () => {
    const { events, indicator, syncRequests } = await setUp();
    act(() => events.emitStatus(syncStatus({ phase: 'error', error: '服务器暂时无法处理请求,请稍后重试' })));
    expect(within(indicator).getByText('同步失败')).toBeInTheDocument();
    expect(within(indicator).getByText('服务器暂时无法处理请求,请稍后重试')).toBeInTheDocument();
    await userEvent.click(within(indicator).getByRole('button', { name: '重试' }));
    expect(syncRequests).toHaveLength(1);
  });

  it('says so when 立即同步 itself fails', async () => {
    const { indicator } = await setUp({
      syncNow: async () => ({ ok: false, error: appError('SERVER_ERROR') }),
    });
    await userEvent.click(await within(indicator).findByRole('button', { name: /立即同步/ }));
    expect(await screen.findByText('服务器暂时无法处理请求,请稍后重试')).toBeInTheDocument();
  });
});
