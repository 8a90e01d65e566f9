import type { PDFFont, PDFPage } from 'pdf-lib';
import { optionTexts, type PrintedText } from './glyph-check';
import { createPrintDocument } from './pdf-document';
import {
  type Align,
  A4,
  cellLines,
  drawPageNumber,
  drawPieces,
  drawTextLine,
  measureOf,
  paginate,
  rowHeight,
  type TableRow,
  type TextStyle,
  wholePiece,
} from './pdf-table';
import { PRINT_FIELDS, PUBLICITY_FIELDS } from './publicity-form-layout';
import type { PublicityFormInput } from './publicity-form-input';
import {
  printedOnText,
  type PublicityPrintOptions,
  resolvePrintOptions,
  type ResolvedPrintOptions,
} from './print-options';
import { type MeasureText, wrapText } from './text-wrap';

/**
 * The 公示名单: one table of every applicant a unit has in publicity, to post beside (or instead of) the
 * single forms. Landscape or portrait A4; the header row is repeated on every page, and every page is
 * numbered 第 N 页 共 M 页 since the sheets are posted side by side.
 */

export interface PublicityListOptions extends PublicityPrintOptions {
  /** The unit that posts the list: its name heads the title. */
  unitName: string;
  /** 年度 in the title; default the forms' year when they share one. */
  year?: string;
  /** Default landscape, which keeps most rows to one line. */
  orientation?: 'landscape' | 'portrait';
}

interface ListColumn {
  readonly header: string;
  /** Share of the table's width. */
  readonly weight: number;
  readonly align: Align;
  readonly value: (form: PublicityFormInput, index: number) => string;
  /** Left out of the narrower portrait table. */
  readonly landscapeOnly?: boolean;
}

const COLUMNS: readonly ListColumn[] = [
  { header: '序号', weight: 3, align: 'center', value: (_form, index) => String(index + 1) },
  { header: PUBLICITY_FIELDS.name.label, weight: 5, align: 'center', value: (form) => form.values.name },
  { header: PUBLICITY_FIELDS.gender.label, weight: 3, align: 'center', value: (form) => form.values.gender },
  // A unit posts its own staff: the title names the unit, so the narrow table can do without the column.
  {
    header: PUBLICITY_FIELDS.employer.label,
    weight: 9,
    align: 'left',
    value: (form) => form.values.employer,
    landscapeOnly: true,
  },
  {
    header: PUBLICITY_FIELDS.currentTitle.label,
    weight: 11,
    align: 'left',
    value: (form) => form.values.currentTitle,
  },
  {
    header: PUBLICITY_FIELDS.qualification.label,
    weight: 11,
    align: 'left',
    value: (form) => form.values.qualification,
  },
  {
    header: PUBLICITY_FIELDS.applicationType.label,
    weight: 5,
    align: 'center',
    value: (form) => form.values.applicationType,
  },
  {
    header: PUBLICITY_FIELDS.reviewCommittee.label,
    weight: 10,
    align: 'left',
    value: (form) => form.values.reviewCommittee,
  },
  {
    header: PRINT_FIELDS.publicityPeriod.label,
    weight: 9,
    align: 'left',
    value: (form) => compactPeriod(form.publicity),
  },
];

const MARGIN = 36;
/** Above the page number. */
const MARGIN_BOTTOM = 44;
const TITLE_SIZE = 16;
const NOTICE =
  '根据职称申报评审有关规定,现将以下人员的职称申报情况予以公示。公示期间,如对上述人员的申报材料有异议,' +
  '请向受理(监督)部门反映。';

/** 公示时间 in a table cell: 2026.05.01至2026.05.07, which breaks at 至 when the column is narrow. */
function compactPeriod(period: PublicityFormInput['publicity']): string {
  if (period === null) return '';
  const dotted = (date: string) => date.replaceAll('-', '.');
  return `${dotted(period.start)}至${dotted(period.end)}`;
}

/** The list's title, e.g. 重庆市示例人民医院2026年度职称申报人员公示名单. */
export function publicityListTitle(unitName: string, year: string): string {
  return `${unitName}${year === '' ? '' : `${year}年度`}职称申报人员公示名单`;
}

/**
 * The 公示名单 of `forms` as one PDF. Throws MissingGlyphsError before drawing when a text holds a character
 * the font lacks, and RangeError for an empty list or a bad printedOn.
 */
export async function renderPublicityList(
  forms: readonly PublicityFormInput[],
  options: PublicityListOptions,
): Promise<Uint8Array> {
  if (forms.length === 0) throw new RangeError('No applicant to list');
  const resolved = resolvePrintOptions(options);
  const years = new Set(forms.map((form) => form.year));
  const year = options.year ?? (years.size === 1 ? [...years][0] : undefined) ?? '';
  const title = publicityListTitle(options.unitName, year);
  const orientation = options.orientation ?? 'landscape';
  const columns = orientation === 'landscape' ? COLUMNS : COLUMNS.filter((column) => !column.landscapeOnly);
  const texts = listTexts(forms, columns, resolved, options.unitName, year);
  const { doc, font } = await createPrintDocument(texts, {
    title,
    printedOn: resolved.printedOn,
    ...(options.fontsDir === undefined ? {} : { fontsDir: options.fontsDir }),
  });

  const [width, height] = orientation === 'landscape' ? [A4.height, A4.width] : [A4.width, A4.height];
  const tableWidth = width - 2 * MARGIN;
  const style: TextStyle = { font, size: 9.5, lineHeight: 13.5, padX: 3, padY: 4 };
  const measure = measureOf(style);
  const textStyle = { font, size: 10.5, lineHeight: 16 };
  const noticeLines = wrapText(NOTICE, tableWidth, (text) => font.widthOfTextAtSize(text, textStyle.size));

  const { header, rows } = tableRows(forms, columns, tableWidth, style, measure);
  const headerHeight = rowHeight(header, style);
  const pageTop = height - MARGIN;
  const firstTableTop = pageTop - TITLE_SIZE - 16 - noticeLines.length * textStyle.lineHeight - 6;
  const tableTop = (index: number) => (index === 0 ? firstTableTop : pageTop);
  const pages = paginate(rows, style, (index) => tableTop(index) - MARGIN_BOTTOM - headerHeight);

  const footer = footerLines(resolved);
  const footerHeight = (footer.length + 1) * textStyle.lineHeight + 8;
  const lastPieces = pages.at(-1) ?? [];
  const lastBottom =
    tableTop(pages.length - 1) - headerHeight - lastPieces.reduce((sum, piece) => sum + piece.height, 0);
  const footerOnNewPage = lastBottom - footerHeight < MARGIN_BOTTOM;
  const pageCount = pages.length + (footerOnNewPage ? 1 : 0);
  const headerPiece = wholePiece(header, style);

  let last: { page: PDFPage; bottom: number } | null = null;
  for (const [index, pieces] of pages.entries()) {
    const page = doc.addPage([width, height]);
    if (index === 0) {
      drawTextLine(page, title, width / 2, pageTop - TITLE_SIZE, 'center', font, TITLE_SIZE);
      noticeLines.forEach((line, i) => {
        const baseline = pageTop - TITLE_SIZE - 16 - (i + 1) * textStyle.lineHeight + 4;
        drawTextLine(page, line, MARGIN, baseline, 'left', font, textStyle.size);
      });
    }
    const bottom = drawPieces(page, [headerPiece, ...pieces], MARGIN, tableTop(index), style, measure);
    drawPageNumber(page, index + 1, pageCount, font);
    last = { page, bottom };
  }
  if (footerOnNewPage || last === null) {
    const page = doc.addPage([width, height]);
    drawPageNumber(page, pageCount, pageCount, font);
    last = { page, bottom: pageTop };
  }
  drawFooter(
    last.page,
    footer,
    resolved,
    { left: MARGIN, right: width - MARGIN, top: last.bottom },
    font,
    textStyle,
  );
  return doc.save();
}

/** What the list prints: only its columns of each form, so a rare character it does not show stops nothing. */
function* listTexts(
  forms: readonly PublicityFormInput[],
  columns: readonly ListColumn[],
  options: ResolvedPrintOptions,
  unitName: string,
  year: string,
): Generator<PrintedText> {
  yield { applicationNo: null, name: null, fieldLabel: '单位名称', text: unitName };
  yield { applicationNo: null, name: null, fieldLabel: '年度', text: year };
  for (const [index, form] of forms.entries()) {
    const of = { applicationNo: form.applicationNo, name: form.applicantName };
    for (const column of columns) {
      yield { ...of, fieldLabel: column.header, text: column.value(form, index) };
    }
  }
  yield* optionTexts(options);
}

function tableRows(
  forms: readonly PublicityFormInput[],
  columns: readonly ListColumn[],
  tableWidth: number,
  style: TextStyle,
  measure: MeasureText,
): { header: TableRow; rows: TableRow[] } {
  const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
  let x = 0;
  const placed = columns.map((column) => {
    const width = (column.weight / totalWeight) * tableWidth;
    const at = { column, x, width };
    x += width;
    return at;
  });
  const header: TableRow = {
    minHeight: 0,
    cells: placed.map(({ column, x: cellX, width }) => ({
      x: cellX,
      width,
      lines: cellLines(column.header, width, style, measure),
      align: 'center',
    })),
  };
  const rows = forms.map((form, index): TableRow => ({
    minHeight: 0,
    cells: placed.map(({ column, x: cellX, width }) => ({
      x: cellX,
      width,
      lines: cellLines(column.value(form, index), width, style, measure),
      align: column.align,
    })),
  }));
  return { header, rows };
}

function footerLines(options: ResolvedPrintOptions): string[] {
  const blank = '________________________';
  return [
    `${PRINT_FIELDS.publicityPlace.label}:${options.publicityPlace || blank}`,
    `${PRINT_FIELDS.supervisingPhone.label}:${options.supervisingPhone || blank}`,
  ];
}

/** Where the posting is and whom to tell, then 单位(盖章) and the date on the right. */
function drawFooter(
  page: PDFPage,
  lines: readonly string[],
  options: ResolvedPrintOptions,
  box: { left: number; right: number; top: number },
  font: PDFFont,
  text: { size: number; lineHeight: number },
): void {
  let baseline = box.top - 8 - text.size;
  for (const line of lines) {
    drawTextLine(page, line, box.left, baseline, 'left', font, text.size);
    baseline -= text.lineHeight;
  }
  const sealX = box.right - 150;
  baseline += text.lineHeight;
  drawTextLine(page, '单位(盖章):', sealX, baseline, 'left', font, text.size);
  drawTextLine(
    page,
    printedOnText(options.printedOn),
    box.right,
    baseline - text.lineHeight,
    'right',
    font,
    text.size,
  );
}
