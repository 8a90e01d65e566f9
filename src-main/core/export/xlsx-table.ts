import type * as ExcelJs from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';
import { displayWidth } from './text-width';

/**
 * One table as an .xlsx workbook, the way a reviewer wants to open it: the header in the first row,
 * frozen and with an autofilter, every column as wide as its content (CJK characters counting double,
 * within bounds), and dates as real Excel dates with a date format, so that they sort and filter as dates.
 */

export type CellValue = string | number | Date | null;

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

export interface TableColumn {
  header: string;
  /** The number format of its Date cells (DATE_FORMAT, DATE_TIME_FORMAT); text and numbers need none. */
  dateFormat?: string;
}

export interface TableSheet {
  /** The sheet's tab: at most 31 characters, none of \ / ? * [ ] : (Excel's rules). */
  name: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly CellValue[])[];
}

export interface TableWriteProgress {
  /** After every chunk of rows put into the sheet: how many so far. */
  rowsWritten(done: number): void;
  /** Every row is in; the file is being packed. */
  packing(): void;
}

/** Columns never narrower than this (the autofilter's button needs room beside a short header)… */
export const MIN_COLUMN_WIDTH = 8;
/** …nor wider: a long 申请资格 wraps in Excel rather than pushing everything off screen. */
export const MAX_COLUMN_WIDTH = 60;
/** The filter button beside the header, and a little air. */
const COLUMN_PADDING = 4;
/**
 * Rows put into the sheet between two looks at the event loop: the core answers other calls (the list,
 * a comment being saved) and sends its progress while it exports thousands of rows.
 */
export const ROWS_PER_CHUNK = 500;

export async function writeTableWorkbook(
  sheet: TableSheet,
  progress: TableWriteProgress,
  properties: { title: string; created: Date },
): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook: Workbook = new ExcelJS.Workbook();
  workbook.creator = '重庆职称审核';
  workbook.title = properties.title;
  workbook.created = properties.created;
  const widths = columnWidths(sheet);
  const worksheet: Worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  worksheet.columns = sheet.columns.map((column, index) => ({
    header: column.header,
    width: widths[index] ?? MIN_COLUMN_WIDTH,
    ...(column.dateFormat === undefined ? {} : { style: { numFmt: column.dateFormat } }),
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(1, sheet.columns.length) },
  };

  for (let start = 0; start < sheet.rows.length; start += ROWS_PER_CHUNK) {
    const chunk = sheet.rows.slice(start, start + ROWS_PER_CHUNK);
    // Plain arrays: exceljs stores null as an empty cell.
    worksheet.addRows(chunk.map((row) => [...row]));
    progress.rowsWritten(start + chunk.length);
    await nextTurn();
  }
  progress.packing();
  await nextTurn();
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Each column as wide as its widest text (header included), within MIN/MAX_COLUMN_WIDTH. */
export function columnWidths(sheet: TableSheet): number[] {
  return sheet.columns.map((column, index) => {
    let widest = displayWidth(column.header);
    for (const row of sheet.rows) {
      const value = row[index];
      if (value === null || value === undefined) continue;
      const shown = value instanceof Date ? (column.dateFormat ?? DATE_FORMAT) : String(value);
      widest = Math.max(widest, displayWidth(shown));
    }
    return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + COLUMN_PADDING));
  });
}

/** exceljs (with its zip stack) is loaded on the first export, not at every start of the core. */
async function loadExcelJs(): Promise<typeof ExcelJs> {
  const loaded = await import('exceljs');
  // A CommonJS package: Node hands its exports over as the default export, a bundler as the namespace.
  return (loaded as { default?: typeof ExcelJs }).default ?? loaded;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
