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

/** The sync engine's status as the screens show it: the core's answer first, then its events. */
export function createSyncStore(call: SessionStoreState['call'], events: AppEventSource) {
  return createStore<SyncStoreState>()((set, get) => {
    const apply = (next: SyncStatus) => {
      const previous = get().status;
      const finished =
        previous !== null && next.phase === 'idle' && isNewer(next.lastSyncedAt, previous.lastSyncedAt);
      set((state) => ({ status: next, finishedSyncs: state.finishedSyncs + (finished ? 1 : 0) }));
    };

    return {
      status: null,
      finishedSyncs: 0,
      requesting: false,

      start() {
        let heardEvent = false;
        const unsubscribe = events.subscribe((event) => {
          if (event.name !== 'syncStatus') return;
          heardEvent = true;
          apply(event.payload);
        });
        void call((api) => api.getSyncStatus()).then((result) => {
          // An event that arrived meanwhile is at least as new as this answer.
          if (result.ok && !heardEvent) apply(result.value);
        });
        return unsubscribe;
      },

      async syncNow() {
        set({ requesting: true });
        const result = await call((api) => api.syncNow());
        set({ requesting: false });
        if (!result.ok) return result.error;
        apply(result.value);
        return null;
      },
    };
  });
}
