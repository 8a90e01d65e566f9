import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import type { Session, WebContents } from 'electron';
import {
  APP_START_URL,
  EXTERNAL_URL_ALLOW_LIST,
  buildWebPreferences,
  createMainWindow,
  denyAllPermissions,
  guardNavigation,
  isAllowedExternalUrl,
  isAllowedNavigation,
  resolveRendererPath,
} from '../../src-main/electron/window';
import { fakeSession, fakeWebContents, type electronModule } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

describe('window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, no webview', () => {
    const prefs = buildWebPreferences({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('creates the window with those options, guards it and loads the app from app://', () => {
    const onCreated = vi.fn();
    const window = createMainWindow({ preloadPath: '/p/preload.cjs', devTools: true, onCreated });
    const created = fake.BrowserWindow.created.at(-1);
    expect(created).toBe(window);
    expect(created?.options.webPreferences).toEqual(
      buildWebPreferences({ preloadPath: '/p/preload.cjs', devTools: true }),
    );
    expect(created?.loadURL).toHaveBeenCalledWith('app://zhicheng/index.html');
    expect(APP_START_URL).toBe('app://zhicheng/index.html');
    const contents = created!.webContents;
    expect(contents.emitNavigation('will-navigate', 'http://evil.example/')).toBe(true);
    expect(contents.openWindow('https://ggfw.rlsbj.cq.gov.cn/')).toEqual({ action: 'deny' });
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(onCreated).toHaveBeenCalledWith(window);
  });
});

describe('window size', () => {
  it('opens at the bounds it had, or the default size, never below the minimum', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs', devTools: false });
    expect(fake.BrowserWindow.created.at(-1)?.options).toMatchObject({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
    });
    const bounds = { x: 40, y: 30, width: 1500, height: 900 };
    createMainWindow({ preloadPath: '/p/preload.cjs', devTools: false, bounds, maximized: true });
    expect(fake.BrowserWindow.created.at(-1)?.options).toMatchObject(bounds);
  });
});

describe('navigation', () => {
  it.each([
    'app://zhicheng/index.html',
    'app://zhicheng/',
    'app://zhicheng/assets/index-abc.js',
    'app://zhicheng/index.html#/review',
  ])('allows the app itself: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'http://evil.example/',
    'https://evil.example/app://zhicheng/',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'app://evil/index.html',
    'app://zhicheng.evil.example/index.html',
    'app://user@zhicheng/index.html',
    'app://zhicheng:8080/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
  ])('blocks everything else: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  let contents: ReturnType<typeof fakeWebContents>;
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>;
  beforeEach(() => {
    contents = fakeWebContents();
    openExternal = vi.fn(async (_url: string) => {});
    guardNavigation(contents as unknown as WebContents, openExternal);
  });

  it('cancels navigations and redirects away from the app', () => {
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(contents.emitNavigation(event, 'http://evil.example/')).toBe(true);
      expect(contents.emitNavigation(event, 'file:///etc/passwd')).toBe(true);
      expect(contents.emitNavigation(event, 'app://zhicheng/index.html')).toBe(false);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends an allow-listed link to the browser instead of navigating', () => {
    expect(contents.emitNavigation('will-navigate', 'https://ggfw.rlsbj.cq.gov.cn/zcps/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://ggfw.rlsbj.cq.gov.cn/zcps/');
  });

  it('never opens a new window, and opens only allow-listed https links outside', () => {
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://zhicheng/index.html')).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.openWindow('https://ggfw.rlsbj.cq.gov.cn/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://ggfw.rlsbj.cq.gov.cn/');
  });
});

describe('external links', () => {
  it('lists the official portal', () => {
    expect(EXTERNAL_URL_ALLOW_LIST).toContain('ggfw.rlsbj.cq.gov.cn');
  });

  it.each(['https://ggfw.rlsbj.cq.gov.cn/', 'https://GGFW.rlsbj.cq.gov.cn/path?q=1'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://ggfw.rlsbj.cq.gov.cn/',
    'https://ggfw.rlsbj.cq.gov.cn.evil.example/',
    'https://evil.example/?ggfw.rlsbj.cq.gov.cn',
    'https://ggfw.rlsbj.cq.gov.cn@evil.example/',
    'https://user:pw@ggfw.rlsbj.cq.gov.cn/',
    'https://ggfw.rlsbj.cq.gov.cn:8443/',
    'file:///etc/passwd',
    'smb://ggfw.rlsbj.cq.gov.cn/share',
    'javascript:alert(1)',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    denyAllPermissions(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://zhicheng', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({})).toBe(false);
  });
});

describe('renderer paths', () => {
  const root = path.resolve('/srv/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererPath(root, 'app://zhicheng/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://zhicheng/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://zhicheng/assets/a%20b.js?v=1#x')).toBe(
      path.join(root, 'assets', 'a b.js'),
    );
  });

  it.each([
    'app://zhicheng/..%2f..%2fetc%2fpasswd',
    'app://zhicheng/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://zhicheng/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://zhicheng/..%5c..%5cwindows%5cwin.ini',
    'app://zhicheng/index.html%00.png',
    'app://zhicheng/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveRendererPath(root, url)).toBeNull();
  });

  it.each([
    'app://zhicheng/../../etc/passwd',
    'app://zhicheng/%2e%2e/%2e%2e/etc/passwd',
    'app://zhicheng/assets/.%2e/.%2e/.%2e/etc/passwd',
  ])('keeps %s inside the folder (the URL parser folds these dot segments first)', (url) => {
    expect(resolveRendererPath(root, url)).toBe(path.join(root, 'etc', 'passwd'));
  });
});
