import { PDFDocument, type PDFFont } from 'pdf-lib';
import { findMissingGlyphs, MissingGlyphsError, type PrintedText } from './glyph-check';
import { startOfBeijingDay } from '../../../src-shared/time/beijing-time';
import { loadChineseFont } from './pdf-font';

/**
 * A new PDF for printed forms: the font loaded (once per process), the texts checked against it before
 * anything is drawn, the font embedded, and the metadata set from the print date rather than the clock, so
 * the same print run gives the same document.
 */
export async function createPrintDocument(
  texts: Iterable<PrintedText>,
  meta: { title: string; printedOn: string; fontsDir?: string },
): Promise<{ doc: PDFDocument; font: PDFFont }> {
  const chineseFont = await loadChineseFont(meta.fontsDir);
  const missing = findMissingGlyphs(texts, chineseFont.hasGlyph);
  if (missing.length > 0) throw new MissingGlyphsError(missing);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const printedAt = startOfBeijingDay(meta.printedOn);
  doc.setTitle(meta.title);
  doc.setLanguage('zh-CN');
  doc.setCreator('zhicheng-desk');
  doc.setProducer('zhicheng-desk (pdf-lib)');
  if (!Number.isNaN(printedAt.getTime())) {
    doc.setCreationDate(printedAt);
    doc.setModificationDate(printedAt);
  }
  const font = await chineseFont.embedInto(doc);
  return { doc, font };
}
