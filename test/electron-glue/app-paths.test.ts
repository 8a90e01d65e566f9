import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths, serverUrlFromEnv } from '../../src-main/electron/app-paths';

describe('app paths', () => {
  it('finds the preload, renderer, server and font next to the main bundle', () => {
    const mainDir = path.resolve('/opt/ZhichengDesk/resources/app.asar/dist/electron');
    expect(resolveAppPaths(mainDir)).toEqual({
      preload: path.join(mainDir, 'preload.cjs'),
      rendererDir: path.resolve('/opt/ZhichengDesk/resources/app.asar/dist/renderer'),
      serverEntry: path.resolve('/opt/ZhichengDesk/resources/app.asar/dist/server/process-entry.js'),
      coreEntry: path.resolve('/opt/ZhichengDesk/resources/app.asar/dist/electron/core-entry.js'),
      fontsDir: path.resolve('/opt/ZhichengDesk/resources/app.asar/dist/fonts'),
    });
  });
});

describe('central server from the environment', () => {
  it('uses the embedded server when unset or blank', () => {
    expect(serverUrlFromEnv({})).toBeNull();
    expect(serverUrlFromEnv({ ZHICHENG_SERVER_URL: '  ' })).toBeNull();
  });

  it('takes an http(s) URL without trailing slashes', () => {
    expect(serverUrlFromEnv({ ZHICHENG_SERVER_URL: 'https://zc.example.gov.cn/' })).toBe(
      'https://zc.example.gov.cn',
    );
    expect(serverUrlFromEnv({ ZHICHENG_SERVER_URL: 'http://10.0.0.5:8787' })).toBe('http://10.0.0.5:8787');
  });

  it('refuses anything else instead of falling back to demo data', () => {
    expect(() => serverUrlFromEnv({ ZHICHENG_SERVER_URL: 'zc.example.gov.cn' })).toThrow(/not a URL/);
    expect(() => serverUrlFromEnv({ ZHICHENG_SERVER_URL: 'file:///etc/passwd' })).toThrow(/http/);
  });
});
