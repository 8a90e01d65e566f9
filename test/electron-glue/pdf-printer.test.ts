import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, shell } from 'electron';
import { createElectronPdfPrinter, PRINT_WINDOW_OPTIONS } from '../../src-main/electron/pdf-printer';
import { printAnswer, type FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

/** Printing a PDF in a hidden window, with the system PDF viewer as the fallback (Electron mocked). */

interface FakeWindow {
  options: typeof PRINT_WINDOW_OPTIONS;
  webContents: FakeWebContents;
  loadFile: ReturnType<typeof vi.fn>;
  destroy: ReturnType<typeof vi.fn>;
}
const windows = (BrowserWindow as unknown as { created: FakeWindow[] }).created;
const PDF = new TextEncoder().encode('%PDF-1.7 fake');

let tempDir: string;
beforeEach(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-print-'));
  windows.length = 0;
  vi.mocked(shell.openPath).mockClear();
});
afterEach(async () => {
  printAnswer.next = [true, ''];
  await rm(tempDir, { recursive: true, force: true });
});

describe('the Electron PDF printer', () => {
  it('prints the file from a hidden, locked-down window, then removes it', async () => {
    const printer = createElectronPdfPrinter({ tempDir });
    expect(await printer.print(PDF, '公示表-CQ2026-000003-吴雪.pdf')).toBe('printed');
    const [window] = windows;
    if (!window) throw new Error('no window');
    expect(window.options).toEqual(PRINT_WINDOW_OPTIONS);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false });
    expect(window.webContents.print).toHaveBeenCalledWith(
      { silent: false, printBackground: true },
      expect.any(Function),
    );
    expect(window.webContents.emitNavigation('will-navigate', 'https://example.com/')).toBe(true);
    expect(window.webContents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(window.destroy).toHaveBeenCalled();
    expect(shell.openPath).not.toHaveBeenCalled();
    expect(path.basename(String(window.loadFile.mock.calls[0]?.[0]))).toBe('公示表-CQ2026-000003-吴雪.pdf');
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('starts the dialog on the default printer of 设置', async () => {
    const printer = createElectronPdfPrinter({ tempDir, defaultPrinter: async () => 'HP LaserJet 1020' });
    await printer.print(PDF, 'a.pdf');
    expect(windows[0]?.webContents.print).toHaveBeenCalledWith(
      { silent: false, printBackground: true, deviceName: 'HP LaserJet 1020' },
      expect.any(Function),
    );
  });

  it('says cancelled when the user closes the dialog', async () => {
    printAnswer.next = [false, 'cancelled'];
    const printer = createElectronPdfPrinter({ tempDir });
    expect(await printer.print(PDF, 'a.pdf')).toBe('cancelled');
    expect(shell.openPath).not.toHaveBeenCalled();
  });

  it('opens the file in the system PDF viewer when printing fails, and keeps it for the viewer', async () => {
    printAnswer.next = [false, 'failed'];
    const printer = createElectronPdfPrinter({ tempDir });
    expect(await printer.print(PDF, '公示名单-3人.pdf')).toBe('openedInViewer');
    const opened = String(vi.mocked(shell.openPath).mock.calls[0]?.[0]);
    expect(path.basename(opened)).toBe('公示名单-3人.pdf');
    expect(await readFile(opened)).toEqual(Buffer.from(PDF));
    expect(windows[0]?.destroy).toHaveBeenCalled();
  });

  it('refuses with a Chinese message when neither printing nor the viewer works', async () => {
    printAnswer.next = [false, 'failed'];
    vi.mocked(shell.openPath).mockResolvedValueOnce('No application is associated');
    const printer = createElectronPdfPrinter({ tempDir });
    await expect(printer.print(PDF, 'a.pdf')).rejects.toMatchObject({
      error: { code: 'SERVER_ERROR', message: expect.stringContaining('另存为PDF') },
    });
  });

  it('keeps a file name from leaving its folder', async () => {
    const printer = createElectronPdfPrinter({ tempDir });
    await printer.print(PDF, '../../escape.pdf');
    const file = String(windows[0]?.loadFile.mock.calls[0]?.[0]);
    expect(file.startsWith(tempDir)).toBe(true);
    expect(path.basename(file)).toBe('escape.pdf');
  });
});
