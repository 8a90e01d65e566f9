import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { AppFailure } from '../../src-shared/contracts';
import type { PdfPrinter, PdfPrintOutcome } from '../core/print/pdf-printer';

const CANNOT_PRINT = '无法打印,也无法在系统PDF阅读器中打开这份文件,请使用“另存为PDF”保存后再打印';

/** The window that holds the PDF while it prints: never shown, no Node, nothing but Chromium's PDF viewer. */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    // Chromium's PDF viewer is a plugin.
    plugins: true,
    devTools: false,
  },
} as const;

/**
 * Prints a PDF through the system print dialog: the file is loaded in a hidden window (Chromium's PDF
 * viewer) and printed from there. When that fails (no printer driver, a viewer that cannot print), the
 * file opens in the system's PDF viewer instead, whose own print works. Jobs run one at a time: a second
 * print dialog over the first would confuse anyone.
 */
export function createElectronPdfPrinter({
  tempDir,
  defaultPrinter = async () => '',
}: {
  tempDir: string;
  /** The printer the dialog starts on (设置 → 默认打印机); '' for the system's default. */
  defaultPrinter?: () => Promise<string>;
}): PdfPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  const print = async (pdf: Uint8Array, fileName: string): Promise<PdfPrintOutcome> => {
    // A folder per job keeps the user's file name, which the viewer shows, without clashes.
    const folder = path.join(tempDir, randomUUID());
    const file = path.join(folder, path.basename(fileName));
    await mkdir(folder, { recursive: true });
    await writeFile(file, pdf);
    let outcome: PdfPrintOutcome | 'failed';
    try {
      outcome = await printInHiddenWindow(file, await defaultPrinter());
    } catch (error) {
      console.error('[print] the hidden window could not print', error);
      outcome = 'failed';
    }
    if (outcome !== 'failed') {
      await rm(folder, { recursive: true, force: true });
      return outcome;
    }
    // The viewer reads the file after this returns: it stays until the temp folder is cleared.
    const problem = await shell.openPath(file);
    if (problem !== '') throw new AppFailure('SERVER_ERROR', CANNOT_PRINT);
    return 'openedInViewer';
  };
  return {
    print: (pdf, fileName) => {
      const job = queue.then(() => print(pdf, fileName));
      queue = job.catch(() => undefined);
      return job;
    },
  };
}

async function printInHiddenWindow(file: string, deviceName: string): Promise<PdfPrintOutcome | 'failed'> {
  const window = new BrowserWindow(PRINT_WINDOW_OPTIONS);
  try {
    // Nothing in a PDF may take the window elsewhere or open another.
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await window.loadFile(file);
    return await new Promise((resolve) => {
      const options = { silent: false, printBackground: true, ...(deviceName === '' ? {} : { deviceName }) };
      window.webContents.print(options, (success, failureReason) => {
        if (success) resolve('printed');
        else resolve(failureReason === 'cancelled' ? 'cancelled' : 'failed');
      });
    });
  } finally {
    window.destroy();
  }
}
