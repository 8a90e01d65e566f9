import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create, type Font as FontkitFont, type Subset as FontkitSubset } from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The Chinese font the printed forms are drawn with: Noto Sans SC Regular (OFL) from
 * @expo-google-fonts/noto-sans-sc, one weight only, embedded as a subset of the glyphs a document uses.
 *
 * The 10 MB file is read and parsed once per process and then shared by every document: parsing is
 * most of the cost of a one-page PDF otherwise.
 */

export const FONT_FILE_NAME = 'NotoSansSC_400Regular.ttf';
const FONT_MODULE_PATH = `@expo-google-fonts/noto-sans-sc/400Regular/${FONT_FILE_NAME}`;

/**
 * Where the font file is: `fontsDir/NotoSansSC_400Regular.ttf` when the caller knows a folder (a packaged
 * app copies the file into its resources, outside the asar), else the file in node_modules.
 */
export function resolveFontFile(fontsDir?: string): string {
  if (fontsDir !== undefined) return path.join(fontsDir, FONT_FILE_NAME);
  return createRequire(import.meta.url).resolve(FONT_MODULE_PATH);
}

/** The font loaded once: its bytes for pdf-lib and its parsed tables for glyph checks and layout. */
export interface ChineseFont {
  readonly file: string;
  /** Whether the font can draw the code point (an empty box otherwise). */
  hasGlyph(codePoint: number): boolean;
  /** Embeds the font into `doc` as a subset of the glyphs drawn with it. */
  embedInto(doc: PDFDocument): Promise<PDFFont>;
}

const loaded = new Map<string, Promise<ChineseFont>>();

/** The font of `resolveFontFile(fontsDir)`, read and parsed on the first call and cached after. */
export function loadChineseFont(fontsDir?: string): Promise<ChineseFont> {
  const file = resolveFontFile(fontsDir);
  let font = loaded.get(file);
  if (font === undefined) {
    font = readChineseFont(file);
    // A failed read (a missing file in a broken install) is not cached, so a retry after a repair works.
    font.catch(() => loaded.delete(file));
    loaded.set(file, font);
  }
  return font;
}

async function readChineseFont(file: string): Promise<ChineseFont> {
  const bytes = await readFile(file);
  const parsed = create(bytes);
  if (!('unitsPerEm' in parsed)) throw new Error(`${file} is a font collection, not a single font`);
  const fontkit = pdfLibFontkitOf(parsed);
  return {
    file,
    hasGlyph: (codePoint) => parsed.hasGlyphForCodePoint(codePoint),
    async embedInto(doc) {
      doc.registerFontkit(fontkit);
      return doc.embedFont(bytes, { subset: true });
    },
  };
}

/** pdf-lib's fontkit interface, which its index does not export. */
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * What pdf-lib's `registerFontkit` expects, over fontkit 2. pdf-lib was written against fontkit 1, whose
 * subsets had `encodeStream()`; fontkit 2 has `encode()` instead. (@pdf-lib/fontkit, the fork pdf-lib
 * suggests, has encodeStream but breaks CJK glyphs when it subsets.) `create` hands out the font parsed
 * once instead of parsing the bytes pdf-lib passes, which are always the same file's.
 */
function pdfLibFontkitOf(font: FontkitFont): PdfLibFontkit {
  const createSubset = font.createSubset.bind(font);
  const withEncodeStream = Object.assign(font, {
    createSubset: () => {
      const subset: FontkitSubset = createSubset();
      return Object.assign(subset, { encodeStream: () => encodedOnce(subset.encode()) });
    },
  });
  // The two libraries type the same font object separately (pdf-lib's Font describes fontkit 1).
  return { create: () => withEncodeStream as unknown as ReturnType<PdfLibFontkit['create']> };
}

interface SubsetStream {
  on(event: 'data' | 'end' | 'error', listener: (data: Uint8Array) => void): SubsetStream;
}

/** fontkit 1's stream, as far as pdf-lib reads it: one data event with the whole file, then end. */
function encodedOnce(bytes: Uint8Array): SubsetStream {
  const stream: SubsetStream = {
    on(event, listener) {
      if (event === 'data') listener(bytes);
      else if (event === 'end') listener(new Uint8Array(0));
      return stream;
    },
  };
  return stream;
}
