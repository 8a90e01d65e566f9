import { createContext, useContext, type ReactNode } from 'react';
import type { AppApi } from '../../src-shared/contracts';
import { createWebApiClient } from './web-api-client';

/** The app API of whichever host runs the renderer: Electron's preload or the web host. */
export function detectAppApi(): AppApi {
  if (window.api) return window.api;
  const secret = document.querySelector<HTMLMetaElement>('meta[name="app-api-secret"]')?.content ?? '';
  return createWebApiClient(secret);
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    api?: AppApi;
  }
}

const AppApiContext = createContext<AppApi | null>(null);

export function AppApiProvider({ api, children }: { api: AppApi; children: ReactNode }) {
  return <AppApiContext.Provider value={api}>{children}</AppApiContext.Provider>;
}

export function useAppApi(): AppApi {
  const api = useContext(AppApiContext);
  if (!api) throw new Error('useAppApi outside AppApiProvider');
  return api;
}
