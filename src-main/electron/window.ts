import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import {
  APP_START_URL,
  buildWebPreferences,
  isAllowedExternalUrl,
  isAllowedNavigation,
  type WebPreferencesOptions,
} from './security-policy';

import { DEFAULT_SIZE, MIN_SIZE, type Bounds } from './window-state';

// The pure rules live in security-policy.ts (no Electron import, so plain Node can load them).
export * from './security-policy';

/** Denies every permission a page may ask for (camera, notifications, geolocation, HID, ...). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** What the glue needs to open a link outside the app; `shell.openExternal` in the app. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * Keeps a window on the app: navigations and redirects elsewhere are cancelled, new windows are never
 * created, and allow-listed https links go to the user's browser instead.
 */
export function guardNavigation(contents: WebContents, openExternal: OpenExternal): void {
  const openIfAllowed = (url: string) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => console.error('[window] could not open link', error));
    }
  };
  const onNavigate = (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions extends WebPreferencesOptions {
  /** Called with each new window, so main can tell the IPC adapter which webContents are ours. */
  onCreated?: (window: BrowserWindow) => void;
  /** Where it was last time (window-state.ts); the default size, centred, when absent. */
  bounds?: Bounds;
  maximized?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(options.bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: '重庆市专业技术人员服务平台 · 职称系统',
    backgroundColor: '#f5f6f8',
    webPreferences: buildWebPreferences(options),
  });
  const contents = window.webContents;
  guardNavigation(contents, (url) => shell.openExternal(url));
  denyAllPermissions(contents.session);
  options.onCreated?.(window);
  window.once('ready-to-show', () => {
    if (options.maximized === true) window.maximize();
    window.show();
  });
  void window.loadURL(APP_START_URL).catch((error: unknown) => console.error('[window] load failed', error));
  return window;
}
