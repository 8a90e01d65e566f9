import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openApplicationCache,
  type ApplicationCache,
  type ApplicationListQuery,
  type ChangesPage,
} from '../../src-main/core/cache/application-cache';
import { CACHE_MIGRATIONS } from '../../src-main/core/cache/migrations';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';

/**
 * 姓名 and 所在单位 in pinyin order, and the search by pinyin (issue 16), on real cache files: the keys
 * written with each synced row, and those the migration 0006 writes into a cache of the previous version.
 */

const DEPARTMENT = 'dept-health';

/** Surnames with their surname readings, in the pinyin order a roster lists them. */
const IN_PINYIN_ORDER = [
  '安然', // an
  'Anna李', // anna: a Latin name files under a
  '盖聂', // ge (not gai)
  '李娜', // li
  '林一', // lin: after li, however the second character reads
  '万俟卨', // mo (not wan)
  '区志强', // ou (not qu)
  '朴树', // piao (not pu)
  '仇英', // qiu (not chou)
  '单雄信', // shan (not dan)
  '吴雪', // wu
  '解缙', // xie (not jie)
  '尉迟恭', // yu (not wei)
  '曾国藩', // zeng (not ceng)
  '查良镛', // zha (not cha)
  '张三', // zhang
  '𠮷野', // a character pinyin-pro does not know: after every reading
];

let dir: string;
let file: string;
const open: ApplicationCache[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-pinyin-'));
  file = path.join(dir, 'cache', 'user.sqlite');
});

afterEach(() => {
  for (const cache of open.splice(0)) cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openCache(): Promise<ApplicationCache> {
  const cache = await openApplicationCache(file);
  open.push(cache);
  return cache;
}

function record(n: number, applicantName: string, unit = { id: 'unit-a', name: '重庆市示例人民医院' }) {
  const idNumber = `50010119900101${String(n).padStart(4, '0')}`;
  return {
    id: `app-${String(n).padStart(4, '0')}`,
    applicationNo: `CQ2026-${String(n).padStart(6, '0')}`,
    year: '2026',
    state: 'deptReview',
    version: 1,
    submitCount: 1,
    unitId: unit.id,
    unitName: unit.name,
    departmentId: DEPARTMENT,
    applicantName,
    idNumber,
    qualification: '卫生/临床医学/主任医师',
    applicationType: '正常晋升',
    submittedAt: `2026-03-${String((n % 28) + 1).padStart(2, '0')}T08:00:00.000Z`,
    updatedAt: '2026-04-01T08:00:00.000Z',
    publicity: null,
    contentJson: JSON.stringify({ basic: { name: applicantName, idNumber } }),
    attachments: [],
    comments: [],
    previousContentJson: null,
    history: [],
  } satisfies ApplicationRecord;
}

function page(applications: ApplicationRecord[]): ChangesPage {
  return { kind: 'changes', applications, removedIds: [], cursor: 'c1', remaining: 0 };
}

function query(overrides: Partial<ApplicationListQuery>): ApplicationListQuery {
  return {
    scope: 'department',
    unitId: DEPARTMENT,
    state: 'all',
    search: '',
    filterUnitIds: [],
    sortField: 'submittedAt',
    sortOrder: 'descend',
    page: 1,
    pageSize: 20,
    ...overrides,
  };
}

/** Every page of the list in this order, pageSize at a time. */
function namesPaged(
  cache: ApplicationCache,
  overrides: Partial<ApplicationListQuery>,
  pageSize = 4,
): string[] {
  const names: string[] = [];
  for (let n = 1; ; n++) {
    const { rows, total } = cache.queries.listApplications(query({ ...overrides, page: n, pageSize }));
    names.push(...rows.map((row) => row.applicantName));
    if (names.length >= total || rows.length === 0) return names;
  }
}

/** The records in a shuffled order, each name twice (two people of one name tell apart by id). */
function records(): ApplicationRecord[] {
  const shuffled = [...IN_PINYIN_ORDER].reverse();
  return [...shuffled, ...shuffled].map((name, i) => record(i + 1, name));
}

describe('names in pinyin order', () => {
  it('sorts 姓名 ascending and descending in pinyin order across pages, ties by id', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page(records()));

    const ascending = namesPaged(cache, { sortField: 'applicantName', sortOrder: 'ascend' });
    expect(ascending).toEqual(IN_PINYIN_ORDER.flatMap((name) => [name, name]));
    const descending = namesPaged(cache, { sortField: 'applicantName', sortOrder: 'descend' });
    expect(descending).toEqual([...ascending].reverse());

    // The same name twice: the id decides, the same way on every page and in reverse descending.
    const ids = (sortOrder: 'ascend' | 'descend') =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9]
        .flatMap(
          (n) =>
            cache.queries.listApplications(
              query({ sortField: 'applicantName', sortOrder, page: n, pageSize: 4 }),
            ).rows,
        )
        .filter((row) => row.applicantName === '张三')
        .map((row) => row.id);
    expect(ids('ascend')).toEqual(['app-0002', 'app-0019']);
    expect(ids('descend')).toEqual(['app-0019', 'app-0002']);

    // A unit's own list (no index, sorted from the table) gives the same order.
    const unitNames = cache.queries
      .listApplications(
        query({
          scope: 'unit',
          unitId: 'unit-a',
          sortField: 'applicantName',
          sortOrder: 'ascend',
          pageSize: 50,
        }),
      )
      .rows.map((row) => row.applicantName);
    expect(unitNames).toEqual(ascending);
  });

  it('sorts 所在单位 and lists the units filter in pinyin order', async () => {
    const cache = await openCache();
    const units = [
      { id: 'unit-z', name: '重庆市中医院' }, // zhong: code point 中 4E2D comes first
      { id: 'unit-r', name: '重庆市人民医院' }, // ren
      { id: 'unit-d', name: '单位甲' }, // dan (not a surname here), after 重庆 (chong, not zhong)
    ];
    cache.sync.applyPage(page(units.map((unit, i) => record(i + 1, '张三', unit))));
    const listed = cache.queries.listApplications(query({ sortField: 'unitName', sortOrder: 'ascend' }));
    expect(listed.rows.map((row) => row.unitName)).toEqual(['重庆市人民医院', '重庆市中医院', '单位甲']);
    expect(listed.units.map((unit) => unit.name)).toEqual(['重庆市人民医院', '重庆市中医院', '单位甲']);
  });

  it('finds an applicant by pinyin initials and by full pinyin, and still by name, number and ID', async () => {
    const cache = await openCache();
    cache.sync.applyPage(
      page([record(1, '吴雪'), record(2, '王小雪'), record(3, '单雄信'), record(4, '吴学')]),
    );
    const found = (search: string) =>
      cache.queries
        .listApplications(query({ search, sortField: 'applicationNo', sortOrder: 'ascend' }))
        .rows.map((row) => row.applicantName);

    expect(found('wuxue')).toEqual(['吴雪', '吴学']);
    expect(found('WuXue')).toEqual(['吴雪', '吴学']);
    expect(found('wu xue')).toEqual(['吴雪', '吴学']);
    // Full-width letters and spaces from an IME's full-width mode, and a roster's padded name.
    expect(found('ｗｕ　ｘｕｅ')).toEqual(['吴雪', '吴学']);
    expect(found('ＷＸＸ')).toEqual(['王小雪']);
    expect(found('吴　雪')).toEqual(['吴雪']);
    expect(found('王 小 雪')).toEqual(['王小雪']);
    // Initials match as a part, as the name does: 王小雪 is wxx.
    expect(found('wx')).toEqual(['吴雪', '王小雪', '吴学']);
    expect(found('wxx')).toEqual(['王小雪']);
    // The surname's reading: shàn, not dān.
    expect(found('shanxiongxin')).toEqual(['单雄信']);
    expect(found('sxx')).toEqual(['单雄信']);
    expect(found('danxiongxin')).toEqual([]);
    // The search by 姓名, 申请书编号 and 身份证号 stays.
    expect(found('吴雪')).toEqual(['吴雪']);
    expect(found('CQ2026-000003')).toEqual(['单雄信']);
    expect(found('500101199001010004')).toEqual(['吴学']);
  });
});

describe('the migration 0006-pinyin-keys', () => {
  it('fills the keys and the pinyin search of the rows a cache of the previous version holds', async () => {
    // A cache made by the previous version: its migrations only, rows written as it wrote them.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new SqliteDatabase(file);
    const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: old }) });
    const previous = CACHE_MIGRATIONS.filter(([name]) => name < '0006');
    const migrated = await new Migrator({
      db: kysely,
      provider: { getMigrations: async () => Object.fromEntries(previous) },
    }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    const insert = old.prepare(
      `insert into applications (id, application_no, applicant_name, id_number, qualification,
         application_type, state, version, submit_count, unit_id, unit_name, department_id, year,
         submitted_at, updated_at, publicity_start, publicity_end, search_text, generation)
       values (?, ?, ?, ?, '卫生/临床医学/主任医师', '正常晋升', 'deptReview', 1, 1, 'unit-a',
         '重庆市示例人民医院', ?, '2026', '2026-03-01T08:00:00.000Z', '2026-04-01T08:00:00.000Z',
         null, null, ?, 0)`,
    );
    for (const r of records()) {
      insert.run(
        r.id,
        r.applicationNo,
        r.applicantName,
        r.idNumber,
        DEPARTMENT,
        `${r.applicantName}|${r.applicationNo}|${r.idNumber}`.toLowerCase(),
      );
    }
    old.prepare(`insert into comment_drafts values ('app-0001', 'basic', '请补充', '2026-04-01')`).run();
    await kysely.destroy();

    const cache = await openCache();
    expect(namesPaged(cache, { sortField: 'applicantName', sortOrder: 'ascend' })).toEqual(
      IN_PINYIN_ORDER.flatMap((name) => [name, name]),
    );
    const search = (text: string) =>
      cache.queries.listApplications(query({ search: text })).rows.map((row) => row.applicantName);
    expect(search('wx')).toEqual(['吴雪', '吴雪']);
    expect(search('zengguofan')).toEqual(['曾国藩', '曾国藩']);
    // The migration kept the reviewer's work.
    expect(cache.work.commentDrafts('app-0001').map((draft) => draft.text)).toEqual(['请补充']);
  });
});
