import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';

/** A refusal of an admin command, worded for the person at the console. */
export class AdminCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminCommandError';
  }
}

export interface CreatedTitleOffice {
  unitId: string;
  name: string;
  adminName: string;
}

/**
 * Creates the 职改办, the root of the unit tree that approves departments, and makes an existing user its
 * administrator. There is only ever one: a second attempt is refused here and, should two run at once,
 * by the database's unique index on the title office's kind.
 */
export async function createTitleOffice(
  db: Kysely<Database>,
  options: { name: string; adminAccount: string },
  now: Date = new Date(),
): Promise<CreatedTitleOffice> {
  const name = options.name.trim();
  if ([...name].length < 2 || [...name].length > 100) {
    throw new AdminCommandError('职改办名称应为2-100个字');
  }
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('units')
        .select('name')
        .where('kind', '=', 'titleOffice')
        .executeTakeFirst();
      if (existing !== undefined) {
        throw new AdminCommandError(`职改办已存在(${existing.name}),不能再创建`);
      }
      const admin = await trx
        .selectFrom('users')
        .select(['id', 'name'])
        .where(sql<string>`lower(account)`, '=', options.adminAccount.trim().toLowerCase())
        .executeTakeFirst();
      if (admin === undefined) {
        throw new AdminCommandError(
          `找不到账号“${options.adminAccount}”,请先在客户端注册该账号,再指定为职改办管理员`,
        );
      }
      const unitId = randomUUID();
      await trx
        .insertInto('units')
        .values({
          id: unitId,
          kind: 'titleOffice',
          name,
          credit_code: null,
          parent_id: null,
          status: 'approved',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('unit_admins')
        .values({ user_id: admin.id, unit_id: unitId, created_at: at })
        .execute();
      return { unitId, name, adminName: admin.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdminCommandError('职改办已存在,不能再创建');
    throw error;
  }
}
