import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu in Chinese. Built as data by a pure function (tests check it without Electron);
 * main turns it into a Menu. No 重新加载 or developer tools in a packaged build: a reload would only
 * lose what is being typed, and the tools are for developers.
 */
export interface AppMenuActions {
  isMac: boolean;
  /** A development build: adds 重新加载 and 开发者工具. */
  development: boolean;
  openLogFolder(): void;
  openDataFolder(): void;
  /** 导出诊断信息: the scrubbed logs and diagnostics.json in a zip, saved where the user chooses. */
  exportDiagnostics(): void;
  showAbout(): void;
}

/** What the error box says when the app cannot start; the cause is in the log, not shown in English. */
export function startupFailureText(logDir: string): string {
  return `程序无法启动,请重新打开重庆职称审核。如仍无法启动,请将日志文件夹 ${logDir} 中的日志发给单位信息员或管理员。`;
}

export function buildAppMenuTemplate(actions: AppMenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (actions.development) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: '重新加载' },
      { role: 'toggleDevTools', label: '开发者工具' },
    );
  }
  return [
    {
      label: '文件',
      submenu: [{ role: 'quit', label: actions.isMac ? '退出重庆职称审核' : '退出' }],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭窗口' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        { label: '打开日志文件夹', click: () => actions.openLogFolder() },
        { label: '打开数据文件夹', click: () => actions.openDataFolder() },
        { label: '导出诊断信息…', click: () => actions.exportDiagnostics() },
        { type: 'separator' },
        { label: '关于重庆职称审核', click: () => actions.showAbout() },
      ],
    },
  ];
}
