import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertWithinQuota } from '../../src-server/files/unused';
import { AppFailure } from '../../src-shared/contracts/errors';
import { filesDirOf } from '../../src-server/config';
import { directoryFileStorage, StoredFileMissing } from '../../src-server/files/storage';
import type { FileStorage } from '../../src-server/files/storage';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import type { DatabaseConfig } from './databases';
import { expectError, expectOk, login, testClock, testConfig } from './helpers';
import {
  registrationForm,
  SCANS,
  storedFileSchema,
  unitApi,
  unitIdByName,
  unitRegistrationSchema,
} from './unit-helpers';
import type { UnitApi } from './unit-helpers';

const MAX_FILES = 3;
const MAX_BYTES = 1024 * 1024;

/** A valid PDF of `size` bytes: the demo scan padded with NUL, which PDF counts as white space. */
function pdfOfSize(size: number): Buffer {
  const content = Buffer.alloc(size);
  SCANS.pdf.copy(content);
  return content;
}

describeEachDatabase('quota and sweep of unused uploads', (fresh) => {
  const clock = testClock('2026-03-02T09:00:00+08:00');
  let database: DatabaseConfig;
  let server: RunningServer;
  let api: UnitApi;
  let storage: FileStorage;

  beforeAll(async () => {
    database = await fresh();
    const config = testConfig(database, {
      now: clock.now,
      uploads: { maxUnusedFiles: MAX_FILES, maxUnusedBytes: MAX_BYTES },
    });
    server = await startServer(config);
    api = unitApi(server.url);
    storage = directoryFileStorage(filesDirOf(config));
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The account's files that no registration and no application names (demo accounts own some that are). */
  const rowsOf = async (account: string) => {
    const rows = await server.platform.db
      .selectFrom('files as f')
      .innerJoin('users as u', 'u.id', 'f.owner_user_id')
      .select('f.id')
      .where('u.account', '=', account)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('units').select('id').whereRef('licence_file_id', '=', 'f.id'))),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('application_files').select('file_id').whereRef('file_id', '=', 'f.id'))),
      )
      .orderBy('f.id')
      .execute();
    return rows.map((row) => row.id);
  };
  const rowExists = async (id: string) =>
    (await server.platform.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined;
  const upload = async (token: string, content: Buffer = SCANS.pdf) =>
    (await expectOk(await api.upload(token, '营业执照.pdf', content), storedFileSchema)).fileId;

  let attachedId = '';

  it('refuses the upload after the limit of unused files, until one is used in a registration', async () => {
    const token = await login(server.url, 'newuser', 'User@2026');
    const ids = [];
    for (let i = 0; i < MAX_FILES; i += 1) ids.push(await upload(token));
    const refused = await expectError(
      await api.upload(token, '营业执照.pdf', SCANS.pdf),
      429,
      'RATE_LIMITED',
    );
    expect(refused.message).toContain(`最多${MAX_FILES}个`);
    expect(refused.message).toContain('24小时后自动删除');
    expect(refused.fields).toEqual({ licenceFileId: refused.message });
    expect(refused.retryAfterSeconds).toBe(24 * 3600);
    expect(await rowsOf('newuser')).toHaveLength(MAX_FILES);

    attachedId = ids[0] ?? '';
    const parentId = await unitIdByName(server.platform.db, '重庆市卫生健康委员会');
    await expectOk(await api.submit(token, registrationForm(parentId, attachedId)), unitRegistrationSchema);
    await upload(token);
    await expectError(await api.upload(token, '营业执照.pdf', SCANS.pdf), 429, 'RATE_LIMITED');
    expect(await rowsOf('newuser')).toHaveLength(MAX_FILES);
    expect(await rowsOf('newuser')).not.toContain(attachedId);
  });

  it('refuses the upload that would take the unused files over the byte limit', async () => {
    const token = await login(server.url, 'unitadmin', 'Unit@2026');
    await upload(token, pdfOfSize(MAX_BYTES - 1000));
    const refused = await expectError(
      await api.upload(token, '营业执照.pdf', pdfOfSize(2000)),
      429,
      'RATE_LIMITED',
    );
    expect(refused.message).toContain('共1MB');
    // What still fits is taken.
    await upload(token, pdfOfSize(1000));
    expect(await rowsOf('unitadmin')).toHaveLength(2);
  });

  it('lets no more than the limit through when many uploads arrive at once', async () => {
    const token = await login(server.url, 'deptadmin', 'Dept@2026');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.upload(token, '营业执照.pdf', SCANS.pdf)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    expect(await rowsOf('deptadmin')).toHaveLength(MAX_FILES);
    // The refused uploads left no bytes behind either.
    const stored = await Promise.all(
      (await rowsOf('deptadmin')).map(async (id) => (await storage.get(id)).length),
    );
    expect(stored).toEqual([SCANS.pdf.length, SCANS.pdf.length, SCANS.pdf.length]);
  });

  it('lets no more than the limit through when many inserts race in the database itself', async () => {
    // HTTP requests pass one Node event loop and may happen not to overlap; these transactions do.
    const { db } = server.platform;
    const other = await db
      .selectFrom('users')
      .select('id')
      .where('account', 'not in', ['newuser', 'unitadmin', 'deptadmin', 'cqadmin'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    if (database.kind === 'postgres') {
      // Opens every connection of the pool first, so that the transactions below really run side by side
      // instead of one after the other while new connections are still being set up.
      await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.2)`.execute(db)));
    }
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        insertWithinQuota(db, testConfig(database, { uploads: { maxUnusedFiles: MAX_FILES } }), {
          id: randomUUID(),
          owner_user_id: other.id,
          file_name: 'race.pdf',
          mime_type: 'application/pdf',
          size: 1,
          sha256: '0'.repeat(64),
          created_at: clock.now().toISOString(),
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(MAX_FILES);
    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refusals).toHaveLength(20 - MAX_FILES);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(AppFailure);
    const { n } = await db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_user_id', '=', other.id)
      .where('file_name', '=', 'race.pdf')
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(MAX_FILES);
  });

  it('deletes unused uploads, rows and bytes, once they are a day old, and keeps used ones', async () => {
    const unused = await rowsOf('deptadmin');
    expect(unused).toHaveLength(MAX_FILES);

    clock.advanceMinutes(23 * 60);
    const token = await login(server.url, 'cqadmin', 'Admin@2026');
    const younger = await upload(token);
    expect(await server.platform.sweepUnusedFiles()).toBe(0);

    clock.advanceMinutes(61);
    // newuser's 3 unused, unitadmin's 2, deptadmin's 3, the race's 3 (rows without bytes: deleting
    // those bytes is a no-op); not cqadmin's, nor the one in the registration.
    expect(await server.platform.sweepUnusedFiles()).toBe(11);
    for (const id of unused) {
      await expect(storage.get(id)).rejects.toBeInstanceOf(StoredFileMissing);
    }
    expect(await rowsOf('deptadmin')).toEqual([]);
    expect(await rowsOf('newuser')).toEqual([]);
    expect(await rowExists(attachedId)).toBe(true);
    expect((await storage.get(attachedId)).equals(SCANS.pdf)).toBe(true);
    expect(await rowsOf('cqadmin')).toEqual([younger]);
    // The seeded scans (no owner) are the demo's, not uploads.
    const seeded = await server.platform.db
      .selectFrom('files')
      .select('id')
      .where('owner_user_id', 'is', null)
      .execute();
    expect(seeded.length).toBeGreaterThan(0);

    // A second sweep, as another instance would run it, finds nothing more; and the quota is free again.
    expect(await server.platform.sweepUnusedFiles()).toBe(0);
    const again = await login(server.url, 'deptadmin', 'Dept@2026');
    for (let i = 0; i < MAX_FILES; i += 1) await upload(again);
  });
});
