import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodePng, type GreyImage } from './png';

/**
 * The PDF checks of the print tests, with the tools a reader of the PDF would use: poppler (pdftoppm,
 * pdftotext, pdfinfo) and qpdf, run on the bytes written to a temporary file.
 */

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-print-'));
  try {
    const file = path.join(dir, 'form.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The pages (the first `last`, or all) as grey images at `dpi` (pdftoppm -r dpi -gray -png). */
export function renderPages(pdf: Uint8Array, dpi = 50, last?: number): Promise<GreyImage[]> {
  return withPdfFile(pdf, async (file, dir) => {
    const range = last === undefined ? [] : ['-l', String(last)];
    await run('pdftoppm', ['-r', String(dpi), ...range, '-gray', '-png', file, path.join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
    return Promise.all(pages.map(async (name) => decodePng(await readFile(path.join(dir, name)))));
  });
}

/** The PNG files pdftoppm writes for the pages, as they are (for a golden image). */
export function renderPagePngs(pdf: Uint8Array, dpi = 50): Promise<Buffer[]> {
  return withPdfFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, path.join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
    return Promise.all(pages.map((name) => readFile(path.join(dir, name))));
  });
}

/** The text of each page in reading order, each cell's lines together (pdftotext, split at form feeds). */
export function pageTexts(pdf: Uint8Array): Promise<string[]> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const pages = stdout.split('\f');
    if (pages.at(-1)?.trim() === '') pages.pop();
    return pages;
  });
}

/** The text inside a rectangle of a page, in points from the top left (pdftotext -x -y -W -H at 72 dpi). */
export function textInRegion(
  pdf: Uint8Array,
  page: number,
  region: { x: number; y: number; width: number; height: number },
): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const crop = [region.x, region.y, region.width, region.height].map((n) => String(Math.round(n)));
    const [x = '0', y = '0', w = '0', h = '0'] = crop;
    const { stdout } = await run('pdftotext', [
      ...['-enc', 'UTF-8', '-r', '72', '-f', String(page), '-l', String(page)],
      ...['-x', x, '-y', y, '-W', w, '-H', h, file, '-'],
    ]);
    return stdout;
  });
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word with its box in points from the top left (pdftotext -bbox). */
export function words(pdf: Uint8Array): Promise<Word[]> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const found: Word[] = [];
    let page = 0;
    for (const line of stdout.split('\n')) {
      if (line.includes('<page ')) page += 1;
      const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line,
      );
      if (match === null) continue;
      found.push({
        page,
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
        text: (match[5] ?? '').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>'),
      });
    }
    return found;
  });
}

/** pdfinfo's fields, e.g. Pages and Page size. */
export function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
    );
  });
}

/** qpdf --check's verdict: its output, and whether it found the file sound (exit 0, no warnings). */
export function qpdfCheck(pdf: Uint8Array): Promise<{ ok: boolean; output: string }> {
  return withPdfFile(pdf, async (file) => {
    try {
      const { stdout, stderr } = await run('qpdf', ['--check', file]);
      return { ok: !/WARNING/i.test(stdout + stderr), output: stdout + stderr };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  });
}
