import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  fitScale,
  isCancellation,
  MAX_CANVAS_PIXELS,
  MAX_FIT_SCALE,
  nextPageToRender,
  outputScale,
  pageCountText,
  pagesToRelease,
  PdfDataError,
  previewErrorText,
  printErrorText,
  printProgressText,
  printStyleSheet,
  renderProgressText,
} from '../../src-renderer/features/publicity-print/preview-model';
import { PageRenderError } from '../../src-renderer/features/publicity-print/page-renderer';

const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;

describe('decodeBase64', () => {
  it('decodes base64 to the bytes, ignoring line breaks and a data: URL prefix', () => {
    const text = Buffer.from('%PDF-1.7 预览').toString('base64');
    const expected = new Uint8Array(Buffer.from('%PDF-1.7 预览'));
    expect(decodeBase64(text)).toEqual(expected);
    expect(decodeBase64(`${text.slice(0, 8)}\r\n${text.slice(8)}`)).toEqual(expected);
    expect(decodeBase64(`data:application/pdf;base64,${text}`)).toEqual(expected);
  });

  it('says the data cannot be decoded for text that is not base64', () => {
    expect(() => decodeBase64('不是base64!')).toThrow(PdfDataError);
    expect(previewErrorText(new PdfDataError())).toBe('预览失败:PDF数据无法解码');
  });
});

describe('fitScale and outputScale', () => {
  it('fits a portrait or landscape A4 page to the width, within bounds', () => {
    expect(fitScale(A4_WIDTH, 800) * A4_WIDTH).toBeCloseTo(800);
    expect(fitScale(A4_HEIGHT, 800) * A4_HEIGHT).toBeCloseTo(800);
    expect(fitScale(A4_WIDTH, 4000)).toBe(MAX_FIT_SCALE);
    expect(fitScale(A4_WIDTH, 0)).toBe(1);
  });

  it('uses the device pixel ratio unless the canvas would be too large', () => {
    expect(outputScale(800, 1131, 2)).toBe(2);
    expect(outputScale(800, 1131, 0)).toBe(1);
    const capped = outputScale(4000, 5000, 3);
    expect(capped).toBeLessThan(3);
    expect(4000 * capped * 5000 * capped).toBeCloseTo(MAX_CANVAS_PIXELS, -2);
  });
});

describe('nextPageToRender', () => {
  it('draws the first page in view that needs it, else the first page never drawn', () => {
    expect(nextPageToRender(['pending', 'pending', 'pending'], new Set())).toBe(0);
    expect(nextPageToRender(['rendered', 'pending', 'pending', 'pending'], new Set([3, 2]))).toBe(2);
    expect(nextPageToRender(['rendered', 'released', 'stale', 'pending'], new Set([0, 1]))).toBe(1);
    expect(nextPageToRender(['rendered', 'stale', 'pending'], new Set([0]))).toBe(2);
  });

  it('has nothing to do when every page is drawn and those in view are current', () => {
    expect(nextPageToRender(['rendered', 'released', 'stale'], new Set([0]))).toBeUndefined();
    expect(nextPageToRender([], new Set())).toBeUndefined();
  });
});

describe('pagesToRelease', () => {
  const held = (pixels: number[]) => pixels.map((count, index) => ({ index, pixels: count }));

  it('lets nothing go within the budget', () => {
    expect(pagesToRelease(held([10, 10, 10]), new Set(), 0, 30)).toEqual([]);
  });

  it('lets the pages furthest from the view go first, never one near it', () => {
    expect(pagesToRelease(held([10, 10, 10, 10, 10]), new Set([2]), 2, 30)).toEqual([0, 4]);
    expect(pagesToRelease(held([10, 10, 10, 0, 10]), new Set([0]), 0, 20)).toEqual([4, 2]);
    expect(pagesToRelease(held([10, 10]), new Set([0, 1]), 0, 5)).toEqual([]);
  });
});

describe('texts', () => {
  it('shows the page being drawn of all, then the count', () => {
    expect(renderProgressText(0, 120)).toBe('正在生成预览… 第1页/共120页');
    expect(renderProgressText(119, 120)).toBe('正在生成预览… 第120页/共120页');
    expect(printProgressText(3, 4)).toBe('正在准备打印… 第4页/共4页');
    expect(pageCountText(120)).toBe('共120页');
  });

  it('says why a PDF cannot be previewed', () => {
    const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });
    expect(previewErrorText(named('InvalidPDFException', 'Invalid PDF structure.'))).toBe(
      '预览失败:文件不是有效的PDF',
    );
    expect(previewErrorText(named('PasswordException'))).toBe('预览失败:PDF已加密,无法预览');
    expect(previewErrorText(new Error('第3页无法显示(坏了)'))).toBe('预览失败:第3页无法显示(坏了)');
    expect(previewErrorText('?')).toBe('预览失败:未知错误');
  });

  it('says in Chinese what failed where pdf.js or the browser says it in English', () => {
    expect(previewErrorText(new Error('Bad FCHECK in flate stream: 120, 239'))).toBe(
      '预览失败:PDF内容无法显示',
    );
    expect(previewErrorText(new PageRenderError(3, new Error('Invalid stream: "FormatError"')))).toBe(
      '预览失败:第3页无法显示',
    );
    expect(previewErrorText(new PageRenderError(3, new Error('页面图像无法生成')))).toBe(
      '预览失败:第3页无法显示(页面图像无法生成)',
    );
    expect(printErrorText(new Error("Failed to execute 'toBlob' on 'HTMLCanvasElement'"))).toBe(
      '打印失败:无法生成打印页面,请关闭预览后重试',
    );
    expect(printErrorText(new Error('打印窗口无法打开'))).toBe('打印失败:打印窗口无法打开');
  });

  it('tells a cancelled render from a failure', () => {
    expect(isCancellation(Object.assign(new Error('x'), { name: 'RenderingCancelledException' }))).toBe(true);
    expect(isCancellation(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isCancellation(new Error('x'))).toBe(false);
  });
});

describe('printStyleSheet', () => {
  it('prints one borderless A4 sheet per page, landscape pages on landscape sheets', () => {
    const css = printStyleSheet();
    expect(css).toContain('@page { size: A4 portrait; margin: 0; }');
    expect(css).toContain('@page landscape { size: A4 landscape; margin: 0; }');
    expect(css).toContain('.sheet.landscape { page: landscape;');
  });
});
