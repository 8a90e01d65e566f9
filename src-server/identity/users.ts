import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../src-shared/contracts/identity';
import { maskIdNumber, maskMobile } from '../../src-shared/domain/masking';
import { compareUnitNames } from '../../src-shared/domain/pinyin-key';
import { roleForUnitKind } from '../../src-shared/domain/roles';
import {
  classifyLoginIdentifier,
  normalizeIdNumber,
  normalizeMobile,
} from '../../src-shared/domain/validation';
import type { Database, UserRow } from '../db/schema';

/**
 * The user a login identifier names: an ID number (any case of x), a mobile number (with or without
 * +86), or an account, compared without regard to case because people do not remember how they
 * capitalised it.
 */
export async function findUserByLoginIdentifier(
  db: Kysely<Database>,
  identifier: string,
): Promise<UserRow | undefined> {
  const typed = identifier.trim();
  const query = db.selectFrom('users').selectAll();
  switch (classifyLoginIdentifier(typed)) {
    case 'idNumber':
      return query.where('id_number', '=', normalizeIdNumber(typed)).executeTakeFirst();
    case 'mobile':
      return query.where('mobile', '=', normalizeMobile(typed)).executeTakeFirst();
    case 'account':
      // Same function on both sides, so SQLite and PostgreSQL agree and the lower(account) index is used.
      return query.where(sql<string>`lower(account)`, '=', sql<string>`lower(${typed})`).executeTakeFirst();
  }
}

/** The signed-in person as the client sees them: personal numbers masked, approved units only. */
export async function sessionUserFor(db: Kysely<Database>, user: UserRow): Promise<SessionUser> {
  const units = await db
    .selectFrom('unit_admins')
    .innerJoin('units', 'units.id', 'unit_admins.unit_id')
    .select(['units.id', 'units.name', 'units.kind'])
    .where('unit_admins.user_id', '=', user.id)
    .where('units.status', '=', 'approved')
    .orderBy('units.id')
    .execute();
  // By name in pinyin, as the client lists units; the database would compare code points.
  units.sort((a, b) => compareUnitNames(a.name, b.name));
  return {
    id: user.id,
    account: user.account,
    name: user.name,
    maskedMobile: maskMobile(user.mobile),
    maskedIdNumber: maskIdNumber(user.id_number),
    memberships: units.map((unit) => ({
      unitId: unit.id,
      unitName: unit.name,
      unitKind: unit.kind,
      role: roleForUnitKind(unit.kind),
    })),
  };
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
