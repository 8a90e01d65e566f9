import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  Menu,
  MessageChannelMain,
  safeStorage,
  screen,
  shell,
  utilityProcess,
  type MessagePortMain,
  type SaveDialogOptions,
} from 'electron';
import { defaultDataDir } from '../core/data-dir';
import {
  relayOutput,
  superviseEmbeddedServer,
  type EmbeddedServer,
  type ServerProcess,
} from '../core/embedded-server';
import { buildDiagnosticsZip } from '../core/log/diagnostics-zip';
import {
  installProcessFailureCapture,
  logChildProcessGone,
  logFailure,
  logRenderProcessGone,
} from '../core/log/failure-capture';
import { createFileLog, installConsoleCapture, logDirOf, relayLogLines } from '../core/log/file-log';
import { AppSettingsStore, CONFIG_FILE_NAME } from '../core/settings/app-settings-store';
import { resolveAppPaths } from './app-paths';
import { startCoreProcess, type CoreChild, type CoreProcess } from '../core/core-host/core-process';
import { registerCorePortIpc } from './ipc-adapter';
import { createElectronPdfPrinter } from './pdf-printer';
import { handleAppProtocol, registerAppSchemePrivileges } from './protocol';
import { SafeStorageTokenVault } from './safe-storage-vault';
import { buildAppMenuTemplate, startupFailureText } from './app-menu';
import { startLocalCrashReporter } from './crash-reporting';
import { createMainWindow } from './window';
import { readWindowState, restoredBounds, windowStateFile, writeWindowState } from './window-state';

/**
 * The desktop app: one instance per user, the renderer on `app://`, the core (cache, sync, drafts,
 * the 公示表) in a utilityProcess of its own that each window reaches over a MessagePort, and the
 * embedded platform server in another (or a central server from the settings). This process keeps
 * only windows, menus, dialogs, safeStorage and printing, so nothing the core does stalls a window.
 */

const paths = resolveAppPaths(path.dirname(fileURLToPath(import.meta.url)));

// The same folder the web host uses (honouring DATA_DIR), so both find one embedded database; set
// before anything reads userData, the single-instance lock included.
const dataDir = defaultDataDir(process.env);
app.setPath('userData', dataDir);
// Warnings and errors also go to <data>/logs (rotated), scrubbed of ID numbers, phones, passwords and tokens.
const log = createFileLog({ dir: logDirOf(dataDir) });
installConsoleCapture(log);
// Unhandled rejections and uncaught exceptions of this process, with the version and OS; minidumps of
// any process that crashes stay in <data>/logs/crashes (both before `ready`).
installProcessFailureCapture(log, 'main');
startLocalCrashReporter(app, crashReporter, dataDir);

// Must happen before `ready`; with ES modules only code before the first await is guaranteed to.
registerAppSchemePrivileges();
// Chromium's own words (the print dialog, the save dialog of 另存为PDF, a field's built-in hints) in
// Chinese even on a PC whose Windows is English; zh-CN is one of the two locales shipped.
app.commandLine.appendSwitch('lang', 'zh-CN');

// An administrator's presets sit beside the installed program (a checkout has none).
const configFile =
  process.env.ZHICHENG_CONFIG_FILE ??
  (app.isPackaged ? path.join(path.dirname(app.getPath('exe')), CONFIG_FILE_NAME) : null);
// Main reads the settings only for the default printer; the core owns them.
const settings = new AppSettingsStore({ dataDir, env: process.env, configFile });

const ownWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;
let core: CoreProcess<MessagePortMain> | null = null;
let started = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => {
    // No page of ours uses <webview>; refuse it even if webviewTag were turned on by mistake.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // A window's renderer or a helper process (the core, the embedded server, the GPU) that died.
  app.on('render-process-gone', (_event, _contents, details) => logRenderProcessGone(log, details));
  app.on('child-process-gone', (_event, details) => logChildProcessGone(log, details));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (started && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('will-quit', (event) => {
    const running = core;
    if (running === null) return;
    // Let the core close its cache and the server its database cleanly before the app goes.
    core = null;
    event.preventDefault();
    void running.stop().finally(() => app.quit());
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  try {
    handleAppProtocol(paths.rendererDir);
    installAppMenu();
    const tokenVault = new SafeStorageTokenVault({
      file: path.join(app.getPath('userData'), 'session-token.bin'),
      safeStorage,
    });
    // Files a PDF viewer was given last time are no longer open: clear them before printing again.
    const printDir = path.join(app.getPath('temp'), 'zhicheng-print');
    await rm(printDir, { recursive: true, force: true });
    const pdfPrinter = createElectronPdfPrinter({
      tempDir: printDir,
      defaultPrinter: async () => (await settings.load()).settings.defaultPrinter,
    });
    core = startCoreProcess<MessagePortMain>({
      fork: () => forkCoreProcess(),
      init: {
        dataDir,
        fontsDir: paths.fontsDir,
        configFile,
        nativePrinting: true,
        holdServerForFirstScreenMs: null,
      },
      createChannel: () => new MessageChannelMain(),
      startServer: (onUrl) => startEmbeddedServer(onUrl),
      host: {
        'vault.load': () => tokenVault.load(),
        'vault.save': (token) => tokenVault.save(String(token)),
        'vault.clear': () => tokenVault.clear(),
        'printers.list': async () =>
          ((await mainWindow?.webContents.getPrintersAsync()) ?? []).map((printer) => ({
            name: printer.name,
            displayName: printer.displayName || printer.name,
            // Electron does not say which is the system default; the empty choice stands for it.
            isDefault: false,
          })),
        'print.pdf': (pdfBase64, fileName) =>
          pdfPrinter.print(Buffer.from(String(pdfBase64), 'base64'), String(fileName)),
      },
      onUnexpectedExit: (code) => {
        logFailure(log, 'core', 'core process exited', { code });
        fail(new Error(`核心进程意外退出(代码 ${code})`));
      },
    });
    const running = core;
    registerCorePortIpc({
      isOwnWebContents: (id) => ownWebContents.has(id),
      connectWindow: (id) => running.connectWindow(id),
    });
    // The window opens at once; its calls wait in the preload until the core is ready.
    openMainWindow();
    await running.ready;
    started = true;
  } catch (error) {
    fail(error);
  }
}

function forkCoreProcess(): CoreChild<MessagePortMain> {
  const child = utilityProcess.fork(paths.coreEntry, [], {
    serviceName: 'ZhichengDesk core',
    // SERVER_URL, SYNC_INTERVAL_SECONDS, OFFLINE_PROBE_SECONDS and the ZHICHENG_* presets reach the core.
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: 'pipe',
  });
  relayOutput(child, relayLogLines(log, 'core'));
  return child;
}

function startEmbeddedServer(onUrl: (url: string) => void): EmbeddedServer {
  return superviseEmbeddedServer({
    fork: () => forkServerProcess(),
    // Every start listens on a new port; the core recreates its connection with it, the session token
    // stays in the vault and the session in the server's database, so the user stays logged in.
    onUrl,
    onGiveUp: (reason) => {
      if (started) fail(new Error(`内置服务器已停止运行:${reason}`));
    },
  });
}

function forkServerProcess(): ServerProcess {
  const child = utilityProcess.fork(paths.serverEntry, [], {
    serviceName: 'ZhichengDesk embedded server',
    env: { ...process.env, DATA_DIR: dataDir },
    // Its output goes to the same log file (scrubbed), not to a console nobody sees.
    stdio: 'pipe',
  });
  relayOutput(child, relayLogLines(log, 'server'));
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    postMessage: (message) => child.postMessage(message),
    kill: () => void child.kill(),
  };
}

function openMainWindow(): void {
  const stateFile = windowStateFile(app.getPath('userData'));
  const saved = readWindowState(stateFile);
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map(
    (display) => display.workArea,
  );
  mainWindow = createMainWindow({
    preloadPath: paths.preload,
    devTools: !app.isPackaged,
    bounds: restoredBounds(saved, displays),
    maximized: saved?.maximized ?? false,
    onCreated: (window) => {
      const id = window.webContents.id;
      ownWebContents.add(id);
      // The size it had before it was maximized is what the next start restores.
      window.on('close', () => {
        void writeWindowState(stateFile, {
          bounds: window.getNormalBounds(),
          maximized: window.isMaximized(),
        }).catch((error: unknown) => console.warn('[window] could not save its size', error));
      });
      window.on('closed', () => {
        ownWebContents.delete(id);
        if (mainWindow === window) mainWindow = null;
      });
    },
  });
}

function installAppMenu(): void {
  const template = buildAppMenuTemplate({
    isMac: process.platform === 'darwin',
    development: !app.isPackaged,
    openLogFolder: () => void shell.openPath(logDirOf(dataDir)),
    openDataFolder: () => void shell.openPath(dataDir),
    exportDiagnostics: () => void saveDiagnostics(),
    showAbout: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: '关于重庆职称审核',
        message: '重庆市专业技术人员服务平台 · 职称系统 单位审核客户端',
        detail: `版本 ${app.getVersion()}\n数据文件夹:${dataDir}`,
      }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * 帮助 → 导出诊断信息 from the menu: the zip the renderer's button gets from the core, built here, so
 * it works while the core is stuck or gone. The zip reads the caches' names itself, each file through
 * a read-only connection of its own (never the core's writer): a few queries on this thread for a rare
 * command. What only the core knows is who is signed in; their name is hidden here only where a cache
 * names them (their own decisions and comments).
 */
async function saveDiagnostics(): Promise<void> {
  try {
    const zip = await buildDiagnosticsZip({
      dataDir,
      settings: await settings.load().catch(() => null),
      role: 'main',
    });
    const options: SaveDialogOptions = {
      title: '导出诊断信息',
      defaultPath: path.join(app.getPath('documents'), zip.fileName),
      filters: [{ name: 'ZIP 压缩文件', extensions: ['zip'] }],
    };
    const window = mainWindow;
    const chosen = await (window === null
      ? dialog.showSaveDialog(options)
      : dialog.showSaveDialog(window, options));
    if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') return;
    await writeFile(chosen.filePath, zip.bytes);
  } catch (error) {
    console.error('[main] exporting the diagnostics failed', error);
    dialog.showErrorBox(
      '重庆职称审核',
      '导出诊断信息失败。请通过“帮助 → 打开日志文件夹”找到日志,发给单位信息员。',
    );
  }
}

function focusMainWindow(): void {
  const window = mainWindow;
  if (window === null) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function fail(error: unknown): void {
  // The cause (often English, from Node or SQLite) goes to the log; the user is told what to do.
  console.error('[main] startup failed', error);
  dialog.showErrorBox('重庆职称审核', startupFailureText(logDirOf(dataDir)));
  app.exit(1);
}
