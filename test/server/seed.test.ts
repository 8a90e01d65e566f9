import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import {
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  checkPassword,
} from '../../src-shared/domain/validation';
import { createServer } from '../../src-server/app';
import type { Database } from '../../src-server/db/schema';
import { DEMO_ACCOUNTS, DEMO_UNITS } from '../../src-server/demo/accounts';
import { seedDemoData } from '../../src-server/demo/seed';
import { describeEachDatabase } from './databases';
import { testConfig } from './helpers';

describe('demo accounts', () => {
  it.each(DEMO_ACCOUNTS.map((demo) => [demo.account, demo] as const))(
    '%s has valid data',
    (_account, demo) => {
      expect(checkIdNumber(demo.idNumber)).toEqual({ ok: true, value: demo.idNumber });
      expect(checkMobile(demo.mobile)).toEqual({ ok: true, value: demo.mobile });
      expect(checkPassword(demo.password).ok).toBe(true);
    },
  );

  it('units have valid credit codes and list parents first', () => {
    const seen = new Set<string>();
    for (const unit of DEMO_UNITS) {
      if (unit.creditCode !== null) expect(checkCreditCode(unit.creditCode).ok).toBe(true);
      if (unit.parent !== null) expect(seen.has(unit.parent)).toBe(true);
      seen.add(unit.key);
    }
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
  };
}

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
    expect(afterFirst).toEqual({ units: 3, users: 4, unitAdmins: 3 });

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
      expect(migrations.rows.map((row) => row.name)).toEqual(['0001-identity', '0002-accounts']);

      // The seed itself is idempotent too, not only the "empty database" check in front of it.
      await seedDemoData(second.db);
      expect(await counts(second.db)).toEqual(afterFirst);
    } finally {
      await second.close();
    }
  });

  it('builds the unit tree: hospital under the health commission under the title office', async () => {
    const server = await createServer(testConfig(await fresh()));
    try {
      const units = await server.db.selectFrom('units').selectAll().execute();
      const byName = (name: string) => units.find((unit) => unit.name === name)!;
      const office = byName('重庆市职称改革办公室');
      const commission = byName('重庆市卫生健康委员会');
      const hospital = byName('重庆市示例人民医院');
      expect(office).toMatchObject({ kind: 'titleOffice', parent_id: null, status: 'approved' });
      expect(commission).toMatchObject({ kind: 'department', parent_id: office.id, status: 'approved' });
      expect(hospital).toMatchObject({ kind: 'unit', parent_id: commission.id, status: 'approved' });
    } finally {
      await server.close();
    }
  });

  it('seeds nothing outside demo mode', async () => {
    const server = await createServer(testConfig(await fresh(), { demo: false }));
    try {
      expect(await counts(server.db)).toEqual({ units: 0, users: 0, unitAdmins: 0 });
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
