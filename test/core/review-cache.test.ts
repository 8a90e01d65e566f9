import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openApplicationCache,
  type ApplicationCache,
  type ChangesPage,
  type NewOutboxEntry,
} from '../../src-main/core/cache/application-cache';
import { cacheMigration } from '../../src-main/core/cache/migrations/0001-cache';
import { commentTargetKey, parseCommentTargetKey } from '../../src-main/core/review/comment-targets';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import type { CommentTarget, ReviewOperation } from '../../src-shared/contracts/review';

/** The cache's side of drafts and the outbox, over real SQLite files in a temporary folder. */

let dir: string;
let file: string;
const open: ApplicationCache[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-review-cache-'));
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

const WHOLE: CommentTarget = { sectionKey: '', rowIndex: null, fieldKey: null };
const EMPLOYER: CommentTarget = { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'employer' };

function record(id: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id,
    applicationNo: `CQ2026-${id}`,
    year: '2026',
    state: 'unitReview',
    version: 3,
    submitCount: 1,
    unitId: 'unit-hospital',
    unitName: '重庆市示例人民医院',
    departmentId: 'dept-health',
    applicantName: '张小飞',
    idNumber: '500101199001010011',
    qualification: '卫生/内科学/主任医师',
    applicationType: '正常晋升',
    submittedAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    publicity: null,
    contentJson: JSON.stringify({ basicInfo: { name: '张小飞' } }),
    attachments: [],
    history: [],
    comments: [],
    previousContentJson: null,
    ...overrides,
  };
}

function page(applications: ApplicationRecord[], cursor: string, removedIds: string[] = []): ChangesPage {
  return { kind: 'changes', applications, removedIds, cursor, remaining: 0 };
}

function draft(applicationId: string, target: CommentTarget, text: string) {
  return { applicationId, target: commentTargetKey(target), text, updatedAt: '2026-04-01T10:00:00.000Z' };
}

function operation(applicationId: string, comments: ReviewOperation['comments'], id: string): NewOutboxEntry {
  const payload: ReviewOperation = {
    id,
    applicationId,
    baseVersion: 3,
    transitionId: 'unitReturn',
    comments,
    decidedAt: '2026-04-01T10:05:00.000Z',
  };
  return {
    id,
    applicationId,
    operation: 'unitReturn',
    payloadJson: JSON.stringify(payload),
    baseVersion: 3,
    createdAt: payload.decidedAt,
  };
}

const OP_A = '0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a11';
const OP_B = '1c7f3c1e-4b7a-4a57-9c55-1d2f8d9e0a12';

describe('comment target keys', () => {
  it('round-trip every kind of target, and read an unknown spelling as a section', () => {
    for (const target of [WHOLE, EMPLOYER, { sectionKey: 'education', rowIndex: 2, fieldKey: 'school' }]) {
      expect(parseCommentTargetKey(commentTargetKey(target))).toEqual(target);
    }
    expect(parseCommentTargetKey('basicInfo')).toEqual({
      sectionKey: 'basicInfo',
      rowIndex: null,
      fieldKey: null,
    });
  });
});

describe('drafts and the outbox in the cache', () => {
  it('locks the drafts while a decision is on its way, and deletes only those that went with it', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record('a')], 'c1'));
    expect(cache.work.saveCommentDraft(draft('a', WHOLE, '请补充学历证书'))).toBe(true);
    expect(cache.work.saveCommentDraft(draft('a', EMPLOYER, '单位名称请写全称'))).toBe(true);

    cache.work.enqueueOperation('a', ({ drafts, decision, application }) => {
      expect(drafts).toHaveLength(2);
      expect(decision).toBeNull();
      expect(application).toMatchObject({ state: 'unitReview', version: 3, unitId: 'unit-hospital' });
      return {
        entry: operation('a', [{ target: WHOLE, text: '请补充学历证书' }], OP_A),
        replaces: null,
      };
    });
    expect(cache.work.saveCommentDraft(draft('a', WHOLE, '改一下'))).toBe(false);
    expect(cache.queries.listApplications(listQuery()).rows[0]?.outboxStatus).toBe('pending');

    cache.work.markOperations([OP_A], 'sending');
    expect(cache.work.latestOperation('a')).toMatchObject({ status: 'sending', attempts: 1 });
    cache.work.applyOperationResults([
      {
        id: OP_A,
        outcome: 'applied',
        message: null,
        application: record('a', {
          state: 'unitReturned',
          version: 4,
          comments: [
            {
              round: 1,
              target: WHOLE,
              text: '请补充学历证书',
              authorName: '李明',
              action: 'unitReturn',
              at: '2026-04-01T10:06:00.000Z',
            },
          ],
          previousContentJson: JSON.stringify({ basicInfo: { name: '张小飞' } }),
        }),
      },
    ]);
    expect(cache.work.outboxEntries()).toEqual([]);
    // A draft the decision did not carry stays.
    expect(cache.work.commentDrafts('a').map((d) => d.text)).toEqual(['单位名称请写全称']);
    expect(cache.queries.getApplicationDetail('a')).toMatchObject({ state: 'unitReturned', version: 4 });
    expect(cache.queries.reviewHistory('a')).toEqual({
      comments: [expect.objectContaining({ text: '请补充学历证书', round: 1 })],
      previousContent: { basicInfo: { name: '张小飞' } },
    });
    expect(cache.queries.listApplications(listQuery()).rows[0]?.outboxStatus).toBeNull();
    expect(cache.integrityCheck()).toEqual([]);
  });

  it('keeps a refused decision with its message and the newer cached version, and refuses a second one', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record('a', { version: 9 })], 'c1'));
    cache.work.saveCommentDraft(draft('a', WHOLE, '请补充材料'));
    cache.work.enqueueOperation('a', () => ({ entry: operation('a', [], OP_A), replaces: null }));
    cache.work.markOperations([OP_A], 'sending');
    // An older version than the cache holds never overwrites it.
    cache.work.applyOperationResults([
      { id: OP_A, outcome: 'conflict', message: '申报书已被修改', application: record('a', { version: 5 }) },
    ]);
    expect(cache.queries.getApplicationDetail('a')?.version).toBe(9);
    expect(cache.work.latestOperation('a')).toMatchObject({ status: 'conflict', message: '申报书已被修改' });
    expect(cache.queries.listApplications(listQuery()).rows[0]?.outboxStatus).toBe('conflict');
    expect(cache.work.commentDrafts('a')).toHaveLength(1);
    // Drafts may change beside a refused decision.
    expect(cache.work.saveCommentDraft(draft('a', EMPLOYER, '再补一条'))).toBe(true);

    // A callback that throws writes nothing.
    expect(() =>
      cache.work.enqueueOperation('a', () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    // Replacing the refused one is one step.
    cache.work.enqueueOperation('a', () => ({ entry: operation('a', [], OP_B), replaces: OP_A }));
    expect(cache.work.outboxEntries().map((entry) => [entry.id, entry.status])).toEqual([[OP_B, 'pending']]);
    // Answers to operations that are not being sent any more are ignored.
    cache.work.applyOperationResults([{ id: OP_A, outcome: 'applied', message: null, application: null }]);
    expect(cache.work.outboxEntries()).toHaveLength(1);

    expect(cache.work.dropRefusedOperation(OP_B, { withDrafts: true })).toBe(false);
    cache.work.markOperations([OP_B], 'sending');
    cache.work.applyOperationResults([
      { id: OP_B, outcome: 'rejected', message: '您无权处理该申报书', application: null },
    ]);
    expect(cache.work.dropRefusedOperation(OP_B, { withDrafts: true })).toBe(true);
    expect(cache.work.outboxEntries()).toEqual([]);
    expect(cache.work.commentDrafts('a')).toEqual([]);
  });

  it('keeps drafts and the outbox through a tombstone and a snapshot sweep', async () => {
    const cache = await openCache();
    cache.sync.applyPage(page([record('a'), record('b')], 'c1'));
    cache.work.saveCommentDraft(draft('a', WHOLE, '请补充学历证书'));
    cache.work.saveCommentDraft(draft('b', WHOLE, '请补充职称证书'));
    cache.work.enqueueOperation('b', () => ({ entry: operation('b', [], OP_B), replaces: null }));
    cache.sync.applyPage(page([], 'c2', ['a']));
    const generation = cache.sync.beginSnapshot();
    cache.sync.applyPage(page([], 'c3'), { snapshotGeneration: generation });
    await cache.sync.finishSnapshot();
    expect(cache.queries.count()).toBe(0);
    expect(cache.work.commentDrafts('a').map((d) => d.text)).toEqual(['请补充学历证书']);
    expect(cache.work.commentDrafts('b').map((d) => d.text)).toEqual(['请补充职称证书']);
    expect(cache.work.outboxEntries().map((entry) => entry.id)).toEqual([OP_B]);
  });

  it('migrates a cache of the first schema, keeping its work and fetching everything again', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const database = new SqliteDatabase(file);
    const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
    const { error } = await new Migrator({
      db: kysely,
      provider: { getMigrations: async () => ({ '0001-cache': cacheMigration }) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    database.prepare(`update sync_state set cursor = 'old-cursor' where id = 1`).run();
    database
      .prepare(
        `insert into comment_drafts (application_id, target, text, updated_at) values ('a', 'x', '旧意见', 'now')`,
      )
      .run();
    await kysely.destroy();

    const cache = await openCache();
    expect(cache.sync.syncState()).toMatchObject({
      cursor: null,
      snapshotInProgress: true,
      snapshotGeneration: 1,
    });
    expect(cache.work.commentDrafts('a').map((d) => d.text)).toEqual(['旧意见']);
    cache.sync.applyPage(page([record('a')], 'c1'));
    expect(cache.queries.reviewHistory('a')).toEqual({ comments: [], previousContent: null });
    expect(cache.integrityCheck()).toEqual([]);
  });
});

function listQuery() {
  return {
    scope: 'unit' as const,
    unitId: 'unit-hospital',
    state: 'all' as const,
    search: '',
    filterUnitIds: [],
    sortField: 'submittedAt' as const,
    sortOrder: 'descend' as const,
    page: 1,
    pageSize: 20,
  };
}
