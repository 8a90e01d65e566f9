// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AppSettings,
  PrintSettings,
  ServerConnectionResult,
  SettingLocks,
  SettingsView,
} from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi, individualUser } from './fake-app-api';

/** 设置: the values in effect, a preset field read-only, what to fix beside a field, saving, the connection test. */

afterEach(cleanup);

const settings: AppSettings = {
  server: { mode: 'remote', url: 'https://zc.example.gov.cn' },
  syncIntervalMinutes: 5,
  defaultPrinter: 'HP_LaserJet',
};
const print: PrintSettings = {
  supervisingPhone: '院人事科 023-63891234',
  publicityPlace: '门诊楼一楼公示栏',
};

function settingsApi(
  options: { locked?: SettingLocks; restartAfterSave?: boolean; signedOut?: boolean } = {},
) {
  const calls = {
    saved: [] as AppSettings[],
    printSaved: [] as PrintSettings[],
    tested: [] as string[],
  };
  const view = (value: AppSettings, restartNeeded = false): SettingsView => ({
    settings: value,
    locked: options.locked ?? {},
    restartNeeded,
    configProblem: null,
  });
  const api = fakeApi(
    {
      getAppSettings: async () => ({ ok: true, value: view(settings) }) as const,
      saveAppSettings: async (input: AppSettings) => {
        calls.saved.push(input);
        return { ok: true, value: view(input, options.restartAfterSave ?? false) } as const;
      },
      getPrintSettings: async () => ({ ok: true, value: print }) as const,
      savePrintSettings: async (input: PrintSettings) => {
        calls.printSaved.push(input);
        return { ok: true, value: input } as const;
      },
      listPrinters: async () =>
        ({
          ok: true,
          value: {
            printers: [
              { name: 'HP_LaserJet', displayName: 'HP LaserJet', isDefault: false },
              { name: 'Canon', displayName: 'Canon LBP', isDefault: true },
            ],
          },
        }) as const,
      testServerConnection: async ({ url }: { url: string }) => {
        calls.tested.push(url);
        const value: ServerConnectionResult = url.includes('example')
          ? { reachable: true, demo: false, message: '连接成功' }
          : { reachable: false, demo: false, message: '无法连接到该地址,请检查网址和网络' };
        return { ok: true, value } as const;
      },
    },
    { user: options.signedOut ? null : individualUser },
  );
  return { api, calls };
}

async function openSettings(api: ReturnType<typeof settingsApi>['api']) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole('menuitem', { name: '设置' }));
  await screen.findByLabelText('中心服务器地址');
}

describe('设置', () => {
  it('opens from the login screen too, since a wrong server address would keep everyone out', async () => {
    const { api, calls } = settingsApi({ signedOut: true });
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: /设置/ }));
    const url = await screen.findByLabelText('中心服务器地址');
    await userEvent.clear(url);
    await userEvent.type(url, 'https://zc2.example.gov.cn');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.saved.at(-1)?.server.url).toBe('https://zc2.example.gov.cn'));
    await userEvent.click(screen.getByRole('button', { name: /返回登录/ }));
    expect(await screen.findByPlaceholderText('用户名/手机号码/身份证号')).toBeInTheDocument();
  });

  it('shows the settings in effect and the print settings', async () => {
    const { api } = settingsApi();
    await openSettings(api);
    expect(screen.getByRole('radio', { name: '中心服务器' })).toBeChecked();
    expect(screen.getByLabelText('中心服务器地址')).toHaveValue('https://zc.example.gov.cn');
    expect(screen.getByLabelText('自动同步间隔')).toHaveValue('5');
    expect(screen.getByText('HP LaserJet')).toBeInTheDocument();
    expect(screen.getByLabelText('受理(监督)部门及电话')).toHaveValue('院人事科 023-63891234');
    expect(screen.getByLabelText('公示地点')).toHaveValue('门诊楼一楼公示栏');
    expect(screen.queryByText('由管理员统一设置')).toBeNull();
  });

  it('shows a preset field read-only, with who set it', async () => {
    const { api } = settingsApi({ locked: { syncIntervalMinutes: 'config' } });
    await openSettings(api);
    expect(screen.getByLabelText('自动同步间隔')).toBeDisabled();
    expect(screen.getByText('由管理员统一设置')).toBeInTheDocument();
    expect(screen.getByLabelText('中心服务器地址')).toBeEnabled();
  });

  it('says what is wrong with an address beside it, keeps the text, and saves nothing', async () => {
    const { api, calls } = settingsApi();
    await openSettings(api);
    const url = screen.getByLabelText('中心服务器地址');
    await userEvent.clear(url);
    await userEvent.type(url, 'zc.example.gov.cn');
    expect(await screen.findByText(/中心服务器地址应以 http:\/\/ 或 https:\/\/ 开头/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(url).toHaveValue('zc.example.gov.cn');
    expect(calls.saved).toEqual([]);
    expect(screen.queryByText(/已保存/)).toBeNull();

    const interval = screen.getByLabelText('自动同步间隔');
    await userEvent.clear(interval);
    await userEvent.type(interval, '300');
    expect(await screen.findByText('自动同步间隔不能超过240分钟(4小时)')).toBeInTheDocument();
    expect(interval).toHaveValue('300');
  });

  it('saves the settings and the print settings, and says a new server needs a restart', async () => {
    const { api, calls } = settingsApi({ restartAfterSave: true });
    await openSettings(api);
    const url = screen.getByLabelText('中心服务器地址');
    await userEvent.clear(url);
    await userEvent.type(url, 'https://zc.cq.gov.cn');
    const place = screen.getByLabelText('公示地点');
    await userEvent.clear(place);
    await userEvent.type(place, '住院部公示栏');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('已保存。服务器设置将在重新启动程序后生效')).toBeInTheDocument();
    expect(calls.saved).toEqual([{ ...settings, server: { mode: 'remote', url: 'https://zc.cq.gov.cn' } }]);
    expect(calls.printSaved).toEqual([{ ...print, publicityPlace: '住院部公示栏' }]);
  });

  it('tests the connection to the address typed and shows the answer', async () => {
    const { api, calls } = settingsApi();
    await openSettings(api);
    await userEvent.click(screen.getByRole('button', { name: '测试连接' }));
    expect(await screen.findByText('连接成功')).toBeInTheDocument();

    const url = screen.getByLabelText('中心服务器地址');
    await userEvent.clear(url);
    await userEvent.type(url, 'http://10.0.0.9:8787');
    // The old answer is about the old address.
    expect(screen.queryByText('连接成功')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '测试连接' }));
    expect(await screen.findByText('无法连接到该地址,请检查网址和网络')).toBeInTheDocument();
    await waitFor(() => expect(calls.tested).toEqual(['https://zc.example.gov.cn', 'http://10.0.0.9:8787']));

    // The embedded server needs no address and no test.
    await userEvent.click(screen.getByRole('radio', { name: '内置服务器(演示数据)' }));
    expect(screen.getByRole('button', { name: '测试连接' })).toBeDisabled();
    expect(url).toBeDisabled();
  });
});
