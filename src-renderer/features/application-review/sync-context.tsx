import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useAppEvents } from '../../api/app-api-context';
import { useSession } from '../auth/session-context';
import { createSyncStore, type SyncStore, type SyncStoreState } from './sync-store';

const SyncContext = createContext<SyncStore | null>(null);

/** Holds the sync status while the screens under it are open, listening to the core's events. */
export function SyncProvider({ children }: { children: ReactNode }) {
  const call = useSession((s) => s.call);
  const events = useAppEvents();
  const [store] = useState(() => createSyncStore(call, events));
  useEffect(() => store.getState().start(), [store]);
  return <SyncContext.Provider value={store}>{children}</SyncContext.Provider>;
}

export function useSync<T>(select: (state: SyncStoreState) => T): T {
  const store = useContext(SyncContext);
  if (!store) throw new Error('useSync outside SyncProvider');
  return useStore(store, select);
}
