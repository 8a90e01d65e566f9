import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { validateApplicationContent } from '../../src-shared/domain/catalog-validation';
import { APPLICATION_STATES } from '../../src-shared/domain/workflow';
import {
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  checkPassword,
} from '../../src-shared/domain/validation';
import { detectScanType } from '../../src-shared/domain/units';
import { districtById, isChongqingDistrictId } from '../../src-shared/domain/districts';
import { INDUSTRIES, UNIT_NATURES } from '../../src-shared/domain/units';
import { checkPhoneOrLandline } from '../../src-shared/domain/validation';
import { createServer } from '../../src-server/app';
import { filesDirOf } from '../../src-server/config';
import { openDatabase } from '../../src-server/db/database';
import { createMigrator, migrateToLatest } from '../../src-server/db/migrate';
import type { Database } from '../../src-server/db/schema';
import { DEMO_ACCOUNTS, DEMO_OTHER_ACCOUNTS, DEMO_UNITS } from '../../src-server/demo/accounts';
import { seedDemoData } from '../../src-server/demo/seed';
import { directoryFileStorage } from '../../src-server/files/storage';
import { describeEachDatabase } from './databases';
import { testConfig } from './helpers';

describe('demo accounts', () => {
  it.each([...DEMO_ACCOUNTS, ...DEMO_OTHER_ACCOUNTS].map((demo) => [demo.account, demo] as const))(
    '%s has valid data',
    (_account, demo) => {
      expect(checkIdNumber(demo.idNumber)).toEqual({ ok: true, value: demo.idNumber });
      expect(checkMobile(demo.mobile)).toEqual({ ok: true, value: demo.mobile });
      expect(checkPassword(demo.password).ok).toBe(true);
    },
  );

  it('units have valid credit codes and registrations, and list parents first', () => {
    const seen = new Set<string>();
    for (const unit of DEMO_UNITS) {
      if (unit.creditCode !== null) expect(checkCreditCode(unit.creditCode).ok).toBe(true);
      if (unit.parent !== null) expect(seen.has(unit.parent)).toBe(true);
      seen.add(unit.key);
      const registration = unit.registration;
      if (registration === null) {
        expect(unit.kind).toBe('titleOffice');
        continue;
      }
      expect(UNIT_NATURES).toContain(registration.nature);
      expect(INDUSTRIES).toContain(registration.industry);
      expect(isChongqingDistrictId(registration.districtCode)).toBe(true);
      expect(checkPhoneOrLandline(registration.contactPhone)).toEqual({
        ok: true,
        value: registration.contactPhone,
      });
    }
  });

  it('keeps DEMO_ACCOUNTS to the four documented accounts, one per role', () => {
    expect(DEMO_ACCOUNTS.map((demo) => [demo.account, demo.role])).toEqual([
      ['unitadmin', 'unitAdmin'],
      ['deptadmin', 'deptAdmin'],
      ['newuser', 'individual'],
      ['cqadmin', 'titleOffice'],
    ]);
  });
});

async function counts(db: Kysely<Database>) {
  const count = async (table: keyof Database) => {
    // PostgreSQL answers count(*) as a string (bigint); Number() reads both databases alike.
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    units: await count('units'),
    users: await count('users'),
    unitAdmins: await count('unit_admins'),
    files: await count('files'),
    unitEvents: await count('unit_events'),
    applications: await count('applications'),
  };
}

/** Five documented people and 25 applicants, four licences and six shared application scans. */
const SEEDED = { units: 5, users: 30, unitAdmins: 3, files: 10, unitEvents: 7, applications: 25 };

describeEachDatabase('demo seed and migrations', (fresh) => {
  it('seeds an empty database once, however often the server starts on it', async () => {
    const database = await fresh();
    const first = await createServer(testConfig(database));
    const afterFirst = await counts(first.db);
    const hashes = await first.db
      .selectFrom('users')
      .select(['account', 'password_hash'])
      .orderBy('account')
      .execute();
    await first.close();
    expect(afterFirst).toEqual(SEEDED);

    const second = await createServer(testConfig(database));
    try {
      expect(await counts(second.db)).toEqual(afterFirst);
      const again = await second.db
        .selectFrom('users')
        .select(['account', 'password_hash'])
        .orderBy('account')
        .execute();
      expect(again).toEqual(hashes);
      const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        second.db,
      );
      expect(migrations.rows.map((row) => row.name)).toEqual([
        '0001-identity',
        '0002-accounts',
        '0003-units',
        '0004-applications',
        '0005-review',
        '0006-session-expiry',
        '0007-unused-files',
        '0008-district-zones',
        '0009-holidays',
        '0010-comment-phrases',
      ]);

      // The seed itself is idempotent too, not only the "empty database" check in front of it.
      await seedDemoData(second.db, directoryFileStorage(filesDirOf(testConfig(database))));
      expect(await counts(second.db)).toEqual(afterFirst);
    } finally {
      await second.close();
    }
  });

  it('builds the unit tree, each unit with its registration, scan and history', async () => {
    const database = await fresh();
    const server = await createServer(testConfig(database));
    try {
      const units = await server.db.selectFrom('units').selectAll().execute();
      const byName = (name: string) => units.find((unit) => unit.name === name)!;
      const office = byName('重庆市职称改革办公室');
      const commission = byName('重庆市卫生健康委员会');
      const education = byName('重庆市教育委员会');
      const hospital = byName('重庆市示例人民医院');
      const centre = byName('重庆市示例社区卫生服务中心');
      expect(office).toMatchObject({ kind: 'titleOffice', parent_id: null, status: 'approved' });
      expect(commission).toMatchObject({ kind: 'department', parent_id: office.id, status: 'approved' });
      expect(education).toMatchObject({ kind: 'department', parent_id: office.id, status: 'approved' });
      expect(hospital).toMatchObject({ kind: 'unit', parent_id: commission.id, status: 'approved' });
      expect(centre).toMatchObject({ kind: 'unit', parent_id: commission.id, status: 'pending' });

      const users = await server.db.selectFrom('users').select(['id', 'account', 'name']).execute();
      const user = (account: string) => users.find((row) => row.account === account)!;
      expect(hospital).toMatchObject({
        nature: '事业单位',
        industry: '卫生和社会工作',
        contact_name: '李明',
        registered_by: user('unitadmin').id,
        reviewed_by: user('deptadmin').id,
      });
      expect(centre).toMatchObject({
        contact_name: '赵强',
        contact_phone: '13800000005',
        registered_by: user('zhaoqiang').id,
        reviewed_by: null,
      });
      expect(education).toMatchObject({
        contact_name: '刘洋',
        registered_by: null,
        reviewed_by: user('cqadmin').id,
      });

      const storage = directoryFileStorage(filesDirOf(testConfig(database)));
      for (const unit of [commission, education, hospital, centre]) {
        const file = await server.db
          .selectFrom('files')
          .selectAll()
          .where('id', '=', unit.licence_file_id!)
          .executeTakeFirstOrThrow();
        const content = await storage.get(file.id);
        expect(Number(file.size)).toBe(content.length);
        expect(detectScanType(content)).toBe('application/pdf');
        expect(file.mime_type).toBe('application/pdf');
        expect(content.toString('latin1')).toContain(unit.credit_code!);
      }

      const history = await server.db
        .selectFrom('unit_events')
        .select(['unit_id', 'action', 'actor_name'])
        .orderBy('unit_id')
        .orderBy('seq')
        .execute();
      const of = (unitId: string) =>
        history.filter((event) => event.unit_id === unitId).map((e) => [e.action, e.actor_name]);
      expect(of(hospital.id)).toEqual([
        ['submitted', '李明'],
        ['approved', '王芳'],
      ]);
      expect(of(education.id)).toEqual([
        ['submitted', '刘洋'],
        ['approved', '陈静'],
      ]);
      expect(of(centre.id)).toEqual([['submitted', '赵强']]);
    } finally {
      await server.close();
    }
  });

  it('upgrades a database of the previous version without losing its units or administrators', async () => {
    const database = await fresh();
    const db = openDatabase(database);
    try {
      const migrator = await createMigrator(db, database.kind);
      const { error } = await migrator.migrateTo('0002-accounts');
      expect(error).toBeUndefined();
      const at = '2026-01-05T02:00:00.000Z';
      await db
        .insertInto('users')
        .values({
          id: 'user-1',
          account: 'olduser',
          name: '老用户',
          id_number: '11010519491231002X',
          mobile: '13900000009',
          password_hash: 'scrypt$1$1$1$AA==$AA==',
          created_at: at,
          updated_at: at,
        })
        .execute();
      const unit = { credit_code: null, status: 'approved', created_at: at, updated_at: at } as const;
      await db
        .insertInto('units')
        .values([
          { ...unit, id: 'office', kind: 'titleOffice', name: '重庆市职称改革办公室', parent_id: null },
          {
            ...unit,
            id: 'dept',
            kind: 'department',
            name: '重庆市卫生健康委员会',
            parent_id: 'office',
            credit_code: '11500000MB1541968X',
          },
        ])
        .execute();
      await db
        .insertInto('unit_admins')
        .values([
          { user_id: 'user-1', unit_id: 'office', created_at: at },
          { user_id: 'user-1', unit_id: 'dept', created_at: at },
        ])
        .execute();

      await migrateToLatest(db, database.kind);

      // SQLite rebuilt the table: the administrators must still be there, and foreign keys still on.
      expect(await db.selectFrom('unit_admins').select('unit_id').orderBy('unit_id').execute()).toEqual([
        { unit_id: 'dept' },
        { unit_id: 'office' },
      ]);
      expect(
        await db.selectFrom('units').select(['id', 'parent_id', 'nature']).orderBy('id').execute(),
      ).toEqual([
        { id: 'dept', parent_id: 'office', nature: null },
        { id: 'office', parent_id: null, nature: null },
      ]);
      await expect(
        db
          .insertInto('unit_admins')
          .values({ user_id: 'user-1', unit_id: 'no-such-unit', created_at: at })
          .execute(),
      ).rejects.toThrow(/foreign key/i);

      // One live registration per credit code; a rejected one does not count. One 职改办.
      const registration = (id: string, status: 'pending' | 'rejected') => ({
        ...unit,
        id,
        status,
        kind: 'unit' as const,
        name: '重庆市示例科技有限公司',
        parent_id: 'dept',
        credit_code: '91500000MA5U7K3X2H',
      });
      await db.insertInto('units').values(registration('first', 'rejected')).execute();
      await db.insertInto('units').values(registration('second', 'pending')).execute();
      await expect(db.insertInto('units').values(registration('third', 'pending')).execute()).rejects.toThrow(
        /units_live_credit_code|unique/i,
      );
      await expect(
        db
          .insertInto('units')
          .values({ ...unit, id: 'office2', kind: 'titleOffice', name: '另一个职改办', parent_id: null })
          .execute(),
      ).rejects.toThrow(/units_single_title_office|unique/i);
    } finally {
      await db.destroy();
    }
  });

  it('keeps registrations in 两江新区 there when its made-up code gives way to a zone key', async () => {
    const database = await fresh();
    const db = openDatabase(database);
    try {
      const migrator = await createMigrator(db, database.kind);
      expect((await migrator.migrateTo('0007-unused-files')).error).toBeUndefined();
      const at = '2026-01-05T02:00:00.000Z';
      const unit = (id: string, district: string | null) => ({
        id,
        kind: 'unit' as const,
        name: `重庆市示例单位${id}`,
        credit_code: null,
        parent_id: null,
        status: 'approved' as const,
        district_code: district,
        created_at: at,
        updated_at: at,
      });
      await db
        .insertInto('units')
        .values([unit('a', '500199'), unit('b', '500103'), unit('c', null)])
        .execute();

      await migrateToLatest(db, database.kind);

      const stored = await db.selectFrom('units').select(['id', 'district_code']).orderBy('id').execute();
      expect(stored).toEqual([
        { id: 'a', district_code: 'zone-liangjiang' },
        { id: 'b', district_code: '500103' },
        { id: 'c', district_code: null },
      ]);
      expect(stored.map((row) => row.district_code && districtById(row.district_code)?.name)).toEqual([
        '两江新区',
        '渝中区',
        null,
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('gives the demo hospital applications in every status, at least 10 to review, all valid', async () => {
    const server = await createServer(testConfig(await fresh()));
    try {
      const rows = await server.db
        .selectFrom('applications as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['a.state', 'a.content', 'u.name'])
        .execute();
      expect(new Set(rows.map((row) => row.name))).toEqual(new Set(['重庆市示例人民医院']));
      const states = rows.map((row) => row.state);
      expect(new Set(states)).toEqual(new Set(APPLICATION_STATES));
      expect(states.filter((state) => state === 'unitReview').length).toBeGreaterThanOrEqual(10);
      for (const row of rows.filter((candidate) => candidate.state !== 'draft')) {
        expect(validateApplicationContent(JSON.parse(row.content), { forSubmit: true })).toEqual([]);
      }
    } finally {
      await server.close();
    }
  });

  it('seeds nothing outside demo mode', async () => {
    const server = await createServer(testConfig(await fresh(), { demo: false }));
    try {
      expect(await counts(server.db)).toEqual({
        units: 0,
        users: 0,
        unitAdmins: 0,
        files: 0,
        unitEvents: 0,
        applications: 0,
      });
    } finally {
      await server.close();
    }
  });

  it('keeps accounts unique regardless of case', async () => {
    const server = await createServer(testConfig(await fresh()));
    try {
      const at = new Date().toISOString();
      const insert = server.db.insertInto('users').values({
        id: 'duplicate-account',
        account: 'UNITADMIN',
        name: '重复',
        id_number: '11010519491231002X',
        mobile: '13900000008',
        password_hash: 'scrypt$1$1$1$AA==$AA==',
        created_at: at,
        updated_at: at,
      });
      await expect(insert.execute()).rejects.toThrow(/users_account_lower/);
    } finally {
      await server.close();
    }
  });
});
