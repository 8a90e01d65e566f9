import { grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import { cachedMeasure, type MeasureText, wrapText } from './text-wrap';

/**
 * Ruled tables on PDF pages, shared by the 公示表 and the 公示名单: cells of wrapped text, rows placed down
 * the page and continued on the next, a row taller than what is left of a page split between its lines,
 * and label cells that span a group of rows (repeated on each page the group reaches).
 *
 * Coordinates are PDF points from the bottom left of the page, as pdf-lib draws.
 */

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

const BLACK = grayscale(0);
const BORDER_WIDTH = 0.75;
/**
 * Where the middle of a CJK character sits above the baseline, in ems (Noto Sans SC's ideographic em box
 * runs from -0.12 to 0.88): text is centred on its line by this point, so 中 sits in the middle of a cell.
 */
const CJK_MIDDLE_EM = 0.38;

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  readonly lineHeight: number;
  /** Space between a cell's border and its text. */
  readonly padX: number;
  readonly padY: number;
}

/** `style.font`'s width measure at `style.size`, remembered per text. */
export function measureOf(style: TextStyle): MeasureText {
  return cachedMeasure((text) => style.font.widthOfTextAtSize(text, style.size));
}

export type Align = 'left' | 'center' | 'right';

export interface TableCell {
  /** From the table's left edge. */
  readonly x: number;
  readonly width: number;
  readonly lines: readonly string[];
  readonly align: Align;
  /** Text at the top of the cell instead of in its middle. */
  readonly top?: boolean;
  /** A line at the bottom right of the cell, e.g. the date under 单位(盖章); not split across pages. */
  readonly footer?: string;
}

/** A cell drawn to the left of a group of rows, across all of them. */
export interface LeadCell {
  readonly x: number;
  readonly width: number;
  readonly lines: readonly string[];
}

export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly minHeight: number;
  /** Rows of a group share the same LeadCell object. */
  readonly lead?: LeadCell;
}

/** The lines of `text` in a cell of `width`, inside its padding. */
export function cellLines(text: string, width: number, style: TextStyle, measure: MeasureText): string[] {
  return wrapText(text, width - 2 * style.padX, measure);
}

function lineCount(row: TableRow): number {
  return Math.max(1, ...row.cells.map((cell) => cell.lines.length));
}

/** The height of a row drawn whole. */
export function rowHeight(row: TableRow, style: TextStyle): number {
  return Math.max(lineCount(row) * style.lineHeight + 2 * style.padY, row.minHeight);
}

/** The height `lines` lines of text need in a cell. */
export function linesHeight(lines: number, style: TextStyle): number {
  return lines * style.lineHeight + 2 * style.padY;
}

/** A row drawn whole, e.g. a header repeated on every page. */
export function wholePiece(row: TableRow, style: TextStyle): RowPiece {
  return { row, firstLine: 0, lines: lineCount(row), height: rowHeight(row, style), whole: true };
}

/** Part of a row on one page: lines [firstLine, firstLine + lines) of each cell, or the whole row. */
export interface RowPiece {
  readonly row: TableRow;
  readonly firstLine: number;
  readonly lines: number;
  readonly height: number;
  readonly whole: boolean;
}

/**
 * Rows placed on pages: `space(pageIndex)` is the height the table may take on that page. A row goes whole
 * onto the page where it fits, starting a new page when it does not fit what is left; only a row taller
 * than a whole page is split, between lines of text.
 */
export function paginate(
  rows: readonly TableRow[],
  style: TextStyle,
  space: (pageIndex: number) => number,
): RowPiece[][] {
  const pages: RowPiece[][] = [[]];
  let left = space(0);
  const newPage = () => {
    pages.push([]);
    left = space(pages.length - 1);
  };
  const pageIsEmpty = () => (pages.at(-1) ?? []).length === 0;
  for (const row of rows) {
    const height = rowHeight(row, style);
    if (height > left && !pageIsEmpty() && height <= space(pages.length)) newPage();
    if (height <= left) {
      pages.at(-1)?.push({ row, firstLine: 0, lines: lineCount(row), height, whole: true });
      left -= height;
      continue;
    }
    // Taller than a page: as many lines as fit on each page, the rest on the next.
    let firstLine = 0;
    const total = lineCount(row);
    while (firstLine < total) {
      let fitting = Math.floor((left - 2 * style.padY) / style.lineHeight);
      if (fitting < 1) {
        newPage();
        fitting = Math.max(1, Math.floor((left - 2 * style.padY) / style.lineHeight));
      }
      const lines = Math.min(fitting, total - firstLine);
      const last = firstLine + lines >= total;
      const pieceHeight = last
        ? Math.max(linesHeight(lines, style), row.minHeight - linesHeight(firstLine, style))
        : linesHeight(lines, style);
      pages.at(-1)?.push({ row, firstLine, lines, height: pieceHeight, whole: false });
      left -= pieceHeight;
      firstLine += lines;
    }
  }
  return pages;
}

function drawBox(page: PDFPage, x: number, top: number, width: number, height: number): void {
  page.drawRectangle({
    x,
    y: top - height,
    width,
    height,
    borderWidth: BORDER_WIDTH,
    borderColor: BLACK,
  });
}

/** Draws `lines` in the box, one under the other, the block in the box's middle or at its top. */
function drawLines(
  page: PDFPage,
  lines: readonly string[],
  box: { x: number; top: number; width: number; height: number },
  align: Align,
  atTop: boolean,
  style: TextStyle,
  measure: MeasureText,
): void {
  const blockHeight = lines.length * style.lineHeight;
  const blockTop = atTop ? box.top - style.padY : box.top - (box.height - blockHeight) / 2;
  lines.forEach((line, i) => {
    if (line === '') return;
    const width = measure(line);
    const x =
      align === 'left'
        ? box.x + style.padX
        : align === 'right'
          ? box.x + box.width - style.padX - width
          : box.x + (box.width - width) / 2;
    const middle = blockTop - (i + 0.5) * style.lineHeight;
    page.drawText(line, {
      x,
      y: middle - CJK_MIDDLE_EM * style.size,
      size: style.size,
      font: style.font,
      color: BLACK,
    });
  });
}

/**
 * Draws the pieces of one page from `top` down, starting at `left`, and the lead cells of the groups they
 * belong to across the pieces of each group. Returns where the table ends.
 */
export function drawPieces(
  page: PDFPage,
  pieces: readonly RowPiece[],
  left: number,
  top: number,
  style: TextStyle,
  measure: MeasureText,
): number {
  let y = top;
  let lead: { cell: LeadCell; top: number; height: number } | null = null;
  const drawLead = () => {
    if (lead === null) return;
    const box = { x: left + lead.cell.x, top: lead.top, width: lead.cell.width, height: lead.height };
    drawBox(page, box.x, box.top, box.width, box.height);
    drawLines(page, lead.cell.lines, box, 'center', false, style, measure);
    lead = null;
  };
  for (const piece of pieces) {
    const { row } = piece;
    if (lead !== null && lead.cell !== row.lead) drawLead();
    if (row.lead !== undefined) {
      if (lead === null) lead = { cell: row.lead, top: y, height: 0 };
      lead.height += piece.height;
    }
    for (const cell of row.cells) {
      const box = { x: left + cell.x, top: y, width: cell.width, height: piece.height };
      drawBox(page, box.x, box.top, box.width, box.height);
      const lines = cell.lines.slice(piece.firstLine, piece.firstLine + piece.lines);
      drawLines(page, lines, box, cell.align, cell.top === true || !piece.whole, style, measure);
      const lastPiece = piece.firstLine + piece.lines >= lineCount(row);
      if (cell.footer !== undefined && lastPiece) {
        const footerBox = { ...box, top: box.top - box.height + style.lineHeight + style.padY };
        drawLines(page, [cell.footer], footerBox, 'right', true, style, measure);
      }
    }
    y -= piece.height;
  }
  drawLead();
  return y;
}

/** One line of text at a baseline, aligned on `x` (its left, centre or right). */
export function drawTextLine(
  page: PDFPage,
  text: string,
  x: number,
  baseline: number,
  align: Align,
  font: PDFFont,
  size: number,
): void {
  const width = font.widthOfTextAtSize(text, size);
  const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
  page.drawText(text, { x: left, y: baseline, size, font, color: BLACK });
}

/** 第 N 页 共 M 页 at the foot of the page. */
export function drawPageNumber(page: PDFPage, pageNumber: number, pageCount: number, font: PDFFont): void {
  const { width } = page.getSize();
  drawTextLine(page, `第 ${pageNumber} 页 共 ${pageCount} 页`, width / 2, 26, 'center', font, 9);
}
