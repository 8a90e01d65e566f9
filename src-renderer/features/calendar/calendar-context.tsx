import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useAppEvents } from '../../api/app-api-context';
import { useSession } from '../auth/session-context';
import {
  createCalendarStore,
  shippedCalendarStore,
  type CalendarStore,
  type CalendarStoreState,
} from './calendar-store';

/** Without a provider (a screen rendered on its own): the shipped notices. */
const CalendarContext = createContext<CalendarStore>(shippedCalendarStore());

/** Holds the client's holiday table while someone is signed in: loaded once, and again after each sync. */
export function CalendarProvider({ children }: { children: ReactNode }) {
  const call = useSession((s) => s.call);
  const events = useAppEvents();
  const [store] = useState(() => createCalendarStore(call, events));
  useEffect(() => store.getState().start(), [store]);
  return <CalendarContext.Provider value={store}>{children}</CalendarContext.Provider>;
}

export function useCalendar<T>(select: (state: CalendarStoreState) => T): T {
  return useStore(useContext(CalendarContext), select);
}
