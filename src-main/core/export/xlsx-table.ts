import type * as ExcelJs from 'exceljs';
import type { stream } from 'exceljs';
import { PassThrough } from 'node:stream';
import { nextTurn } from '../next-turn';
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

export interface TableSheet<Row> {
  /** The sheet's tab: at most 31 characters, none of \ / ? * [ ] : (Excel's rules). */
  name: string;
  columns: readonly TableColumn[];
  rows: readonly Row[];
  /**
   * A row's cells in the columns' order, asked for a chunk of rows at a time as the sheet is measured
   * and written: a department's 50,000 rows are never all turned into cells in one turn of the loop.
   */
  cellsOf(row: Row, index: number): readonly CellValue[];
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
 * Rows measured and written between two turns of the event loop: the core answers other calls (the list,
 * a comment being saved) and sends its progress while it exports thousands of rows. Side by side on a
 * loaded 2-core machine (50,000 rows): 250 a chunk left stalls of 54-59 ms, over DESIGN.md's 50 ms;
 * 100, 19-37 ms, for 5% more time.
 */
export const ROWS_PER_CHUNK = 100;

const WORKBOOK_CREATOR = '重庆职称审核';

type WorkbookWriter = stream.xlsx.WorkbookWriter;

export async function writeTableWorkbook<Row>(
  sheet: TableSheet<Row>,
  progress: TableWriteProgress,
  properties: { title: string; created: Date },
): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  // exceljs's streaming writer, not its in-memory Workbook: each committed row is turned into XML and
  // zipped as it comes, so the core's event loop never waits for one big render of the whole sheet
  // (50,000 rows: the longest stall 2.0 s → 21 ms, peak memory 910 → 215 MB; `npm run bench -- export`).
  // Inline strings make the file about a fifth larger than with a shared-string table.
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook: WorkbookWriter = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    // Inline strings: the shared-string table would hold every text of the sheet until the end.
    useSharedStrings: false,
  });
  // Read from the writer when it writes docProps/core.xml, at the end.
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.title = properties.title;
  workbook.created = properties.created;
  workbook.modified = properties.created;
  const widths = await columnWidths(sheet);
  const worksheet = workbook.addWorksheet(sheet.name, {
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
    const end = Math.min(sheet.rows.length, start + ROWS_PER_CHUNK);
    // Plain arrays: exceljs stores null as an empty cell. A committed row is written out and let go.
    for (let index = start; index < end; index += 1) {
      const row = sheet.rows[index];
      if (row !== undefined) worksheet.addRow([...sheet.cellsOf(row, index)]).commit();
    }
    progress.rowsWritten(end);
    await nextTurn();
  }
  progress.packing();
  worksheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/**
 * Each column as wide as its widest text (header included), within MIN/MAX_COLUMN_WIDTH. Measured in
 * chunks like the rows are written: 50,000 rows of 11 columns take some 80 ms to measure.
 */
async function columnWidths<Row>(sheet: TableSheet<Row>): Promise<number[]> {
  const widest = sheet.columns.map((column) => displayWidth(column.header));
  for (let start = 0; start < sheet.rows.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(sheet.rows.length, start + ROWS_PER_CHUNK);
    for (let rowIndex = start; rowIndex < end; rowIndex += 1) {
      const row = sheet.rows[rowIndex];
      if (row === undefined) continue;
      const cells = sheet.cellsOf(row, rowIndex);
      sheet.columns.forEach((column, index) => {
        const value = cells[index];
        if (value === null || value === undefined) return;
        const shown = value instanceof Date ? (column.dateFormat ?? DATE_FORMAT) : String(value);
        widest[index] = Math.max(widest[index] ?? 0, displayWidth(shown));
      });
    }
    await nextTurn();
  }
  return widest.map((width) =>
    Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width + COLUMN_PADDING)),
  );
}

/** exceljs (with its zip stack) is loaded on the first export, not at every start of the core. */
async function loadExcelJs(): Promise<typeof ExcelJs> {
  const loaded = await import('exceljs');
  // A CommonJS package: Node hands its exports over as the default export, a bundler as the namespace.
  return (loaded as { default?: typeof ExcelJs }).default ?? loaded;
}
