import { performance } from 'node:perf_hooks';
import type * as ExcelJs from 'exceljs';
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  writeTableWorkbook,
  type CellValue,
  type TableSheet,
} from '../../src-main/core/export/xlsx-table';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApplicationCache, type ApplicationCache } from '../../src-main/core/cache/application-cache';
import { WorkbookExports } from '../../src-main/core/export/workbook-exports';
import { PublicityPrinting } from '../../src-main/core/print/publicity-printing';
import {
  EMPTY_PRINT_SETTINGS,
  exportApplicationsRequestSchema,
  type SessionUser,
} from '../../src-shared/contracts';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import { stallSampler } from '../stall';

/**
 * One export of a department-sized list in a process of its own, so that its peak memory is its own:
 * `xlsx-writer.ts <project|in-memory|core> <rows>` prints `{ ms, stallMs, peakRssMb, bytes }` as JSON.
 * `project` is the core's writeTableWorkbook; `in-memory` is exceljs's ordinary Workbook and writeBuffer
 * on the same sheet (what the core used first), the reference; `core` is the whole 导出Excel of the core,
 * from a department's cache file of that many applications to the workbook's bytes.
 */

const MODES = ['project', 'in-memory', 'core'] as const;
const [modeArgument, rowsArgument] = process.argv.slice(2);
const rowCount = Number(rowsArgument);
const mode = MODES.find((known) => known === modeArgument);
if (mode === undefined || !Number.isInteger(rowCount) || rowCount < 1) {
  console.error('usage: xlsx-writer.ts <project|in-memory|core> <rows>');
  process.exit(2);
}

const QUALIFICATIONS = [
  '卫生/临床医学/副主任医师',
  '卫生/护理学/主任护师(内科护理方向)',
  '经济/人力资源管理/高级经济师',
];
const STATES = ['待单位审核', '单位公示中', '待主管部门审核', '主管部门退回'];

function sheetOf(rows: number): TableSheet<CellValue[]> {
  const dated = { dateFormat: DATE_FORMAT };
  return {
    name: '职称申报审核',
    columns: [
      { header: '申请书编号' },
      { header: '姓名' },
      { header: '身份证号' },
      { header: '所在单位' },
      { header: '申请资格' },
      { header: '申报类型' },
      { header: '状态' },
      { header: '提交时间', dateFormat: DATE_TIME_FORMAT },
      { header: '提交次数' },
      { header: '公示开始日期', ...dated },
      { header: '公示结束日期', ...dated },
    ],
    rows: Array.from({ length: rows }, (_, i): CellValue[] => [
      `CQ2026-${String(i + 1).padStart(6, '0')}`,
      `申请人${i}`,
      `500***********${String(i % 10_000).padStart(4, '0')}`,
      `重庆市第${(i % 40) + 1}人民医院`,
      QUALIFICATIONS[i % QUALIFICATIONS.length] ?? null,
      '正常晋升',
      STATES[i % STATES.length] ?? null,
      new Date(Date.UTC(2026, 10, 1 + (i % 28), 9, i % 60)),
      (i % 3) + 1,
      i % 4 === 1 ? new Date(Date.UTC(2026, 11, 1)) : null,
      i % 4 === 1 ? new Date(Date.UTC(2026, 11, 7)) : null,
    ]),
    cellsOf: (row) => row,
  };
}

async function inMemory(sheet: TableSheet<CellValue[]>): Promise<Buffer> {
  const loaded = await import('exceljs');
  const ExcelJS = (loaded as { default?: typeof ExcelJs }).default ?? loaded;
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => ({
    header: column.header,
    width: 16,
    ...(column.dateFormat === undefined ? {} : { style: { numFmt: column.dateFormat } }),
  }));
  worksheet.getRow(1).font = { bold: true };
  for (let start = 0; start < sheet.rows.length; start += 500) {
    worksheet.addRows(sheet.rows.slice(start, start + 500).map((row) => [...row]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const DEPARTMENT = 'dept-bench';

/** A department's cache file of `rows` applications over 40 units, in a folder removed at exit. */
async function departmentCache(rows: number): Promise<ApplicationCache> {
  const folder = mkdtempSync(path.join(tmpdir(), 'zt-export-bench-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const cache = await openApplicationCache(path.join(folder, 'cache.sqlite'));
  const PAGE = 500;
  for (let start = 0; start < rows; start += PAGE) {
    const applications = Array.from({ length: Math.min(PAGE, rows - start) }, (_, k): ApplicationRecord => {
      const i = start + k;
      const unit = i % 40;
      return {
        id: `bench-${i}`,
        applicationNo: `CQ2026-${String(i + 1).padStart(6, '0')}`,
        year: '2026',
        state: i % 4 === 1 ? 'unitPublicity' : 'deptReview',
        version: 1,
        submitCount: (i % 3) + 1,
        unitId: `unit-${unit}`,
        unitName: `重庆市第${unit + 1}人民医院`,
        departmentId: DEPARTMENT,
        applicantName: `${'吴李张王赵钱孙'[i % 7] ?? ''}${'雪明华伟'[i % 4] ?? ''}${i}`,
        idNumber: `50010119900101${String(i % 1000).padStart(3, '0')}X`,
        qualification: QUALIFICATIONS[i % QUALIFICATIONS.length] ?? '',
        applicationType: '正常晋升',
        submittedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        updatedAt: '2026-11-30T08:00:00.000Z',
        publicity: i % 4 === 1 ? { start: '2026-11-23', end: '2026-11-27' } : null,
        contentJson: '{}',
        attachments: [],
        comments: [],
        previousContentJson: null,
        history: [],
      };
    });
    cache.sync.applyPage({
      kind: 'changes',
      applications,
      removedIds: [],
      cursor: `c${start}`,
      remaining: 0,
    });
  }
  return cache;
}

async function coreExport(rows: number): Promise<() => Promise<Buffer>> {
  const cache = await departmentCache(rows);
  const user: SessionUser = {
    id: 'u-bench',
    account: 'deptadmin',
    name: '李娜',
    maskedMobile: '138****0001',
    maskedIdNumber: '5****************1',
    memberships: [
      { unitId: DEPARTMENT, unitName: '重庆市卫生健康委员会', unitKind: 'department', role: 'deptAdmin' },
    ],
  };
  const exports = new WorkbookExports({
    cache,
    user,
    printing: new PublicityPrinting(cache, async () => EMPTY_PRINT_SETTINGS),
    emit: () => undefined,
  });
  return async () => {
    const exported = await exports.applicationList(
      exportApplicationsRequestSchema.parse({
        exportId: 'bench',
        unitId: DEPARTMENT,
        state: 'all',
        sortField: 'applicantName',
        sortOrder: 'ascend',
      }),
    );
    return Buffer.from(exported.xlsxBase64, 'base64');
  };
}

const sheet = sheetOf(rowCount);
const runCore = mode === 'core' ? await coreExport(rowCount) : null;
// The library is loaded before the clock starts: both writers pay for it once per process, not per export.
await import('exceljs');
const stalls = stallSampler();
stalls.start();
const start = performance.now();
const bytes =
  runCore !== null
    ? await runCore()
    : mode === 'project'
      ? await writeTableWorkbook(
          sheet,
          { rowsWritten: () => undefined, packing: () => undefined },
          {
            title: 'bench',
            created: new Date(),
          },
        )
      : await inMemory(sheet);
const ms = performance.now() - start;
const stall = stalls.stop();
console.log(
  JSON.stringify({
    ms,
    stallMs: stall.maxMs,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    bytes: bytes.length,
  }),
);
