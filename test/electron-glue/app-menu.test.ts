import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate, startupFailureText } from '../../src-main/electron/app-menu';

/** The application menu: Chinese labels, no reload or developer tools in a packaged build. */

function labels(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

function actions(development: boolean) {
  return {
    isMac: false,
    development,
    openLogFolder: vi.fn(),
    openDataFolder: vi.fn(),
    exportDiagnostics: vi.fn(),
    showAbout: vi.fn(),
  };
}

describe('application menu', () => {
  it('speaks Chinese throughout', () => {
    const all = labels(buildAppMenuTemplate(actions(true)));
    expect(all.slice(0, 2)).toEqual(['文件', '退出']);
    for (const label of all) expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(all).toEqual(expect.arrayContaining(['编辑', '复制', '粘贴', '视图', '窗口', '帮助']));
  });

  it('labels every item itself: a role left to Electron would be named in English ("Copy")', () => {
    const unlabelled = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [
        ...(item.type === 'separator' || item.label ? [] : [item]),
        ...(Array.isArray(item.submenu) ? unlabelled(item.submenu) : []),
      ]);
    for (const isMac of [false, true])
      expect(unlabelled(buildAppMenuTemplate({ ...actions(true), isMac }))).toEqual([]);
  });

  it('has no reload or developer tools in a packaged build', () => {
    const roles = (development: boolean) =>
      JSON.stringify(buildAppMenuTemplate(actions(development))).match(/"role":"(\w+)"/g) ?? [];
    expect(roles(false).join()).not.toMatch(/reload|toggleDevTools/);
    expect(roles(true).join()).toMatch(/reload/);
  });

  it('opens the log and data folders, exports the diagnostics and shows the about box from 帮助', () => {
    const given = actions(false);
    const help = buildAppMenuTemplate(given).find((item) => item.label === '帮助');
    const items = (help?.submenu ?? []) as MenuItemConstructorOptions[];
    const click = (label: string) =>
      (items.find((item) => item.label === label)?.click as (() => void) | undefined)?.();
    click('打开日志文件夹');
    click('打开数据文件夹');
    click('导出诊断信息…');
    click('关于重庆职称审核');
    expect(given.openLogFolder).toHaveBeenCalledTimes(1);
    expect(given.openDataFolder).toHaveBeenCalledTimes(1);
    expect(given.exportDiagnostics).toHaveBeenCalledTimes(1);
    expect(given.showAbout).toHaveBeenCalledTimes(1);
  });
});

describe('startup failure', () => {
  it('tells the user in Chinese what to do and where the log is, without the English cause', () => {
    const text = startupFailureText('C:\\Users\\li\\AppData\\Roaming\\zhicheng-desk\\logs');
    expect(text).toContain('程序无法启动');
    expect(text).toContain('C:\\Users\\li\\AppData\\Roaming\\zhicheng-desk\\logs');
    expect(text.replace(/\S*\\\S*/, '')).not.toMatch(/[A-Za-z]{4,}/);
  });
});
