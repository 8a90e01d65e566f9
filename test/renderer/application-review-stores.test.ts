import { describe, expect, it } from 'vitest';
import type {
  AppApi,
  ListApplicationsRequest,
  ListApplicationsResponse,
  Result,
  SyncStatus,
} from '../../src-shared/contracts';
import { createReviewListStore } from '../../src-renderer/features/application-review/review-list-store';
import { createSyncStore } from '../../src-renderer/features/application-review/sync-store';
import { COUNTS, fakeEvents, row, syncStatus } from './application-review-fixtures';
import { apiWith } from '../support/partial-api';

/** The two stores of 职称申报审核 on their own: ordering of answers and events, and stale pages. */

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const callWith =
  (api: AppApi) =>
  <T>(run: (a: AppApi) => Promise<Result<T>>) =>
    run(api);

describe('sync store', () => {
  it('ignores a getSyncStatus answer that arrives after a newer event', async () => {
    const answer = deferred<Result<SyncStatus>>();
    const events = fakeEvents();
    const store = createSyncStore(callWith(apiWith({ getSyncStatus: () => answer.promise })), events.source);
    const stop = store.getState().start();

    events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 5, total: 10 } }));
    answer.resolve({ ok: true, value: syncStatus({ lastSyncedAt: '2026-01-01T00:00:00.000Z' }) });
    await answer.promise;
    await Promise.resolve();
    expect(store.getState().status?.phase).toBe('syncing');
    stop();
    expect(events.listeners.size).toBe(0);
  });

  it('counts a finished sync only when idle comes with a newer lastSyncedAt', async () => {
    const events = fakeEvents();
    const store = createSyncStore(
      callWith(apiWith({ getSyncStatus: async () => ({ ok: true, value: syncStatus() }) as const })),
      events.source,
    );
    store.getState().start();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().finishedSyncs).toBe(0);

    events.emitStatus(syncStatus({ phase: 'syncing', progress: { received: 1, total: 2 } }));
    events.emitStatus(syncStatus({ phase: 'offline' }));
    events.emitStatus(syncStatus());
    expect(store.getState().finishedSyncs).toBe(0);
    events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-02T03:00:00.000Z' }));
    expect(store.getState().finishedSyncs).toBe(1);
  });
});

describe('review list store', () => {
  it('shows the answer of the newest query even when an older one answers last', async () => {
    const pending: {
      req: ListApplicationsRequest;
      answer: ReturnType<typeof deferred<Result<ListApplicationsResponse>>>;
    }[] = [];
    const api = apiWith({
      listApplications: (req: ListApplicationsRequest) => {
        const answer = deferred<Result<ListApplicationsResponse>>();
        pending.push({ req, answer });
        return answer.promise;
      },
    });
    const store = createReviewListStore({ unitId: 'u', initialFilter: 'unitReview', call: callWith(api) });
    const first = store.getState().load();
    store.getState().setFilter('committee');
    const [older, newer] = pending;
    newer?.answer.resolve({ ok: true, value: { rows: [row(2)], total: 1, counts: COUNTS, units: [] } });
    older?.answer.resolve({ ok: true, value: { rows: [row(1)], total: 1, counts: COUNTS, units: [] } });
    await first;
    await Promise.resolve();
    expect(store.getState().rows.map((r) => r.id)).toEqual(['app-2']);
    expect(store.getState().loading).toBe(false);
  });

  it('moves to the last page when the list shrank under the current one', async () => {
    const requests: ListApplicationsRequest[] = [];
    const api = apiWith({
      listApplications: async (req: ListApplicationsRequest) => {
        requests.push(req);
        const rows = req.page === 1 ? [row(1)] : [];
        return { ok: true, value: { rows, total: 1, counts: COUNTS, units: [] } } as const;
      },
    });
    const store = createReviewListStore({ unitId: 'u', initialFilter: 'all', call: callWith(api) });
    store.getState().setPage(3, 20);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests.map((r) => r.page)).toEqual([3, 1]);
    expect(store.getState().query.page).toBe(1);
    expect(store.getState().rows).toHaveLength(1);
  });
});
