import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword } from '../identity/passwords';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './accounts';
import type { DemoUnitKey } from './accounts';

/** True when the database has neither units nor users: a fresh install that demo mode may fill. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const unit = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return unit === undefined && user === undefined;
}

/**
 * Writes the demo units and accounts of DEMO_UNITS and DEMO_ACCOUNTS. Idempotent: each record is
 * looked up by its natural key (unit name and kind, account) and only missing ones are added, so a
 * second run changes nothing, not even a demo password someone has changed since.
 */
export async function seedDemoData(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const at = now.toISOString();
  // Hash outside the transaction: scrypt takes a while, and the write lock should not wait for it.
  const hashes = new Map(
    await Promise.all(
      DEMO_ACCOUNTS.map(async (demo) => [demo.account, await hashPassword(demo.password)] as const),
    ),
  );

  await db.transaction().execute(async (trx) => {
    const unitIds = new Map<DemoUnitKey, string>();
    // DEMO_UNITS lists every parent before its children.
    for (const unit of DEMO_UNITS) {
      const existing = await trx
        .selectFrom('units')
        .select('id')
        .where('name', '=', unit.name)
        .where('kind', '=', unit.kind)
        .executeTakeFirst();
      const id = existing?.id ?? randomUUID();
      if (existing === undefined) {
        const parentId = unit.parent === null ? null : unitIds.get(unit.parent);
        if (parentId === undefined) throw new Error(`Demo unit ${unit.key} is listed before its parent`);
        await trx
          .insertInto('units')
          .values({
            id,
            kind: unit.kind,
            name: unit.name,
            credit_code: unit.creditCode,
            parent_id: parentId,
            status: 'approved',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      unitIds.set(unit.key, id);
    }

    for (const demo of DEMO_ACCOUNTS) {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(account)`, '=', demo.account.toLowerCase())
        .executeTakeFirst();
      const passwordHash = hashes.get(demo.account);
      if (existing !== undefined || passwordHash === undefined) continue;
      const userId = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          account: demo.account,
          name: demo.name,
          id_number: demo.idNumber,
          mobile: demo.mobile,
          password_hash: passwordHash,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const unitId = demo.unit === null ? undefined : unitIds.get(demo.unit);
      if (unitId !== undefined) {
        await trx
          .insertInto('unit_admins')
          .values({ user_id: userId, unit_id: unitId, created_at: at })
          .execute();
      }
    }
  });
}
