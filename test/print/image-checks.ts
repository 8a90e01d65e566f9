import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodePng, encodeRgbPng, type GreyImage } from './png';

/**
 * Pixel checks on rendered pages: how much ink a region holds, how much two renderings differ, and the
 * comparison with a committed golden image that writes a diff figure when it fails.
 */

/** A rectangle in PDF points from the page's top left (as pdftotext -bbox gives them). */
export interface Region {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Grey levels further apart than this count as different pixels (anti-aliasing moves a few levels). */
const PIXEL_TOLERANCE = 24;

function pixelBox(image: GreyImage, region: Region, dpi: number) {
  const scale = dpi / 72;
  return {
    x0: Math.max(0, Math.floor(region.xMin * scale)),
    y0: Math.max(0, Math.floor(region.yMin * scale)),
    x1: Math.min(image.width, Math.ceil(region.xMax * scale)),
    y1: Math.min(image.height, Math.ceil(region.yMax * scale)),
  };
}

/** The share of the region's pixels that are darker than mid-grey. */
export function inkRatio(image: GreyImage, region: Region, dpi: number): number {
  const { x0, y0, x1, y1 } = pixelBox(image, region, dpi);
  let dark = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) if ((image.pixels[y * image.width + x] ?? 255) < 128) dark += 1;
  }
  return dark / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** The share of the region's pixels that differ between two renderings of the same size. */
export function differenceRatio(a: GreyImage, b: GreyImage, region: Region, dpi: number): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const { x0, y0, x1, y1 } = pixelBox(a, region, dpi);
  let different = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const at = y * a.width + x;
      if (Math.abs((a.pixels[at] ?? 0) - (b.pixels[at] ?? 0)) > PIXEL_TOLERANCE) different += 1;
    }
  }
  return different / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** Side of the square tiles whose differences are counted apart, in pixels. */
const TILE = 16;

/** The largest share of differing pixels in any TILE×TILE square: a changed word is local. */
function worstTileRatio(a: GreyImage, b: GreyImage): number {
  let worst = 0;
  for (let y = 0; y < a.height; y += TILE) {
    for (let x = 0; x < a.width; x += TILE) {
      const tile = {
        xMin: x,
        yMin: y,
        xMax: Math.min(a.width, x + TILE),
        yMax: Math.min(a.height, y + TILE),
      };
      worst = Math.max(worst, differenceRatio(a, b, tile, 72));
    }
  }
  return worst;
}

export interface GoldenResult {
  /** Share of pixels that differ; 1 when the sizes differ. */
  ratio: number;
  /**
   * The same within the worst square of the page: a word that changed moves few pixels of a whole page
   * (a date is under 0.1%), but many of its square.
   */
  worstTile: number;
  /** The diff figure: the actual page in grey, pixels only in the actual red, only in the golden blue. */
  diffFile: string | null;
  updated: boolean;
}

/**
 * Compares a rendered page with the committed golden PNG. UPDATE_GOLDEN=1 rewrites the golden image
 * instead. A missing golden image is a failure (ratio 1), so a lost file cannot pass silently.
 */
export async function compareWithGolden(actualPng: Buffer, goldenFile: string): Promise<GoldenResult> {
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(path.dirname(goldenFile), { recursive: true });
    await writeFile(goldenFile, actualPng);
    return { ratio: 0, worstTile: 0, diffFile: null, updated: true };
  }
  if (!existsSync(goldenFile)) {
    console.error(`No golden image at ${goldenFile}: run the test with UPDATE_GOLDEN=1 to create it.`);
    return { ratio: 1, worstTile: 1, diffFile: null, updated: false };
  }
  const actual = decodePng(actualPng);
  const golden = decodePng(await readFile(goldenFile));
  const diffFile = path.join(os.tmpdir(), `${path.basename(goldenFile, '.png')}-diff.png`);
  if (actual.width !== golden.width || actual.height !== golden.height) {
    await writeFile(diffFile.replace(/-diff\.png$/, '-actual.png'), actualPng);
    console.error(
      `Golden image ${goldenFile} is ${golden.width}x${golden.height}, the rendering ${actual.width}x${actual.height}.`,
    );
    return { ratio: 1, worstTile: 1, diffFile: null, updated: false };
  }
  const whole = { xMin: 0, yMin: 0, xMax: actual.width, yMax: actual.height };
  const ratio = differenceRatio(actual, golden, whole, 72);
  const worstTile = worstTileRatio(actual, golden);
  const rgb = new Uint8Array(actual.width * actual.height * 3);
  for (let i = 0; i < actual.pixels.length; i += 1) {
    const a = actual.pixels[i] ?? 255;
    const g = golden.pixels[i] ?? 255;
    const faint = 155 + Math.round(a / 2.55);
    const [r, gr, b] =
      Math.abs(a - g) <= PIXEL_TOLERANCE ? [faint, faint, faint] : a < g ? [220, 0, 0] : [0, 60, 230];
    rgb.set([r, gr, b], i * 3);
  }
  await writeFile(diffFile, encodeRgbPng(actual.width, actual.height, rgb));
  console.log(
    `${path.basename(goldenFile)}: ${(ratio * 100).toFixed(3)}% of pixels differ from the golden image, ` +
      `${(worstTile * 100).toFixed(1)}% in the worst ${TILE}×${TILE} square ` +
      `(diff figure: ${diffFile}; red only in this rendering, blue only in the golden one)`,
  );
  return { ratio, worstTile, diffFile, updated: false };
}
