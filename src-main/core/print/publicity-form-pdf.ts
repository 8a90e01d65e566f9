import type { PDFDocument, PDFFont } from 'pdf-lib';
import {
  findMissingGlyphs,
  formTexts,
  type MissingGlyph,
  optionTexts,
  type PrintedText,
} from './glyph-check';
import { createPrintDocument } from './pdf-document';
import { loadChineseFont } from './pdf-font';
import {
  A4,
  cellLines,
  drawPageNumber,
  drawPieces,
  drawTextLine,
  type LeadCell,
  linesHeight,
  measureOf,
  paginate,
  rowHeight,
  type TableCell,
  type TableRow,
  type TextStyle,
} from './pdf-table';
import {
  type FormCell,
  type FormRow,
  GRID_UNITS,
  PUBLICITY_FIELDS,
  PUBLICITY_FORM_GRID,
  PUBLICITY_FORM_HEADER,
  PUBLICITY_FORM_TITLE,
  type PrintFieldId,
  type PublicityFieldId,
} from './publicity-form-layout';
import type { PublicityFormInput } from './publicity-form-input';
import {
  printedOnText,
  publicityPeriodText,
  type PublicityPrintOptions,
  resolvePrintOptions,
  type ResolvedPrintOptions,
} from './print-options';
import type { MeasureText } from './text-wrap';

/**
 * The 公示表 as PDF: one form per applicant on A4, many forms in one document for a batch. Each form starts
 * on a new page; a form longer than a page continues on the next with a short header, and its pages are
 * numbered 第 N 页 共 M 页 (a one-page form has no number).
 */

const MARGIN_X = 42;
const MARGIN_TOP = 42;
/** Above the page number. */
const MARGIN_BOTTOM = 44;
const TITLE_SIZE = 18;
const HEADER_SIZE = 10.5;
const CONTINUATION_SIZE = 9;

const TABLE_LEFT = MARGIN_X;
const TABLE_WIDTH = A4.width - 2 * MARGIN_X;
/** Where the grid is on the page, in points from the left: for checks of what lands in which cell. */
export const FORM_TABLE = { left: TABLE_LEFT, width: TABLE_WIDTH } as const;
const PAGE_TOP = A4.height - MARGIN_TOP;
/** Title, then the header line, then the grid. */
const FIRST_TABLE_TOP = PAGE_TOP - 50;
/** A continuation page has one small header line above the grid. */
const NEXT_TABLE_TOP = PAGE_TOP - 20;

/** Characters of these forms (and of the print settings) that the font cannot draw; empty when all can be. */
export async function checkPublicityForms(
  forms: readonly PublicityFormInput[],
  options: PublicityPrintOptions = {},
): Promise<MissingGlyph[]> {
  const font = await loadChineseFont(options.fontsDir);
  return findMissingGlyphs(printedTexts(forms, resolvePrintOptions(options)), font.hasGlyph);
}

/**
 * One PDF with a 公示表 for each form, in order. Throws MissingGlyphsError, before drawing anything, when a
 * text holds a character the font lacks, and RangeError for an empty list or a bad printedOn.
 */
export async function renderPublicityForms(
  forms: readonly PublicityFormInput[],
  options: PublicityPrintOptions = {},
): Promise<Uint8Array> {
  if (forms.length === 0) throw new RangeError('No form to print');
  const resolved = resolvePrintOptions(options);
  const { doc, font } = await createPrintDocument(printedTexts(forms, resolved), {
    title: PUBLICITY_FORM_TITLE,
    printedOn: resolved.printedOn,
    ...(options.fontsDir === undefined ? {} : { fontsDir: options.fontsDir }),
  });
  const style: TextStyle = { font, size: 10.5, lineHeight: 15, padX: 4, padY: 4.5 };
  const measure = measureOf(style);
  for (const form of forms) drawForm(doc, form, resolved, style, measure);
  return doc.save();
}

function* printedTexts(
  forms: readonly PublicityFormInput[],
  options: ResolvedPrintOptions,
): Generator<PrintedText> {
  for (const form of forms) yield* formTexts(form);
  yield* optionTexts(options);
}

function drawForm(
  doc: PDFDocument,
  form: PublicityFormInput,
  options: ResolvedPrintOptions,
  style: TextStyle,
  measure: MeasureText,
): void {
  const rows = tableRows(form, options, style, measure);
  const pages = paginate(rows, style, (index) =>
    index === 0 ? FIRST_TABLE_TOP - MARGIN_BOTTOM : NEXT_TABLE_TOP - MARGIN_BOTTOM,
  );
  pages.forEach((pieces, index) => {
    const page = doc.addPage([A4.width, A4.height]);
    if (index === 0) drawTitleAndHeader(page, form, style.font);
    else drawContinuationHeader(page, form, style.font);
    drawPieces(page, pieces, TABLE_LEFT, index === 0 ? FIRST_TABLE_TOP : NEXT_TABLE_TOP, style, measure);
    if (pages.length > 1) drawPageNumber(page, index + 1, pages.length, style.font);
  });
}

type Page = ReturnType<PDFDocument['addPage']>;

function drawTitleAndHeader(page: Page, form: PublicityFormInput, font: PDFFont): void {
  drawTextLine(page, PUBLICITY_FORM_TITLE, A4.width / 2, PAGE_TOP - TITLE_SIZE, 'center', font, TITLE_SIZE);
  const baseline = FIRST_TABLE_TOP + 8;
  const header = PUBLICITY_FORM_HEADER;
  drawTextLine(
    page,
    `${header.applicationNo}:${form.applicationNo}`,
    TABLE_LEFT,
    baseline,
    'left',
    font,
    HEADER_SIZE,
  );
  drawTextLine(
    page,
    `${header.year}:${form.year}`,
    TABLE_LEFT + TABLE_WIDTH,
    baseline,
    'right',
    font,
    HEADER_SIZE,
  );
}

function drawContinuationHeader(page: Page, form: PublicityFormInput, font: PDFFont): void {
  const text =
    `${PUBLICITY_FORM_TITLE}(续)  ${PUBLICITY_FORM_HEADER.applicationNo}:${form.applicationNo}  ` +
    `${PUBLICITY_FIELDS.name.label}:${form.applicantName}`;
  drawTextLine(page, text, TABLE_LEFT, NEXT_TABLE_TOP + 7, 'left', font, CONTINUATION_SIZE);
}

function valueText(
  field: PublicityFieldId | PrintFieldId,
  form: PublicityFormInput,
  options: ResolvedPrintOptions,
): string {
  switch (field) {
    case 'publicityPeriod':
      return publicityPeriodText(form.publicity);
    case 'publicityPlace':
      return options.publicityPlace;
    case 'supervisingPhone':
      return options.supervisingPhone;
    default:
      return form.values[field];
  }
}

/** The grid of the layout as table rows with their text wrapped to the cells. */
function tableRows(
  form: PublicityFormInput,
  options: ResolvedPrintOptions,
  style: TextStyle,
  measure: MeasureText,
): TableRow[] {
  const unit = TABLE_WIDTH / GRID_UNITS;
  const cellOf = (cell: FormCell, x: number): TableCell => {
    const width = cell.span * unit;
    switch (cell.kind) {
      case 'label':
        return { x, width, lines: cellLines(cell.text, width, style, measure), align: 'center' };
      case 'value':
        return {
          x,
          width,
          lines: cellLines(valueText(cell.field, form, options), width, style, measure),
          align: 'left',
        };
      case 'signature':
        return {
          x,
          width,
          lines: cellLines(cell.caption, width, style, measure),
          align: 'left',
          top: true,
          ...(cell.dated ? { footer: printedOnText(options.printedOn) } : {}),
        };
    }
  };
  const rowOf = (
    row: FormRow,
    startUnit: number,
    lead?: LeadCell,
    minHeight = row.minHeight ?? 0,
  ): TableRow => {
    let units = startUnit;
    const cells = row.cells.map((cell) => {
      const tableCell = cellOf(cell, units * unit);
      units += cell.span;
      return tableCell;
    });
    return { cells, minHeight, ...(lead === undefined ? {} : { lead }) };
  };

  const rows: TableRow[] = [];
  for (const entry of PUBLICITY_FORM_GRID) {
    if (entry.kind === 'row') {
      rows.push(rowOf(entry, 0));
      continue;
    }
    const width = entry.span * unit;
    const lead: LeadCell = { x: 0, width, lines: cellLines(entry.label, width, style, measure) };
    const groupRows = entry.rows.map((row) => rowOf(row, entry.span, lead));
    // The lead label must fit beside its rows: the last row grows when they are shorter than it.
    const shortfall =
      linesHeight(lead.lines.length, style) - groupRows.reduce((sum, row) => sum + rowHeight(row, style), 0);
    const last = groupRows.pop();
    const lastEntry = entry.rows.at(-1);
    if (last !== undefined && lastEntry !== undefined) {
      groupRows.push(
        shortfall > 0 ? rowOf(lastEntry, entry.span, lead, rowHeight(last, style) + shortfall) : last,
      );
    }
    rows.push(...groupRows);
  }
  return rows;
}
