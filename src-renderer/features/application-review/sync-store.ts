import { createStore } from 'zustand/vanilla';
import type { AppError, AppEventSource, SyncStatus } from '../../../src-shared/contracts';
import type { SessionStoreState } from '../auth/session-store';

export interface SyncStoreState {
  /** The latest status the core reported; null until the first answer. */
  status: SyncStatus | null;
  /**
   * Counts syncs that finished while the store listened (the status went to idle with a newer
   * lastSyncedAt), so a list can load again when new applications arrived.
   */
  finishedSyncs: number;
  /** A 立即同步 request is on its way to the core. */
  requesting: boolean;
  /** Listens to the core's events and asks for the current status; answers the function that stops it. */
  start(): () => void;
  /** Starts a sync now; answers the failure of the request itself, or null. */
  syncNow(): Promise<AppError | null>;
}

export type SyncStore = ReturnType<typeof createSyncStore>;

function isNewer(next: string | null, previous: string | null): boolean {
  return next !== null && (previous === null || Date.parse(next) > Date.parse(previous));
}

/**
 * The sync engine's status as the screens show it, from the core's events. The event stream is ordered
 * and complete (the core replays the latest status to a window that connects), but an answer to a call
 * travels apart from it (another HTTP request in the web host) and may arrive after later events: the
 * 正在同步 0/0 that 立即同步 answered, shown after the sync's own 已同步 had arrived, stayed on until
 * the next scheduled sync. So an answer counts only until the first event has been heard.
 */
export function createSyncStore(call: SessionStoreState['call'], events: AppEventSource) {
  return createStore<SyncStoreState>()((set, get) => {
    let heardEvent = false;
    const apply = (next: SyncStatus) => {
      const previous = get().status;
      const finished =
        previous !== null && next.phase === 'idle' && isNewer(next.lastSyncedAt, previous.lastSyncedAt);
      set((state) => ({ status: next, finishedSyncs: state.finishedSyncs + (finished ? 1 : 0) }));
    };
    const applyAnswer = (answer: SyncStatus) => {
      if (!heardEvent) apply(answer);
    };

    return {
      status: null,
      finishedSyncs: 0,
      requesting: false,

      start() {
        const unsubscribe = events.subscribe((event) => {
          if (event.name !== 'syncStatus') return;
          heardEvent = true;
          apply(event.payload);
        });
        void call((api) => api.getSyncStatus()).then((result) => {
          if (result.ok) applyAnswer(result.value);
        });
        return unsubscribe;
      },

      async syncNow() {
        set({ requesting: true });
        const result = await call((api) => api.syncNow());
        set({ requesting: false });
        if (!result.ok) return result.error;
        applyAnswer(result.value);
        return null;
      },
    };
  });
}
