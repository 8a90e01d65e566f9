import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quantile, type Comparison } from './harness';

/**
 * 导出Excel of a department-sized list (50,000 rows), each export in a fresh process of its own: the
 * core's writer against exceljs's in-memory Workbook on the same sheet, alternated and repeated, and the
 * core's whole export from a department's cache file. While
 * the core exports, it must go on answering the windows (a comment being saved, the list), so its event
 * loop may not stall longer than DESIGN.md's 50 ms for sync; and an office PC's memory is not the bench's.
 */

const ROWS = 50_000;
const ROUNDS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

interface WriterFigures {
  ms: number;
  stallMs: number;
  peakRssMb: number;
  bytes: number;
}

async function exportOnce(mode: 'project' | 'in-memory' | 'core'): Promise<WriterFigures> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'children', 'xlsx-writer.ts'), mode, String(ROWS)],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as WriterFigures;
}

export async function exportBench(): Promise<Comparison[]> {
  const project: WriterFigures[] = [];
  const reference: WriterFigures[] = [];
  const core: WriterFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    project.push(await exportOnce('project'));
    reference.push(await exportOnce('in-memory'));
    core.push(await exportOnce('core'));
  }
  const median = (figures: WriterFigures[], pick: (f: WriterFigures) => number) =>
    quantile(figures.map(pick), 0.5);
  const note = `median of ${ROUNDS} alternated runs, each in a fresh process; ${ROWS.toLocaleString('en')} rows`;
  /** One figure of the core's writer beside exceljs's in-memory Workbook's, each the median of its runs. */
  const besideInMemory = (
    name: string,
    pick: (f: WriterFigures) => number,
    goal: Pick<Comparison, 'target' | 'limit' | 'unit'>,
  ): Comparison => ({
    name,
    measured: median(project, pick),
    reference: median(reference, pick),
    referenceName: 'exceljs in-memory Workbook',
    ...goal,
    note,
  });
  return [
    besideInMemory(`导出Excel of ${ROWS.toLocaleString('en')} rows: time`, (f) => f.ms, { target: 1 }),
    besideInMemory('导出Excel: the longest event-loop stall while exporting', (f) => f.stallMs, {
      limit: 50,
    }),
    besideInMemory('导出Excel: the exporting process’s peak memory (RSS)', (f) => f.peakRssMb, {
      unit: 'MB',
      target: 0.5,
    }),
    {
      name: `导出Excel in the core, a department's ${ROWS.toLocaleString('en')} cached rows to the file: the longest stall`,
      measured: median(core, (f) => f.stallMs),
      reference: median(core, (f) => f.ms),
      referenceName: 'the whole export',
      limit: 50,
      note: `${note}; the list read from a real cache file (order, then rows 1,000 at a time), the sheet, the file`,
    },
  ];
}
