import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../../src-shared/contracts';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore, type AppCoreOptions } from '../../src-main/core/app-core';
import {
  AppSettingsStore,
  CONFIG_FILE_NAME,
  loadStartupSettings,
} from '../../src-main/core/settings/app-settings-store';
import { closedPort } from '../support/closed-port';
import { startRestartableServer, type RestartableServer } from '../support/review-server';

/** 设置: the user's settings in the data folder under the administrator's presets, and the connection test. */

let dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-settings-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A data folder and an installation folder, with the config file's path in the latter. */
async function machine(config?: unknown) {
  const dataDir = await tempDir();
  const configFile = path.join(await tempDir(), CONFIG_FILE_NAME);
  if (config !== undefined) {
    await writeFile(configFile, typeof config === 'string' ? config : JSON.stringify(config), 'utf8');
  }
  return { dataDir, configFile };
}

function coreWith(options: Partial<AppCoreOptions> & Pick<AppCoreOptions, 'dataDir'>) {
  return createAppCore({ serverUrl: 'http://127.0.0.1:1', mode: 'embedded', ...options });
}

const remote: AppSettings = {
  server: { mode: 'remote', url: 'https://zc.example.gov.cn' },
  syncIntervalMinutes: 10,
  defaultPrinter: 'HP LaserJet',
};

describe('app settings', () => {
  it('starts from the defaults, nothing locked', async () => {
    const { dataDir, configFile } = await machine();
    expect(await loadStartupSettings({ dataDir, env: {}, configFile })).toEqual({
      settings: DEFAULT_APP_SETTINGS,
      locked: {},
      configProblem: null,
    });
    const view = await dispatchAppCall(coreWith({ dataDir }).handlers, 'getAppSettings', undefined);
    expect(view).toEqual({
      ok: true,
      value: { settings: DEFAULT_APP_SETTINGS, locked: {}, restartNeeded: false, configProblem: null },
    });
  });

  it('keeps what the user saves in settings.json, and says a new server needs a restart', async () => {
    const { dataDir } = await machine();
    const core = coreWith({ dataDir, settings: new AppSettingsStore({ dataDir }) });
    const saved = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...remote,
      server: { mode: 'remote', url: '  https://zc.example.gov.cn/  ' },
    });
    expect(saved).toEqual({
      ok: true,
      value: { settings: remote, locked: {}, restartNeeded: true, configProblem: null },
    });
    expect(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual(remote);
    // Read again by the next start.
    expect((await loadStartupSettings({ dataDir })).settings).toEqual(remote);
    // The client running on that server needs no restart.
    const onIt = coreWith({ dataDir, mode: 'remote', serverUrl: 'https://zc.example.gov.cn' });
    expect(await onIt.handlers.getAppSettings(undefined)).toMatchObject({ restartNeeded: false });
  });

  it('refuses settings that are wrong, saying what to fix', async () => {
    const { dataDir } = await machine();
    const core = coreWith({ dataDir });
    const noUrl = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...remote,
      server: { mode: 'remote', url: '' },
    });
    expect(noUrl).toMatchObject({ ok: false, error: { fields: { 'server.url': '请填写中心服务器地址' } } });
    const ftp = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...remote,
      server: { mode: 'remote', url: 'ftp://zc.example.gov.cn' },
    });
    expect(ftp).toMatchObject({
      ok: false,
      error: { fields: { 'server.url': expect.stringMatching(/http:\/\//) } },
    });
    const slow = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...remote,
      syncIntervalMinutes: 241,
    });
    expect(slow).toMatchObject({
      ok: false,
      error: { fields: { syncIntervalMinutes: '自动同步间隔不能超过240分钟(4小时)' } },
    });
  });

  it('takes a preset from the config file and locks it; saving another value there is refused', async () => {
    const { dataDir, configFile } = await machine({ server: { url: 'https://zc.cq.gov.cn/' } });
    const store = new AppSettingsStore({ dataDir, env: {}, configFile });
    const loaded = await store.load();
    expect(loaded).toEqual({
      settings: { ...DEFAULT_APP_SETTINGS, server: { mode: 'remote', url: 'https://zc.cq.gov.cn' } },
      locked: { 'server.mode': 'config', 'server.url': 'config' },
      configProblem: null,
    });

    const core = coreWith({ dataDir, settings: store, mode: 'remote', serverUrl: 'https://zc.cq.gov.cn' });
    const refused = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...loaded.settings,
      server: { mode: 'embedded', url: '' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '“服务器”由管理员统一设置,不能在此修改' },
    });
    // The other fields stay the user's to change.
    const saved = await dispatchAppCall(core.handlers, 'saveAppSettings', {
      ...loaded.settings,
      syncIntervalMinutes: 5,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        settings: { server: { mode: 'remote', url: 'https://zc.cq.gov.cn' }, syncIntervalMinutes: 5 },
        restartNeeded: false,
      },
    });
    // The preset is not copied into the user's file: removing it gives back the user's own choice.
    await rm(configFile);
    expect((await store.load()).settings).toEqual({ ...DEFAULT_APP_SETTINGS, syncIntervalMinutes: 5 });
  });

  it('lets the environment beat the config file', async () => {
    const { dataDir, configFile } = await machine({
      server: { mode: 'embedded' },
      syncIntervalMinutes: 30,
      defaultPrinter: '财务室打印机',
    });
    const loaded = await loadStartupSettings({
      dataDir,
      configFile,
      env: { ZHICHENG_SERVER_URL: 'http://10.0.0.5:8787/', ZHICHENG_SYNC_INTERVAL_MINUTES: '15' },
    });
    expect(loaded).toEqual({
      settings: {
        server: { mode: 'remote', url: 'http://10.0.0.5:8787' },
        syncIntervalMinutes: 15,
        defaultPrinter: '财务室打印机',
      },
      locked: {
        'server.mode': 'env',
        'server.url': 'env',
        syncIntervalMinutes: 'env',
        defaultPrinter: 'config',
      },
      configProblem: null,
    });
    // A malformed variable stops the start rather than falling back to the demo data.
    await expect(
      loadStartupSettings({ dataDir, env: { ZHICHENG_SYNC_INTERVAL_MINUTES: 'often' } }),
    ).rejects.toThrow(/ZHICHENG_SYNC_INTERVAL_MINUTES/);
  });

  it('reports a broken config file instead of failing, and ignores it', async () => {
    const broken = await machine('{ "server": { "url": "https://zc.cq.gov.cn" }, ');
    const loaded = await loadStartupSettings({ ...broken, env: {} });
    expect(loaded.settings).toEqual(DEFAULT_APP_SETTINGS);
    expect(loaded.locked).toEqual({});
    expect(loaded.configProblem).toMatch(/^配置文件 .*zhicheng-desk\.config\.json 不是有效的JSON格式/);

    const wrong = await machine({ syncInterval: 5 });
    expect((await loadStartupSettings({ ...wrong })).configProblem).toMatch(/无法识别的设置项“syncInterval”/);
    // A value of the wrong type is named in Chinese, not in zod's "Invalid input: expected string".
    const printerNumber = await machine({ defaultPrinter: 5 });
    expect((await loadStartupSettings({ ...printerNumber, env: {} })).configProblem).toMatch(
      /有误:“defaultPrinter”填写的格式不正确,其中的设置均未生效/,
    );
    const noAddress = await machine({ server: { mode: 'remote' } });
    const view = await coreWith({
      dataDir: noAddress.dataDir,
      settings: new AppSettingsStore(noAddress),
    }).handlers.getAppSettings(undefined);
    expect(view).toMatchObject({ locked: {}, configProblem: expect.stringMatching(/请填写中心服务器地址/) });
  });

  it('lists the printers the host gives, none without', async () => {
    const { dataDir } = await machine();
    expect(await coreWith({ dataDir }).handlers.listPrinters(undefined)).toEqual({ printers: [] });
    const printers = [{ name: 'HP_LaserJet', displayName: 'HP LaserJet', isDefault: true }];
    const core = coreWith({ dataDir, printers: { list: async () => printers } });
    expect(await core.handlers.listPrinters(undefined)).toEqual({ printers });
  });
});

describe('testServerConnection', () => {
  let server: RestartableServer;
  beforeAll(async () => {
    server = await startRestartableServer();
  });
  afterAll(() => server.close());

  it('reaches the platform server, and says it holds demo data', async () => {
    const { dataDir } = await machine();
    const result = await dispatchAppCall(coreWith({ dataDir }).handlers, 'testServerConnection', {
      url: `${server.url}/`,
    });
    expect(result).toEqual({
      ok: true,
      value: { reachable: true, demo: true, message: '连接成功(该服务器使用演示数据)' },
    });
  });

  it('says a closed port cannot be reached', async () => {
    const { dataDir } = await machine();
    const port = await closedPort();
    const result = await coreWith({ dataDir }).handlers.testServerConnection({
      url: `http://127.0.0.1:${port}`,
    });
    expect(result).toEqual({ reachable: false, demo: false, message: '无法连接到该地址,请检查网址和网络' });
  });

  it('tells another web server from ours', async () => {
    const other = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>欢迎</html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const address = other.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const { dataDir } = await machine();
      const result = await coreWith({ dataDir }).handlers.testServerConnection({
        url: `http://127.0.0.1:${port}`,
      });
      expect(result).toMatchObject({
        reachable: false,
        message: expect.stringMatching(/不是职称系统服务器/),
      });
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('refuses an address that is not a web address', async () => {
    const { dataDir } = await machine();
    const result = await dispatchAppCall(coreWith({ dataDir }).handlers, 'testServerConnection', {
      url: 'zc.example.gov.cn',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { fields: { url: expect.stringMatching(/应以 http:\/\/ 或 https:\/\/ 开头/) } },
    });
  });
});
