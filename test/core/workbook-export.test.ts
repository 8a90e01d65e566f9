import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApplicationCache, type ApplicationCache } from '../../src-main/core/cache/application-cache';
import { WorkbookExports } from '../../src-main/core/export/workbook-exports';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../src-main/core/export/xlsx-table';
import { PublicityPrinting } from '../../src-main/core/print/publicity-printing';
import {
  AppFailure,
  EMPTY_PRINT_SETTINGS,
  exportApplicationsRequestSchema,
  NOTHING_TO_EXPORT,
  type AppEvent,
  type ExportedWorkbook,
  type ExportProgress,
  type SessionUser,
} from '../../src-shared/contracts';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import { maskIdNumber } from '../../src-shared/domain/masking';
import { idNumberCheckChar } from '../../src-shared/domain/validation';
import type { Role, UnitKind } from '../../src-shared/domain/roles';

/**
 * 导出Excel of the 职称申报审核 list and the 公示名单 from a real cache file, each workbook read back with
 * exceljs: what a reviewer opens in Excel is what these tests look at.
 */

const UNIT = 'unit-hospital';
const OTHER_UNIT = 'unit-clinic';
const DEPARTMENT = 'dept-health';
const UNIT_NAME = '重庆市示例人民医院';
const OTHER_UNIT_NAME = '重庆市渝中区社区卫生服务中心';
const TODAY = new Date('2026-05-20T02:00:00.000Z');

let dir: string;
let cache: ApplicationCache;
let events: ExportProgress[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-export-'));
  cache = await openApplicationCache(path.join(dir, 'cache', 'user.sqlite'));
  events = [];
});

afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function idNumberOf(n: number): string {
  const first17 = `50010119900101${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

function record(n: number, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  const name = overrides.applicantName ?? `申请人${n}`;
  return {
    id: `app-${String(n).padStart(5, '0')}`,
    applicationNo: `CQ2026-${String(n).padStart(6, '0')}`,
    year: '2026',
    state: 'unitReview',
    version: 1,
    submitCount: 1,
    unitId: UNIT,
    unitName: UNIT_NAME,
    departmentId: DEPARTMENT,
    applicantName: name,
    idNumber: idNumberOf(n),
    qualification: '经济/工商管理/正高级经济师',
    applicationType: '正常晋升',
    // 16:30 UTC is half past midnight the next day in Beijing.
    submittedAt: `2026-03-${String((n % 28) + 1).padStart(2, '0')}T16:30:00.000Z`,
    updatedAt: '2026-04-01T08:00:00.000Z',
    publicity: null,
    contentJson: JSON.stringify({
      applicationInfo: { series: '经济', specialty: '工商管理', qualification: '正高级经济师' },
      basicInfo: { name, gender: '女', idNumber: idNumberOf(n), employer: UNIT_NAME },
    }),
    attachments: [],
    comments: [],
    previousContentJson: null,
    history: [],
    ...overrides,
  };
}

function load(records: ApplicationRecord[]): void {
  for (let start = 0; start < records.length; start += 500) {
    cache.sync.applyPage({
      kind: 'changes',
      applications: records.slice(start, start + 500),
      removedIds: [],
      cursor: `c${start}`,
      remaining: 0,
    });
  }
}

function userWith(role: Role, unitKind: UnitKind, unitId = UNIT, unitName = UNIT_NAME): SessionUser {
  return {
    id: 'u-1',
    account: 'reviewer',
    name: '李娜',
    maskedMobile: '138****0001',
    maskedIdNumber: '5****************1',
    memberships: [{ unitId, unitName, unitKind, role }],
  };
}

function exportsFor(user: SessionUser): WorkbookExports {
  return new WorkbookExports({
    cache,
    user,
    printing: new PublicityPrinting(cache, async () => EMPTY_PRINT_SETTINGS),
    emit: (event: AppEvent) => {
      if (event.name === 'exportProgress') events.push(event.payload);
    },
    now: () => TODAY,
  });
}

const unitAdmin = userWith('unitAdmin', 'unit');

function request(overrides: Partial<Parameters<typeof exportApplicationsRequestSchema.parse>[0]> = {}) {
  return exportApplicationsRequestSchema.parse({
    exportId: 'export-1',
    unitId: UNIT,
    state: 'all',
    ...overrides,
  });
}

async function sheetOf(exported: ExportedWorkbook): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(exported.xlsxBase64, 'base64');
  // exceljs types its input as an ArrayBuffer.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  return sheet;
}

/** The sheet's values by header, one object per data row. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = headersOf(sheet);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1).value])));
  });
  return rows;
}

function headersOf(sheet: ExcelJS.Worksheet): string[] {
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell) => headers.push(String(cell.value)));
  return headers;
}

function cellOf(sheet: ExcelJS.Worksheet, header: string, dataRow: number): ExcelJS.Cell {
  const column = headersOf(sheet).indexOf(header) + 1;
  if (column === 0) throw new Error(`no column ${header}`);
  return sheet.getRow(dataRow + 1).getCell(column);
}

describe('exporting the 职称申报审核 list', () => {
  it('writes Chinese headers, masked ID numbers, state labels and Beijing dates as real dates', async () => {
    load([
      record(1),
      record(2, {
        state: 'unitPublicity',
        publicity: { start: '2026-05-11', end: '2026-05-15' },
      }),
    ]);
    const exported = await exportsFor(unitAdmin).applicationList(
      request({ sortField: 'applicationNo', sortOrder: 'ascend' }),
    );
    expect(exported.fileName).toBe(`职称申报审核_${UNIT_NAME}_2026-05-20.xlsx`);
    expect(exported.rowCount).toBe(2);

    const sheet = await sheetOf(exported);
    // A unit's own list, like the screen: no 所在单位 column.
    expect(headersOf(sheet)).toEqual([
      '申请书编号',
      '姓名',
      '身份证号',
      '申请资格',
      '申报类型',
      '状态',
      '提交时间',
      '提交次数',
      '公示开始日期',
      '公示结束日期',
    ]);
    const [first, second] = rowsOf(sheet);
    expect(first).toMatchObject({
      申请书编号: 'CQ2026-000001',
      姓名: '申请人1',
      身份证号: maskIdNumber(idNumberOf(1)),
      申请资格: '经济/工商管理/正高级经济师',
      状态: '待单位审核',
      提交次数: 1,
      公示开始日期: null,
    });
    expect(second).toMatchObject({ 状态: '单位公示中' });

    // 2026-03-03T16:30Z is 2026-03-04 00:30 in Beijing: the cell holds that wall clock as a date.
    const submitted = cellOf(sheet, '提交时间', 2);
    expect(submitted.value).toBeInstanceOf(Date);
    expect((submitted.value as Date).toISOString()).toBe('2026-03-04T00:30:00.000Z');
    expect(submitted.numFmt).toBe('yyyy-mm-dd hh:mm');
    const start = cellOf(sheet, '公示开始日期', 2);
    expect(start.value).toEqual(new Date('2026-05-11T00:00:00.000Z'));
    expect(start.numFmt).toBe('yyyy-mm-dd');
    expect(cellOf(sheet, '公示结束日期', 2).value).toEqual(new Date('2026-05-15T00:00:00.000Z'));
  });

  it('freezes the header row, filters it, and sizes columns to their content with CJK counting double', async () => {
    load([
      record(1, { applicantName: '欧阳娜娜', qualification: '卫生/临床医学/主任医师(内科学心血管内科方向)' }),
    ]);
    const sheet = await sheetOf(await exportsFor(unitAdmin).applicationList(request()));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
    expect(sheet.workbook.title).toBe(`职称申报审核 ${UNIT_NAME}`);
    const width = (header: string) => sheet.getColumn(headersOf(sheet).indexOf(header) + 1).width ?? 0;
    // 21 characters, 18 of them Chinese: 39 columns of 0 wide, plus room for the filter button.
    expect(width('申请资格')).toBeGreaterThanOrEqual(39);
    expect(width('申请资格')).toBeLessThanOrEqual(MAX_COLUMN_WIDTH);
    // 18 digits of the ID number.
    expect(width('身份证号')).toBeGreaterThanOrEqual(18);
    expect(width('身份证号')).toBeLessThan(width('申请资格'));
    // 姓名: a four-character name is 8 wide, never squeezed under the minimum.
    expect(width('姓名')).toBeGreaterThanOrEqual(Math.max(8, MIN_COLUMN_WIDTH));
    expect(width('姓名')).toBeLessThan(20);
  });

  it('exports what the screen filters and sorts, over all pages, or only the rows picked', async () => {
    load([
      ...Array.from({ length: 30 }, (_, i) =>
        record(i + 1, { applicantName: i % 2 === 0 ? `张${i + 1}` : `李${i + 1}` }),
      ),
      record(31, {
        state: 'unitPublicity',
        applicantName: '张三十一',
        publicity: { start: '2026-05-11', end: '2026-05-15' },
      }),
    ]);
    const exports = exportsFor(unitAdmin);

    const searched = rowsOf(
      await sheetOf(
        await exports.applicationList(
          request({ state: 'unitReview', search: '张', sortField: 'applicationNo', sortOrder: 'descend' }),
        ),
      ),
    );
    // 15 of the 30 waiting are 张, not the one in publicity; newest number first, past one page of 20.
    expect(searched.map((row) => row['申请书编号'])).toEqual(
      Array.from({ length: 15 }, (_, i) => `CQ2026-${String(29 - 2 * i).padStart(6, '0')}`),
    );

    const picked = rowsOf(
      await sheetOf(
        await exports.applicationList(
          request({
            // The filter on screen does not matter for a selection; the order does.
            state: 'unitReview',
            search: '李',
            sortField: 'applicationNo',
            sortOrder: 'ascend',
            selectedIds: ['app-00031', 'app-00003', 'app-00010', 'not-in-this-list'],
          }),
        ),
      ),
    );
    expect(picked.map((row) => row['姓名'])).toEqual(['张3', '李10', '张三十一']);
  });

  it('narrows the export as the 单位中心 number the list was opened from narrows the list', async () => {
    load([record(1), record(2), record(3)]);
    // record 2's 审核通过 is on its way: it no longer waits for this unit's review, it waits to sync.
    cache.work.enqueueOutbox({
      id: '6c1e0b2a-5d3f-4e8a-9b7c-2f4d6e8a0c13',
      applicationId: 'app-00002',
      operation: 'unitApprove',
      payloadJson: '{}',
      baseVersion: 1,
      createdAt: '2026-05-20T01:00:00.000Z',
    });
    const exported = async (focus: 'awaitingMyReview' | 'awaitingSync') =>
      rowsOf(
        await sheetOf(
          await exportsFor(unitAdmin).applicationList(
            request({ state: 'unitReview', focus, sortField: 'applicationNo', sortOrder: 'ascend' }),
          ),
        ),
      ).map((row) => row['申请书编号']);
    expect(await exported('awaitingMyReview')).toEqual(['CQ2026-000001', 'CQ2026-000003']);
    expect(await exported('awaitingSync')).toEqual(['CQ2026-000002']);
  });

  it('exports only what a 单位中心 number opened the list to, as the list shows it', async () => {
    // TODAY is Wednesday 2026-05-20: one period ended last Friday (reportable), one ends today.
    load([
      record(1),
      record(2),
      record(3, { state: 'unitPublicity', publicity: { start: '2026-05-08', end: '2026-05-15' } }),
      record(4, { state: 'unitPublicity', publicity: { start: '2026-05-13', end: '2026-05-20' } }),
    ]);
    const exports = exportsFor(unitAdmin);
    const numbersOf = async (overrides: Parameters<typeof request>[0]) =>
      rowsOf(await sheetOf(await exports.applicationList(request(overrides)))).map(
        (row) => row['申请书编号'],
      );

    expect(await numbersOf({ state: 'unitPublicity', focus: 'reportable' })).toEqual(['CQ2026-000003']);
    expect(await numbersOf({ state: 'unitPublicity', focus: 'publicityEndsThisWeek' })).toEqual([
      'CQ2026-000004',
    ]);
    // Picked rows are exported whatever narrowed the list, the focus too.
    expect(
      await numbersOf({
        state: 'unitPublicity',
        focus: 'reportable',
        sortField: 'applicationNo',
        sortOrder: 'ascend',
        selectedIds: ['app-00001', 'app-00004'],
      }),
    ).toEqual(['CQ2026-000001', 'CQ2026-000004']);
  });

  it('marks a decision made here that the server has not applied, as the list’s tag does', async () => {
    load([record(1), record(2), record(3)]);
    const decide = (applicationId: string, id: string) =>
      cache.work.enqueueOutbox({
        id,
        applicationId,
        operation: 'unitApprove',
        payloadJson: '{}',
        baseVersion: 1,
        createdAt: '2026-05-20T01:00:00.000Z',
      });
    decide('app-00001', '0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a11');
    decide('app-00002', '0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a12');
    cache.work.applyOperationResults([
      {
        id: '0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a12',
        outcome: 'rejected',
        message: '该申报书已不在待单位审核',
        application: null,
      },
    ]);
    const rows = rowsOf(
      await sheetOf(
        await exportsFor(unitAdmin).applicationList(
          request({ sortField: 'applicationNo', sortOrder: 'ascend' }),
        ),
      ),
    );
    expect(rows.map((row) => row['状态'])).toEqual([
      '待单位审核(待同步)',
      '待单位审核(未生效)',
      '待单位审核',
    ]);
  });

  it('writes no file when nothing matches, and says why', async () => {
    load([record(1)]);
    const exports = exportsFor(unitAdmin);
    for (const asked of [request({ search: '没有这个人' }), request({ selectedIds: ['not-in-the-cache'] })]) {
      const refusal = await exports.applicationList(asked).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(AppFailure);
      expect((refusal as AppFailure).error.message).toBe(NOTHING_TO_EXPORT);
    }
    expect(events.map((event) => event.phase)).not.toContain('done');
  });

  it('writes full ID numbers only when asked, and refuses them to a role that may not see them', async () => {
    load([record(1), record(2)]);
    const full = rowsOf(
      await sheetOf(await exportsFor(unitAdmin).applicationList(request({ fullIdNumbers: true }))),
    );
    expect(full.map((row) => row['身份证号']).sort()).toEqual([idNumberOf(1), idNumberOf(2)]);

    const titleOffice = userWith('titleOffice', 'titleOffice');
    const refusal = await exportsFor(titleOffice)
      .applicationList(request({ fullIdNumbers: true }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(AppFailure);
    expect((refusal as AppFailure).error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/完整身份证号/),
    });
    // Masked, it may.
    const masked = rowsOf(await sheetOf(await exportsFor(titleOffice).applicationList(request())));
    expect(masked.map((row) => row['身份证号'])).toEqual([
      maskIdNumber(idNumberOf(2)),
      maskIdNumber(idNumberOf(1)),
    ]);

    const stranger = await exportsFor(userWith('unitAdmin', 'unit', OTHER_UNIT, OTHER_UNIT_NAME))
      .applicationList(request())
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((stranger as AppFailure).error.code).toBe('FORBIDDEN');
  });

  it('shows and sorts by 所在单位 in a department list filtered by unit', async () => {
    load([
      record(1),
      record(2, { unitId: OTHER_UNIT, unitName: OTHER_UNIT_NAME }),
      record(3, { unitId: OTHER_UNIT, unitName: OTHER_UNIT_NAME }),
    ]);
    const department = userWith('deptAdmin', 'department', DEPARTMENT, '重庆市卫生健康委员会');
    const rows = rowsOf(
      await sheetOf(
        await exportsFor(department).applicationList(
          request({
            unitId: DEPARTMENT,
            filterUnitIds: [OTHER_UNIT],
            sortField: 'applicationNo',
            sortOrder: 'ascend',
          }),
        ),
      ),
    );
    expect(rows.map((row) => [row['申请书编号'], row['所在单位']])).toEqual([
      ['CQ2026-000002', OTHER_UNIT_NAME],
      ['CQ2026-000003', OTHER_UNIT_NAME],
    ]);
  });

  it('exports 5,000 rows with progress events in order, ending with every row written', async () => {
    load(Array.from({ length: 5_000 }, (_, i) => record(i + 1)));
    const exported = await exportsFor(unitAdmin).applicationList(request({ exportId: 'big-one' }));
    expect(exported.rowCount).toBe(5_000);
    const sheet = await sheetOf(exported);
    expect(sheet.rowCount).toBe(5_001);

    expect(events.every((event) => event.exportId === 'big-one')).toBe(true);
    const phases = events.map((event) => event.phase);
    expect(phases[0]).toBe('reading');
    expect(phases.at(-2)).toBe('packing');
    expect(phases.at(-1)).toBe('done');
    const writing = events.filter((event) => event.phase === 'writing');
    expect(writing.length).toBeGreaterThanOrEqual(5);
    expect(writing.every((event) => event.total === 5_000)).toBe(true);
    const written = writing.map((event) => event.done);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(new Set(written).size).toBe(written.length);
    expect(written.at(-1)).toBe(5_000);
    expect(events.at(-1)).toMatchObject({ done: 5_000, total: 5_000 });
  });
});

describe('exporting the 公示名单', () => {
  it('writes the printed list’s columns for approved applications and refuses one not yet approved', async () => {
    load([
      record(1, { state: 'unitPublicity', publicity: { start: '2026-05-11', end: '2026-05-15' } }),
      record(2, { state: 'unitPublicity', publicity: { start: '2026-05-11', end: '2026-05-15' } }),
      record(3),
    ]);
    const exports = exportsFor(unitAdmin);
    const exported = await exports.publicityList({ applicationIds: ['app-00002', 'app-00001'] });
    expect(exported).toMatchObject({ fileName: `公示名单_${UNIT_NAME}_2026-05-20.xlsx`, rowCount: 2 });
    const sheet = await sheetOf(exported);
    expect(sheet.name).toBe('公示名单');
    expect(headersOf(sheet)).toEqual([
      '序号',
      '姓名',
      '性别',
      '工作单位',
      '现职称及取得时间',
      '申报系列/专业/资格',
      '申报类型',
      '评审委员会',
      '公示开始日期',
      '公示结束日期',
    ]);
    expect(rowsOf(sheet).map((row) => [row['序号'], row['姓名'], row['性别'], row['工作单位']])).toEqual([
      [1, '申请人2', '女', UNIT_NAME],
      [2, '申请人1', '女', UNIT_NAME],
    ]);
    expect(cellOf(sheet, '公示结束日期', 1).value).toEqual(new Date('2026-05-15T00:00:00.000Z'));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const refusal = await exports.publicityList({ applicationIds: ['app-00001', 'app-00003'] }).then(
      () => null,
      (error: unknown) => error,
    );
    expect((refusal as AppFailure).error.message).toMatch(/申请人3.*尚未审核通过/);
  });
});
