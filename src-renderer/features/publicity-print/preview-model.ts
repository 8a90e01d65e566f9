/**
 * The PDF preview's pure parts: decoding, scales, which page to draw next and which to let go, and the
 * texts it shows. No DOM and no pdf.js here, so they are tested in plain Node.
 */

/** The widest a page is drawn, in CSS pixels per PDF point (2 = an A4 page 1190 px wide). */
export const MAX_FIT_SCALE = 2;
/** The narrowest, so a collapsed container still shows a page rather than a line. */
export const MIN_FIT_SCALE = 0.2;
/** One canvas's pixels at most (64 MB of bitmap); a finer device pixel ratio is capped to it. */
export const MAX_CANVAS_PIXELS = 16 * 1024 * 1024;
/**
 * The pixels all page canvases may hold together (about 256 MB). A batch of 100+ pages at a device pixel
 * ratio of 2 would need gigabytes, so pages far from the view give their bitmaps back beyond this and are
 * drawn again when scrolled to.
 */
export const RENDERED_PIXEL_BUDGET = 64 * 1024 * 1024;
/** Printed page images are drawn at this resolution. */
export const PRINT_DPI = 150;
/** PDF user space units per inch. */
export const PDF_POINTS_PER_INCH = 72;

/** Thrown for base64 text that is not base64. */
export class PdfDataError extends Error {
  constructor() {
    super('PDF数据无法解码');
    this.name = 'PdfDataError';
  }
}

/** The bytes of base64 text (whitespace ignored, a data: URL prefix tolerated). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const body = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  let binary: string;
  try {
    binary = atob(body);
  } catch {
    throw new PdfDataError();
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** CSS pixels per PDF point that make a page `pageWidth` points wide fill `availableWidth` CSS pixels. */
export function fitScale(pageWidth: number, availableWidth: number): number {
  if (!(pageWidth > 0) || !(availableWidth > 0)) return 1;
  return Math.min(MAX_FIT_SCALE, Math.max(MIN_FIT_SCALE, availableWidth / pageWidth));
}

/**
 * Device pixels per CSS pixel for a canvas of `cssWidth` x `cssHeight`: the device pixel ratio for sharp
 * text, lowered so the canvas stays within `maxPixels`.
 */
export function outputScale(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  maxPixels: number = MAX_CANVAS_PIXELS,
): number {
  const ratio = devicePixelRatio > 0 && Number.isFinite(devicePixelRatio) ? devicePixelRatio : 1;
  const area = cssWidth * cssHeight;
  if (!(area > 0)) return ratio;
  return Math.min(ratio, Math.sqrt(maxPixels / area));
}

/**
 * Where a page's canvas stands: never drawn; drawn at the current scale; drawn at an earlier scale (the
 * container was resized); or drawn once and its bitmap let go to stay within the pixel budget.
 */
export type PageState = 'pending' | 'rendered' | 'stale' | 'released';

/**
 * The page (0-based) to draw next: a page near the view that is not drawn at the current scale, else the
 * first page never drawn. Undefined when there is nothing to do until the view moves.
 */
export function nextPageToRender(
  states: readonly PageState[],
  near: ReadonlySet<number>,
): number | undefined {
  let nearest: number | undefined;
  for (const index of near) {
    const state = states[index];
    if (state !== undefined && state !== 'rendered' && (nearest === undefined || index < nearest)) {
      nearest = index;
    }
  }
  if (nearest !== undefined) return nearest;
  const pending = states.indexOf('pending');
  return pending === -1 ? undefined : pending;
}

export interface HeldBitmap {
  /** 0-based page index. */
  readonly index: number;
  /** Device pixels its canvas holds now (0 when it holds none). */
  readonly pixels: number;
}

/**
 * The pages (0-based) whose bitmaps to let go so all canvases hold at most `budget` pixels: never one
 * near the view, and the furthest from `focus` (the page in view) first.
 */
export function pagesToRelease(
  held: readonly HeldBitmap[],
  near: ReadonlySet<number>,
  focus: number,
  budget: number = RENDERED_PIXEL_BUDGET,
): number[] {
  let total = held.reduce((sum, page) => sum + page.pixels, 0);
  if (total <= budget) return [];
  const candidates = held
    .filter((page) => page.pixels > 0 && !near.has(page.index))
    .sort((a, b) => Math.abs(b.index - focus) - Math.abs(a.index - focus));
  const released: number[] = [];
  for (const page of candidates) {
    if (total <= budget) break;
    released.push(page.index);
    total -= page.pixels;
  }
  return released;
}

/** The progress line while pages are drawn: `done` pages of `total` are drawn, the next is being drawn. */
export function renderProgressText(done: number, total: number): string {
  return `正在生成预览… 第${Math.min(done + 1, total)}页/共${total}页`;
}

/** The progress line while page images for printing are drawn. */
export function printProgressText(done: number, total: number): string {
  return `正在准备打印… 第${Math.min(done + 1, total)}页/共${total}页`;
}

export function pageCountText(total: number): string {
  return `共${total}页`;
}

/** The error line for a PDF that cannot be shown: `预览失败:` and why, in words a user can act on. */
export function previewErrorText(error: unknown): string {
  return `预览失败:${previewErrorReason(error)}`;
}

/** The error line when printing fails: `打印失败:` and why. */
export function printErrorText(error: unknown): string {
  return `打印失败:${ownReason(error) ?? '无法生成打印页面,请关闭预览后重试'}`;
}

/**
 * The message of an error this program raised itself (they are written in Chinese), or null for one of
 * pdf.js or the browser ("Invalid PDF structure.", "Failed to execute 'toBlob'"): those are English and
 * say nothing a user can act on, so the caller says what failed in its own words instead.
 */
export function ownReason(error: unknown): string | null {
  if (!(error instanceof Error) || error.message === '') return null;
  return /[\u4e00-\u9fff]/.test(error.message) && !/[A-Za-z]{4,}/.test(error.message) ? error.message : null;
}

function previewErrorReason(error: unknown): string {
  if (!(error instanceof Error)) return '未知错误';
  switch (error.name) {
    case 'PdfDataError':
      return error.message;
    case 'InvalidPDFException':
      return '文件不是有效的PDF';
    case 'PasswordException':
      return 'PDF已加密,无法预览';
    case 'UnknownErrorException':
    case 'FormatError':
      return 'PDF内容无法解析';
    default:
      return ownReason(error) ?? 'PDF内容无法显示';
  }
}

/** Whether an error only says a render or load was cancelled (the preview was closed or replaced). */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' ||
      error.name === 'AbortException' ||
      error.name === 'RenderingCancelledException')
  );
}

/** Landscape when wider than tall. */
export function isLandscape(width: number, height: number): boolean {
  return width > height;
}

/** The scale (device pixels per PDF point) page images for printing are drawn at. */
export const PRINT_SCALE = PRINT_DPI / PDF_POINTS_PER_INCH;

/**
 * The print frame's style sheet: one image per A4 sheet without margins (the PDF has its own), portrait
 * or landscape per page through named pages, and nothing else on the sheet.
 */
export function printStyleSheet(): string {
  return [
    '@page { size: A4 portrait; margin: 0; }',
    '@page landscape { size: A4 landscape; margin: 0; }',
    'html, body { margin: 0; padding: 0; background: #fff; }',
    // A hair under the sheet, so rounding never spills a sheet onto a blank one.
    '.sheet { width: 210mm; height: 296.5mm; overflow: hidden; break-after: page; }',
    '.sheet.landscape { page: landscape; width: 297mm; height: 209.5mm; }',
    '.sheet:last-child { break-after: auto; }',
    '.sheet img { display: block; width: 100%; height: 100%; object-fit: contain; }',
  ].join('\n');
}
