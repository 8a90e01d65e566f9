import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useAppApi } from '../../api/app-api-context';
import { createSessionStore, type SessionStore, type SessionStoreState } from './session-store';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useAppApi();
  const [store] = useState(() => createSessionStore(api));
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSession<T>(select: (state: SessionStoreState) => T): T {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession outside SessionProvider');
  return useStore(store, select);
}
