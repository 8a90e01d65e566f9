import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * The window's security rules as plain functions: what the renderer may load, where it may navigate,
 * which links may leave the app. Kept free of Electron values so tests and scripts load them in Node.
 */

/** The renderer is served from this origin by the `app://` protocol handler (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'zhicheng';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Hosts a link in the app may open in the user's browser (https only, exact host). Everything else a
 * page tries to open is dropped: the app never becomes a general-purpose browser.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = ['ggfw.rlsbj.cq.gov.cn', 'rlsbj.cq.gov.cn'];

export interface WebPreferencesOptions {
  preloadPath: string;
  /** Developer tools: on in development, off in a packaged build. */
  devTools: boolean;
}

/**
 * The renderer's isolation, in one place so a test can pin every flag: no Node in any page, frame or
 * worker, the preload in an isolated world, Chromium's sandbox, and no <webview> to escape through.
 */
export function buildWebPreferences(options: WebPreferencesOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is on the app's own origin. Compared by parts rather than `URL.origin`, which Node
 * reports as "null" for schemes it does not know (Chromium knows `app:` as a standard scheme).
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The window may only ever show the app itself: any navigation or redirect elsewhere is cancelled. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Links that may leave the app, to the user's default browser. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_URL_ALLOW_LIST.includes(parsed.hostname.toLowerCase())
  );
}

/**
 * Maps an `app://zhicheng/...` request to a file inside the renderer build, or null when the request
 * is for another origin or could leave the folder: `..` smuggled past the URL parser as `%2f` or `%2e`,
 * backslashes (separators on Windows; no asset has one), NUL bytes, malformed escapes. The path is
 * resolved first and then required to lie inside `rendererDir`, so no spelling can escape it.
 */
export function resolveRendererPath(rendererDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const parsed = parseUrl(requestUrl);
  if (parsed === null) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const root = path.resolve(rendererDir);
  // Relative to the root: a leading slash must not make path.resolve start over at the file system's root.
  const resolved = path.resolve(root, `.${path.posix.sep}${pathname}`);
  const relative = path.relative(root, resolved);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' || outside ? null : resolved;
}
