import { createContext, useContext, useState, type ReactNode } from 'react';
import type { AppApi, AppEventSource } from '../../src-shared/contracts';
import { createWebApiClient } from './web-api-client';
import { createWebEventSource } from './web-event-source';

/** The app API of whichever host runs the renderer: Electron's preload or the web host. */
export function detectAppApi(): AppApi {
  if (window.api) return window.api;
  return createWebApiClient();
}

/** The core's events, from the same host as the app API. The web source connects on first subscribe. */
export function detectAppEvents(): AppEventSource {
  if (window.appEvents) return window.appEvents;
  return createWebEventSource();
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    api?: AppApi;
    /** Exposed by the Electron preload next to `api`; absent in a browser. */
    appEvents?: AppEventSource;
  }
}

const AppApiContext = createContext<AppApi | null>(null);
const AppEventsContext = createContext<AppEventSource | null>(null);

/**
 * Gives the screens the app API and the core's events. Without `events` the host's own source is used,
 * so callers that only pass `api` keep working.
 */
export function AppApiProvider({
  api,
  events,
  children,
}: {
  api: AppApi;
  events?: AppEventSource;
  children: ReactNode;
}) {
  const [detected] = useState(() => (events ? null : detectAppEvents()));
  return (
    <AppApiContext.Provider value={api}>
      <AppEventsContext.Provider value={events ?? detected}>{children}</AppEventsContext.Provider>
    </AppApiContext.Provider>
  );
}

export function useAppApi(): AppApi {
  const api = useContext(AppApiContext);
  if (!api) throw new Error('useAppApi outside AppApiProvider');
  return api;
}

export function useAppEvents(): AppEventSource {
  const events = useContext(AppEventsContext);
  if (!events) throw new Error('useAppEvents outside AppApiProvider');
  return events;
}
