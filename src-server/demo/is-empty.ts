import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * True when the database has neither units nor users: a fresh install that demo mode may fill. Apart
 * from the seed, so that a start with a filled database never loads the seed's modules.
 */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const unit = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return unit === undefined && user === undefined;
}
