import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CacheOwnerMismatchError,
  openApplicationCache,
  StaleSnapshotPageError,
  type ApplicationCache,
  type ApplicationListQuery,
  type ChangesPage,
} from '../../src-main/core/cache/application-cache';
import { applicationCacheFile, removeUserCache } from '../../src-main/core/cache/cache-location';
import { personNameSortKey } from '../../src-shared/domain/pinyin-key';
import type { ApplicationAttachment, ApplicationRecord } from '../../src-shared/contracts/applications';
import type { ApplicationState } from '../../src-shared/domain/workflow';

/** The core's local cache over real SQLite files in a temporary folder. */

const UNIT = 'unit-hospital';
const OTHER_UNIT = 'unit-clinic';
const DEPARTMENT = 'dept-health';
const OTHER_DEPARTMENT = 'dept-education';

let dir: string;
let file: string;
const open: ApplicationCache[] = [];

async function openCache(at = file): Promise<ApplicationCache> {
  const cache = await openApplicationCache(at);
  open.push(cache);
  return cache;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-cache-'));
  file = path.join(dir, 'cache', 'user.sqlite');
});

afterEach(() => {
  for (const cache of open.splice(0)) cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let serial = 0;

/** A valid ApplicationRecord with a small content document; `n` makes number and ID number unique. */
function record(n: number, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  const idNumber = `50010119900101${String(n).padStart(4, '0')}`;
  const name = overrides.applicantName ?? `申请人${n}`;
  const content = {
    basic: { name, gender: '女', idNumber, mobile: '15012345655' },
    education: [{ school: '重庆大学', major: '工商管理', degree: '硕士' }],
  };
  return {
    id: `app-${String(n).padStart(4, '0')}`,
    applicationNo: `2026${String(n).padStart(6, '0')}`,
    year: '2026',
    state: 'unitReview',
    version: 1,
    submitCount: 1,
    unitId: UNIT,
    unitName: '重庆市示例人民医院',
    departmentId: DEPARTMENT,
    applicantName: name,
    idNumber,
    qualification: '经济/工商管理/正高级经济师',
    applicationType: '正常晋升',
    submittedAt: `2026-03-${String((n % 28) + 1).padStart(2, '0')}T08:00:00.000Z`,
    updatedAt: '2026-04-01T08:00:00.000Z',
    publicity: null,
    contentJson: JSON.stringify(content),
    attachments: [],
    comments: [],
    previousContentJson: null,
    history: [
      {
        seq: 1,
        at: '2026-03-01T08:00:00.000Z',
        action: 'submit',
        fromState: 'draft',
        toState: 'unitReview',
        actorName: name,
        comment: null,
      },
    ],
    ...overrides,
  };
}

function attachment(content: Buffer, overrides: Partial<ApplicationAttachment> = {}): ApplicationAttachment {
  serial += 1;
  return {
    fileId: `file-${serial}`,
    fileName: '存档机构查询情况.pdf',
    mimeType: 'application/pdf',
    size: content.length,
    sha256: sha256(content),
    sectionKey: 'basic',
    fieldKey: 'archiveAgencyRecord',
    rowIndex: null,
    ...overrides,
  };
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function page(applications: ApplicationRecord[], cursor: string, removedIds: string[] = []): ChangesPage {
  return { kind: 'changes', applications, removedIds, cursor, remaining: 0 };
}

function query(overrides: Partial<ApplicationListQuery> = {}): ApplicationListQuery {
  return {
    scope: 'unit',
    unitId: UNIT,
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

function ids(cache: ApplicationCache, overrides: Partial<ApplicationListQuery> = {}): string[] {
  return cache.queries.listApplications(query(overrides)).rows.map((row) => row.id);
}

describe('applying pull pages', () => {
  it('stores records and the cursor, and upserts replace the row, document and attachments', async () => {
    const cache = await openCache();
    expect(cache.sync.syncState()).toMatchObject({
      cursor: null,
      snapshotInProgress: false,
      lastSyncedAt: null,
    });

    const scan = Buffer.from('old scan');
    cache.sync.applyPage(page([record(1, { attachments: [attachment(scan)] }), record(2)], 'c1'));
    expect(cache.queries.count()).toBe(2);
    expect(cache.sync.syncState().cursor).toBe('c1');
    const oldFile = cache.queries.getApplicationDetail('app-0001')?.attachments[0]?.fileId;
    expect(oldFile).toBeDefined();
    expect(cache.scans.putBlob(sha256(scan), 'application/pdf', scan)).toBe(true);

    const newScan = Buffer.from('new scan');
    cache.sync.applyPage(
      page(
        [
          record(1, {
            state: 'unitPublicity',
            version: 2,
            applicantName: '张小飞',
            publicity: { start: '2026-04-02', end: '2026-04-09' },
            attachments: [attachment(newScan, { fieldKey: 'insuranceRecord', fileName: '参保记录.pdf' })],
          }),
        ],
        'c2',
      ),
    );
    expect(cache.queries.count()).toBe(2);
    expect(cache.sync.syncState().cursor).toBe('c2');
    const detail = cache.queries.getApplicationDetail('app-0001');
    expect(detail).toMatchObject({
      state: 'unitPublicity',
      version: 2,
      applicantName: '张小飞',
      publicity: { start: '2026-04-02', end: '2026-04-09' },
    });
    expect(detail?.attachments.map((a) => a.fileName)).toEqual(['参保记录.pdf']);
    // The replaced scan is no longer referenced, so neither its reference nor its content stays.
    expect(cache.scans.getAttachment('app-0001', oldFile ?? '')).toBeNull();
    expect(cache.scans.hasBlob(sha256(scan))).toBe(false);
    expect(ids(cache, { search: '张小飞' })).toEqual(['app-0001']);
    expect(ids(cache, { search: '申请人1' })).toEqual([]);

    cache.sync.markSynced('2026-04-02T09:00:00.000Z');
    expect(cache.sync.syncState().lastSyncedAt).toBe('2026-04-02T09:00:00.000Z');
  });

  it('deletes tombstoned applications with their documents, but keeps comment drafts and the outbox', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record(1), record(2)], 'c1'));
    cache.work.putCommentDraft({
      applicationId: 'app-0001',
      target: 'section:basic',
      text: '请补充学历证书',
      updatedAt: '2026-04-01T10:00:00.000Z',
    });
    cache.work.enqueueOutbox({
      id: '6f1c2d1e-4b7a-4a57-9c55-1d2f8d9e0a11',
      applicationId: 'app-0001',
      operation: 'unitReturn',
      payloadJson: '{}',
      baseVersion: 1,
      createdAt: '2026-04-01T10:01:00.000Z',
    });

    cache.sync.applyPage(page([], 'c2', ['app-0001', 'never-cached']));
    expect(cache.queries.count()).toBe(1);
    expect(cache.queries.getApplicationDetail('app-0001')).toBeNull();
    expect(cache.sync.syncState().cursor).toBe('c2');
    expect(cache.work.commentDrafts('app-0001')).toEqual([
      expect.objectContaining({ target: 'section:basic', text: '请补充学历证书' }),
    ]);
    expect(cache.work.outboxEntries()).toEqual([
      expect.objectContaining({ applicationId: 'app-0001', status: 'pending', seq: 1 }),
    ]);
    expect(cache.integrityCheck()).toEqual([]);
  });

  it('stores neither the rows nor the cursor of a page that fails part way', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record(1)], 'c1'));

    // A NOT NULL column left empty by a broken record, after two good ones.
    const broken = record(4, { applicantName: null as unknown as string });
    expect(() => cache.sync.applyPage(page([record(2), record(3), broken], 'c2', ['app-0001']))).toThrow();
    expect(cache.queries.count()).toBe(1);
    expect(cache.queries.getApplicationDetail('app-0001')).not.toBeNull();
    expect(cache.sync.syncState().cursor).toBe('c1');

    // An error thrown by our own code in the middle of the page.
    const unreadable = record(5, { attachments: null as unknown as ApplicationAttachment[] });
    expect(() => cache.sync.applyPage(page([record(2), unreadable], 'c3'))).toThrow();
    expect(cache.queries.count()).toBe(1);
    expect(cache.sync.syncState().cursor).toBe('c1');
    expect(cache.queries.listApplications(query()).total).toBe(1);
  });

  it('with keepCursor writes the rows but leaves the stored cursor as it was', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record(1)], 'c1'));
    cache.sync.applyPage(page([record(2), record(1, { version: 2 })], 'ahead', ['app-0003']), {
      keepCursor: true,
    });
    expect(cache.sync.syncState().cursor).toBe('c1');
    expect(cache.queries.getApplicationDetail('app-0001')?.version).toBe(2);
    expect(cache.queries.getApplicationDetail('app-0002')).not.toBeNull();
    cache.sync.applyPage(page([record(3)], 'c2'));
    expect(cache.sync.syncState().cursor).toBe('c2');
    expect(cache.queries.count()).toBe(3);
  });

  it('keeps the first reference when an application lists the same file twice', async () => {
    const cache = await openCache();
    const scan = Buffer.from('scan');
    const first = attachment(scan);
    cache.sync.applyPage(page([record(1, { attachments: [first, { ...first, fieldKey: 'other' }] })], 'c1'));
    expect(cache.queries.getApplicationDetail('app-0001')?.attachments).toHaveLength(2);
    cache.scans.putBlob(first.sha256, first.mimeType, scan);
    expect(cache.scans.getAttachment('app-0001', first.fileId)?.content.toString()).toBe('scan');
  });
});

describe('snapshots', () => {
  it('sweeps what the snapshot did not bring, keeps drafts and outbox, and refuses stale pages', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record(1), record(2), record(3)], 'c1'));
    cache.work.putCommentDraft({
      applicationId: 'app-0002',
      target: 'application',
      text: '意见',
      updatedAt: 'now',
    });

    const generation = cache.sync.beginSnapshot();
    expect(cache.sync.syncState()).toMatchObject({ cursor: null, snapshotInProgress: true });
    // Until the snapshot finishes, the list still shows everything cached.
    expect(cache.queries.count()).toBe(3);
    cache.sync.applyPage(page([record(1, { version: 5 }), record(3)], 's1'), {
      snapshotGeneration: generation,
    });
    expect(() =>
      cache.sync.applyPage(page([record(2)], 'old'), { snapshotGeneration: generation - 1 }),
    ).toThrow(StaleSnapshotPageError);

    expect(await cache.sync.finishSnapshot()).toBe(1);
    expect(cache.sync.syncState()).toMatchObject({ cursor: 's1', snapshotInProgress: false });
    expect(ids(cache).sort()).toEqual(['app-0001', 'app-0003']);
    expect(cache.queries.getApplicationDetail('app-0001')?.version).toBe(5);
    expect(cache.work.commentDrafts('app-0002')).toHaveLength(1);
    // Finished: a page claiming to belong to it is refused, and finishing again does nothing.
    expect(() => cache.sync.applyPage(page([], 'x'), { snapshotGeneration: generation })).toThrow(
      StaleSnapshotPageError,
    );
    expect(await cache.sync.finishSnapshot()).toBe(0);
  });

  it('continues a snapshot after a restart in the middle of it', async () => {
    let cache = await openCache();
    cache.sync.applyPage(page([record(1), record(2), record(3), record(4)], 'c1'));
    const generation = cache.sync.beginSnapshot();
    cache.sync.applyPage(page([record(1)], 's1'), { snapshotGeneration: generation });
    cache.close();

    cache = await openCache();
    const state = cache.sync.syncState();
    expect(state).toMatchObject({ snapshotInProgress: true, cursor: 's1', snapshotGeneration: generation });
    cache.sync.applyPage(page([record(3)], 's2'), { snapshotGeneration: state.snapshotGeneration });
    expect(await cache.sync.finishSnapshot()).toBe(2);
    expect(ids(cache).sort()).toEqual(['app-0001', 'app-0003']);
    expect(cache.sync.syncState()).toMatchObject({ snapshotInProgress: false, cursor: 's2' });
  });

  it('sweeps in batches, pruning the scans of swept applications', async () => {
    const cache = await openCache();
    const shared = Buffer.from('shared scan');
    const records = Array.from({ length: 600 }, (_, i) =>
      record(i + 1, { attachments: [attachment(shared)] }),
    );
    cache.sync.applyPage(page(records, 'c1'));
    cache.scans.putBlob(sha256(shared), 'application/pdf', shared);

    const generation = cache.sync.beginSnapshot();
    cache.sync.applyPage(page([records[599] as ApplicationRecord], 's1'), { snapshotGeneration: generation });
    expect(await cache.sync.finishSnapshot()).toBe(599);
    expect(cache.scans.hasBlob(sha256(shared))).toBe(true);

    cache.sync.beginSnapshot();
    expect(await cache.sync.finishSnapshot()).toBe(1);
    expect(cache.queries.count()).toBe(0);
    expect(cache.scans.hasBlob(sha256(shared))).toBe(false);
    expect(cache.integrityCheck()).toEqual([]);
  });
});

describe('the list', () => {
  it('searches name, application number and ID number, case-insensitively, and masks the ID number', async () => {
    const cache = await openCache();
    cache.sync.applyPage(
      page(
        [
          record(1, { applicantName: '王小明' }),
          record(2, { applicantName: '李晓红', idNumber: '36042619910101007X' }),
          record(3, { applicantName: 'Zhang San' }),
        ],
        'c1',
      ),
    );

    expect(ids(cache, { search: '小明' })).toEqual(['app-0001']);
    expect(ids(cache, { search: '2026000002' })).toEqual(['app-0002']);
    expect(ids(cache, { search: '00003' })).toEqual(['app-0003']);
    expect(ids(cache, { search: 'zhang' })).toEqual(['app-0003']);
    expect(ids(cache, { search: 'ZHANG SAN' })).toEqual(['app-0003']);

    const byIdNumber = cache.queries.listApplications(query({ search: '36042619910101007x' }));
    expect(byIdNumber.rows.map((row) => row.id)).toEqual(['app-0002']);
    expect(byIdNumber.rows[0]?.maskedIdNumber).toBe('3****************X');
    expect(JSON.stringify(byIdNumber)).not.toContain('36042619910101007');

    // LIKE's wildcards are searched for literally.
    expect(ids(cache, { search: '%' })).toEqual([]);
    expect(ids(cache, { search: '_' })).toEqual([]);
    expect(ids(cache, { search: '王%明' })).toEqual([]);
  });

  it('pages a search or a sort from the order it found, and finds it again after any write', async () => {
    const cache = await openCache();
    cache.sync.applyPage(
      page(
        Array.from({ length: 30 }, (_, i) =>
          record(i + 1, { applicantName: `王${String.fromCharCode(0x4e00 + ((i * 7) % 30))}` }),
        ),
        'c1',
      ),
    );
    const sorted = { search: '王', sortField: 'applicantName', sortOrder: 'ascend', pageSize: 7 } as const;
    const pages = [1, 2, 3, 4, 5].map((n) => cache.queries.listApplications(query({ ...sorted, page: n })));
    const expected = Array.from({ length: 30 }, (_, i) => record(i + 1))
      .map((r, i) => ({ id: r.id, name: `王${String.fromCharCode(0x4e00 + ((i * 7) % 30))}` }))
      // By the names' pinyin keys (pinyin-order.test.ts checks that order itself).
      .map((r) => ({ ...r, key: personNameSortKey(r.name) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    expect(pages.flatMap((p) => p.rows.map((row) => row.id))).toEqual(expected);
    expect(pages.map((p) => p.total)).toEqual([30, 30, 30, 30, 30]);

    // A page renames one applicant and removes another: the next list shows both changes.
    cache.sync.applyPage(page([record(1, { applicantName: '张三' })], 'c2', ['app-0002']));
    const after = cache.queries.listApplications(query({ ...sorted, pageSize: 50 }));
    expect(after.total).toBe(28);
    expect(after.rows.map((row) => row.id)).toEqual(
      expected.filter((id) => id !== 'app-0001' && id !== 'app-0002'),
    );
    // A write of the reviewer's own (a decision queued) drops the kept orders too; its status shows at once.
    cache.work.enqueueOutbox({
      id: 'op-1',
      applicationId: 'app-0003',
      operation: 'decide',
      payloadJson: '{}',
      baseVersion: 1,
      createdAt: '2026-04-02T08:00:00.000Z',
    });
    const queued = cache.queries.listApplications(query({ ...sorted, pageSize: 50 }));
    expect(queued.rows.find((row) => row.id === 'app-0003')?.outboxStatus).toBe('pending');
  });

  it('filters by state, counts every state of the scope regardless of search, and totals the matches', async () => {
    const cache = await openCache();
    const states: ApplicationState[] = [
      'unitReview',
      'unitReview',
      'unitReview',
      'unitReturned',
      'committee',
    ];
    cache.sync.applyPage(
      page(
        states.map((state, i) => record(i + 1, { state })),
        'c1',
      ),
    );

    const all = cache.queries.listApplications(query());
    expect(all.total).toBe(5);
    expect(all.counts).toMatchObject({
      unitReview: 3,
      unitReturned: 1,
      committee: 1,
      draft: 0,
      withdrawn: 0,
    });
    expect(Object.keys(all.counts)).toHaveLength(8);

    const review = cache.queries.listApplications(query({ state: 'unitReview' }));
    expect(review.total).toBe(3);
    expect(review.rows.every((row) => row.state === 'unitReview')).toBe(true);

    const searched = cache.queries.listApplications(query({ state: 'unitReview', search: '申请人2' }));
    expect(searched.rows.map((row) => row.id)).toEqual(['app-0002']);
    expect(searched.total).toBe(1);
    expect(searched.counts).toEqual(all.counts);

    // Sorted by another field, a search counts its matches while sorting them, on any page.
    const byName = cache.queries.listApplications(
      query({ search: '申请人', sortField: 'applicantName', pageSize: 2 }),
    );
    expect(byName.total).toBe(5);
    expect(byName.rows.map((row) => row.id)).toEqual(['app-0005', 'app-0004']);
    const pastTheEnd = cache.queries.listApplications(
      query({ search: '申请人', sortField: 'applicantName', pageSize: 2, page: 4 }),
    );
    expect(pastTheEnd).toMatchObject({ rows: [], total: 5 });
    expect(cache.queries.listApplications(query({ search: '无此人', sortField: 'submitCount' })).total).toBe(
      0,
    );

    // Counts follow writes.
    cache.sync.applyPage(page([record(1, { state: 'unitPublicity' })], 'c2'));
    expect(cache.queries.listApplications(query()).counts).toMatchObject({ unitReview: 2, unitPublicity: 1 });
  });

  it('sorts by every field in both orders, nulls last, with stable pages', async () => {
    const cache = await openCache();
    const records = Array.from({ length: 23 }, (_, i) =>
      record(i + 1, {
        // Many ties in each sort field, so the id decides between them.
        submittedAt: i === 4 || i === 9 ? null : `2026-03-0${(i % 3) + 1}T08:00:00.000Z`,
        submitCount: (i % 2) + 1,
        applicantName: ['张三', '李四', '王五'][i % 3],
        state: i === 4 || i === 9 ? 'draft' : 'unitReview',
      }),
    );
    cache.sync.applyPage(page(records, 'c1'));

    const compare = (a: string | number | null, b: string | number | null) =>
      a! < b! ? -1 : a! > b! ? 1 : 0;
    // Names in pinyin order (li, wang, zhang), not by code point (张 5F20 < 李 674E < 王 738B).
    const pinyinRank: Record<string, number> = { 李四: 0, 王五: 1, 张三: 2 };
    const fields = {
      submittedAt: (r: ApplicationRecord) => r.submittedAt,
      applicationNo: (r: ApplicationRecord) => r.applicationNo,
      applicantName: (r: ApplicationRecord) => pinyinRank[r.applicantName] ?? -1,
      submitCount: (r: ApplicationRecord) => r.submitCount,
    } as const;
    for (const sortField of Object.keys(fields) as (keyof typeof fields)[]) {
      for (const sortOrder of ['ascend', 'descend'] as const) {
        const sign = sortOrder === 'ascend' ? 1 : -1;
        const value = fields[sortField];
        const expected = [...records]
          .sort((a, b) => {
            const va = value(a);
            const vb = value(b);
            if (va === null || vb === null) {
              if (va !== vb) return va === null ? 1 : -1;
            } else if (va !== vb) {
              return sign * compare(va, vb);
            }
            return sign * compare(a.id, b.id);
          })
          .map((r) => r.id);

        const paged: string[] = [];
        for (let p = 1; p <= 3; p++) {
          const result = cache.queries.listApplications(
            query({ sortField, sortOrder, page: p, pageSize: 10 }),
          );
          expect(result.total).toBe(23);
          paged.push(...result.rows.map((row) => row.id));
        }
        expect(paged, `${sortField} ${sortOrder}`).toEqual(expected);
      }
    }
    expect(cache.queries.listApplications(query({ page: 4, pageSize: 10 })).rows).toEqual([]);
  });

  it("shows a unit its own applications and a department its units' applications", async () => {
    const cache = await openCache();
    cache.sync.applyPage(
      page(
        [
          record(1),
          record(2, { unitId: OTHER_UNIT, unitName: '重庆市示例诊所' }),
          record(3, { unitId: 'unit-school', departmentId: OTHER_DEPARTMENT }),
          record(4, { unitId: 'unit-alone', departmentId: null }),
        ],
        'c1',
      ),
    );
    expect(ids(cache).sort()).toEqual(['app-0001']);
    expect(ids(cache, { unitId: OTHER_UNIT })).toEqual(['app-0002']);
    const department = cache.queries.listApplications(query({ scope: 'department', unitId: DEPARTMENT }));
    expect(department.rows.map((row) => row.id).sort()).toEqual(['app-0001', 'app-0002']);
    expect(department.counts.unitReview).toBe(2);
    expect(ids(cache, { scope: 'department', unitId: OTHER_DEPARTMENT })).toEqual(['app-0003']);
    expect(ids(cache, { scope: 'department', unitId: 'nobody' })).toEqual([]);
  });

  it("shows a department each application's unit, sorts by it and filters by units it lists", async () => {
    const cache = await openCache();
    const units = [
      { unitId: 'unit-b', unitName: '重庆市示例卫生院' },
      { unitId: 'unit-a', unitName: '重庆市示例人民医院' },
      { unitId: 'unit-c', unitName: '重庆市示例中医院' },
    ];
    const records = Array.from({ length: 12 }, (_, i) =>
      record(i + 1, { ...units[i % 3], state: i < 8 ? 'deptReview' : 'committee' }),
    );
    cache.sync.applyPage(page([...records, record(99, { unitId: 'unit-z', departmentId: 'other' })], 'c1'));
    const department = { scope: 'department', unitId: DEPARTMENT } as const;

    const all = cache.queries.listApplications(query({ ...department, pageSize: 50 }));
    // In the order of the list's sort by unit: pinyin (ren, wei, zhong), not code points (中 人 卫).
    expect(all.units).toEqual([
      { id: 'unit-a', name: '重庆市示例人民医院', count: 4 },
      { id: 'unit-b', name: '重庆市示例卫生院', count: 4 },
      { id: 'unit-c', name: '重庆市示例中医院', count: 4 },
    ]);
    expect(all.rows.find((row) => row.id === 'app-0001')?.unitName).toBe('重庆市示例卫生院');

    const nameOf = (id: string) => records.find((r) => r.id === id)?.unitName ?? '';
    const rankOf = (r: ApplicationRecord) => ['unit-a', 'unit-b', 'unit-c'].indexOf(r.unitId);
    for (const sortOrder of ['ascend', 'descend'] as const) {
      const sign = sortOrder === 'ascend' ? 1 : -1;
      const expected = [...records]
        .sort((a, b) => sign * (rankOf(a) - rankOf(b) || (a.id < b.id ? -1 : 1)))
        .map((r) => r.id);
      const paged = [1, 2, 3].flatMap(
        (n) =>
          cache.queries.listApplications(
            query({ ...department, sortField: 'unitName', sortOrder, page: n, pageSize: 5 }),
          ).rows,
      );
      expect(
        paged.map((row) => row.id),
        sortOrder,
      ).toEqual(expected);
      expect(paged.map((row) => row.unitName)).toEqual(expected.map(nameOf));
    }

    // The filter applies with the state filter, the search and any order; counts and units ignore it.
    const filtered = cache.queries.listApplications(
      query({ ...department, filterUnitIds: ['unit-a', 'unit-c'], state: 'deptReview', pageSize: 50 }),
    );
    expect(filtered.rows.map((row) => row.id).sort()).toEqual(
      records
        .filter((r) => r.unitId !== 'unit-b' && r.state === 'deptReview')
        .map((r) => r.id)
        .sort(),
    );
    expect(filtered.total).toBe(filtered.rows.length);
    expect(filtered.counts).toEqual(all.counts);
    expect(filtered.units).toEqual(all.units);
    expect(ids(cache, { ...department, filterUnitIds: ['unit-b'], search: '申请人1' })).toEqual([
      'app-0010',
      'app-0001',
    ]);
    expect(
      ids(cache, {
        ...department,
        filterUnitIds: ['unit-c'],
        sortField: 'applicationNo',
        sortOrder: 'ascend',
      }),
    ).toEqual(['app-0003', 'app-0006', 'app-0009', 'app-0012']);
    expect(cache.queries.listApplications(query({ ...department, filterUnitIds: ['unit-z'] })).total).toBe(0);

    // A unit's list is its own: no units to choose from.
    expect(cache.queries.listApplications(query({ unitId: 'unit-a' })).units).toEqual([]);

    // The units follow writes.
    cache.sync.applyPage(page([record(1, { unitId: 'unit-a', unitName: '重庆市示例人民医院' })], 'c2'));
    expect(cache.queries.listApplications(query(department)).units.map((unit) => unit.count)).toEqual([
      5, 3, 4,
    ]);
  });
});

describe('details and scans', () => {
  it('parses the document and says which scans open offline', async () => {
    const cache = await openCache();
    const cached = Buffer.from('%PDF-1.4 archive');
    const missing = Buffer.from('%PDF-1.4 insurance');
    const a = attachment(cached);
    const b = attachment(missing, { fieldKey: 'insuranceRecord', sectionKey: 'education', rowIndex: 0 });
    const source = record(7, { attachments: [a, b], publicity: null });
    cache.sync.applyPage(page([source], 'c1'));
    cache.scans.putBlob(a.sha256, a.mimeType, cached);

    const detail = cache.queries.getApplicationDetail('app-0007');
    expect(detail).toMatchObject({
      id: 'app-0007',
      applicationNo: '2026000007',
      year: '2026',
      state: 'unitReview',
      unitName: '重庆市示例人民医院',
      applicantName: '申请人7',
      publicity: null,
      history: source.history,
    });
    expect(detail?.content).toEqual(JSON.parse(source.contentJson));
    expect(detail?.attachments).toEqual([
      { ...a, cached: true },
      { ...b, cached: false },
    ]);
    expect(cache.queries.getApplicationDetail('nope')).toBeNull();

    expect(cache.scans.getAttachment('app-0007', a.fileId)).toEqual({
      fileId: a.fileId,
      fileName: a.fileName,
      mimeType: 'application/pdf',
      size: cached.length,
      content: cached,
    });
    expect(cache.scans.getAttachment('app-0007', b.fileId)).toBeNull();
    expect(cache.scans.getAttachment('app-0001', a.fileId)).toBeNull();
  });

  it('stores a scan once for every application that refers to it, and only while one does', async () => {
    const cache = await openCache();
    const scan = Buffer.from('shared insurance record');
    const hash = sha256(scan);
    cache.sync.applyPage(
      page(
        [
          record(1, { attachments: [attachment(scan, { fileName: '甲.pdf' })] }),
          record(2, { attachments: [attachment(scan, { fileName: '乙.pdf' })] }),
        ],
        'c1',
      ),
    );

    expect(await cache.scans.missingBlobs(10)).toEqual([
      { applicationId: 'app-0001', fileId: expect.any(String), sha256: hash },
    ]);
    expect(() => cache.scans.putBlob(hash, 'application/pdf', Buffer.from('truncated'))).toThrow();
    expect(cache.scans.putBlob(hash.toUpperCase(), 'application/pdf', scan)).toBe(false);
    expect(cache.scans.putBlob(hash, 'application/pdf', scan)).toBe(true);
    expect(cache.scans.putBlob(hash, 'application/pdf', scan)).toBe(false);
    expect(cache.scans.hasBlob(hash)).toBe(true);
    expect(await cache.scans.missingBlobs(10)).toEqual([]);

    const second = cache.queries.getApplicationDetail('app-0002')?.attachments[0];
    expect(second?.cached).toBe(true);
    expect(cache.scans.getAttachment('app-0002', second?.fileId ?? '')?.fileName).toBe('乙.pdf');

    // Nothing refers to this one, so it is not kept.
    const stray = Buffer.from('stray');
    expect(cache.scans.putBlob(sha256(stray), 'application/pdf', stray)).toBe(false);
    expect(cache.scans.hasBlob(sha256(stray))).toBe(false);

    cache.sync.applyPage(page([], 'c2', ['app-0001']));
    expect(cache.scans.hasBlob(hash)).toBe(true);
    cache.sync.applyPage(page([], 'c3', ['app-0002']));
    expect(cache.scans.hasBlob(hash)).toBe(false);
  });

  it('lists each missing scan once, up to the limit', async () => {
    const cache = await openCache();
    const scans = Array.from({ length: 5 }, (_, i) => Buffer.from(`scan ${i}`));
    cache.sync.applyPage(
      page(
        [
          record(1, { attachments: scans.slice(0, 3).map((s) => attachment(s)) }),
          record(2, { attachments: scans.slice(2).map((s) => attachment(s)) }),
        ],
        'c1',
      ),
    );
    const missing = await cache.scans.missingBlobs(10);
    expect(missing.map((m) => m.sha256).sort()).toEqual(scans.map(sha256).sort());
    expect(await cache.scans.missingBlobs(2)).toHaveLength(2);

    const first = missing[0];
    const content = scans.find((s) => sha256(s) === first?.sha256);
    if (!first || !content) throw new Error('no missing scan');
    cache.scans.putBlob(first.sha256, 'application/pdf', content);
    expect((await cache.scans.missingBlobs(10)).map((m) => m.sha256)).not.toContain(first.sha256);
    expect(await cache.scans.missingBlobs(10)).toHaveLength(4);
    for (const m of await cache.scans.missingBlobs(10)) {
      expect(cache.queries.getApplicationDetail(m.applicationId)?.attachments.map((a) => a.fileId)).toContain(
        m.fileId,
      );
    }
  });

  it('looks through a cache larger than one query looks at, each hash once with its first application', async () => {
    const cache = await openCache();
    const [shared, late] = ['scan of the first and the last', 'scan of the last alone'].map((t) =>
      Buffer.from(t),
    );
    if (!shared || !late) throw new Error('no scans');
    // 2,500 applications: past the 1,000 one query of missingBlobs looks at, twice over.
    const records = Array.from({ length: 2_500 }, (_, i) => record(i + 1));
    records[0] = record(1, { attachments: [attachment(shared)] });
    records[2_499] = record(2_500, { attachments: [attachment(shared), attachment(late)] });
    cache.sync.applyPage(page(records, 'c1'));

    const missing = await cache.scans.missingBlobs(10);
    expect(missing.map((m) => m.sha256).sort()).toEqual([shared, late].map(sha256).sort());
    expect(missing.find((m) => m.sha256 === sha256(shared))?.applicationId).toBe(record(1).id);
    expect(missing.find((m) => m.sha256 === sha256(late))?.applicationId).toBe(record(2_500).id);
    expect(await cache.scans.missingBlobs(1)).toHaveLength(1);
    const named = await cache.scans.missingBlobs(10, records.map((r) => r.id).reverse());
    expect(named.map((m) => m.sha256).sort()).toEqual([shared, late].map(sha256).sort());
  });

  it('lists the missing scans of the applications named, and of no others', async () => {
    const cache = await openCache();
    const [own, other, shared] = ['scan of 1', 'scan of 2', 'scan of both'].map((text) => Buffer.from(text));
    if (!own || !other || !shared) throw new Error('no scans');
    cache.sync.applyPage(
      page(
        [
          record(1, { attachments: [attachment(own), attachment(shared)] }),
          record(2, { attachments: [attachment(other), attachment(shared)] }),
        ],
        'c1',
      ),
    );
    const missing = async (among?: string[]) =>
      (await cache.scans.missingBlobs(10, among)).map((m) => m.sha256).sort();
    expect(await missing(['app-0001'])).toEqual([own, shared].map(sha256).sort());
    // An id the cache does not hold names nothing.
    expect(await missing(['app-0002', 'app-0009'])).toEqual([other, shared].map(sha256).sort());
    expect(await missing([])).toEqual([]);
    expect(await missing()).toEqual([own, other, shared].map(sha256).sort());
    expect(
      (await cache.scans.missingBlobs(10, ['app-0002'])).find((m) => m.sha256 === sha256(other)),
    ).toMatchObject({
      applicationId: 'app-0002',
    });
    expect(await cache.scans.missingBlobs(1, ['app-0001'])).toHaveLength(1);

    cache.scans.putBlob(sha256(shared), 'application/pdf', shared);
    expect(await missing(['app-0001'])).toEqual([sha256(own)]);
  });
});

describe('the cache file', () => {
  it('passes its integrity check and survives a reopen', async () => {
    let cache = await openCache();
    cache.sync.applyPage(page([record(1, { attachments: [attachment(Buffer.from('x'))] })], 'c1'));
    expect(cache.integrityCheck()).toEqual([]);
    cache.close();
    cache.close();

    cache = await openCache();
    expect(cache.queries.count()).toBe(1);
    expect(cache.sync.syncState().cursor).toBe('c1');
    expect(cache.integrityCheck()).toEqual([]);
  });

  it('checkpoints its WAL into the database file without being asked', async () => {
    const cache = await openCache();
    const big = 'x'.repeat(50_000);
    const sizeBefore = fs.statSync(file).size;
    cache.sync.applyPage(
      page(
        Array.from({ length: 40 }, (_, i) =>
          record(i + 1, { contentJson: JSON.stringify({ basic: { big } }) }),
        ),
        'c1',
      ),
    );
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < sizeBefore + 40 * 50_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 40 * 50_000);
  });

  it('belongs to one user of one server', async () => {
    const owner = { serverUrl: 'https://zc.example.cn', userId: 'a1b2c3d4-0000-4000-8000-000000000001' };
    open.push(await openApplicationCache(file, owner));
    open.pop()?.close();
    open.push(await openApplicationCache(file, owner));
    expect(open[0]?.sync.syncState()).toMatchObject(owner);
    open.pop()?.close();
    await expect(openApplicationCache(file, { ...owner, userId: 'someone-else' })).rejects.toThrow(
      CacheOwnerMismatchError,
    );
  });

  it('lives in a folder per server and a file per user, and is removed with its WAL', async () => {
    const user = '7D3F2A10-5B6C-4D7E-8F90-A1B2C3D4E5F6';
    const location = applicationCacheFile(dir, 'https://ZC.example.cn/', user);
    expect(location).toBe(applicationCacheFile(dir, 'https://zc.example.cn', user));
    expect(path.relative(dir, location)).toMatch(
      /^cache[\\/][0-9a-f]{16}[\\/]7d3f2a10-5b6c-4d7e-8f90-a1b2c3d4e5f6\.sqlite$/,
    );
    expect(path.dirname(applicationCacheFile(dir, 'https://other.example.cn', user))).not.toBe(
      path.dirname(location),
    );
    expect(applicationCacheFile(dir, 'https://zc.example.cn', 'other-user')).not.toBe(location);

    // Whatever a server calls its users, the name stays inside the server's folder.
    for (const odd of ['../../escape', 'CON', 'a/b', '', 'a.b']) {
      const oddFile = applicationCacheFile(dir, 'https://zc.example.cn', odd);
      expect(path.dirname(oddFile)).toBe(path.dirname(location));
      expect(path.basename(oddFile)).toMatch(/^user-[0-9a-f]{32}\.sqlite$/);
    }
    expect(applicationCacheFile(dir, 'https://zc.example.cn', 'a.b')).not.toBe(
      applicationCacheFile(dir, 'https://zc.example.cn', 'a_b'),
    );

    const neighbour = applicationCacheFile(
      dir,
      'https://zc.example.cn',
      'b0000000-0000-4000-8000-000000000002',
    );
    const cache = await openCache(location);
    cache.sync.applyPage(page([record(1)], 'c1'));
    (await openCache(neighbour)).close();
    cache.close();
    fs.writeFileSync(`${location}-wal`, '');
    fs.writeFileSync(`${location}-shm`, '');

    await removeUserCache(dir, 'https://zc.example.cn/', user);
    for (const suffix of ['', '-wal', '-shm']) expect(fs.existsSync(location + suffix)).toBe(false);
    expect(fs.existsSync(neighbour)).toBe(true);
    // Removing what is not there is fine.
    await removeUserCache(dir, 'https://zc.example.cn', user);
  });
});
