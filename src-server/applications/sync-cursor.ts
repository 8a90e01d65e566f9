import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SyncScope } from './scopes';

/**
 * The pull cursor: where a client stands in each of its scopes, and which database it came from. It is
 * opaque to the client (base64url JSON); anything that does not decode to a cursor of this database is
 * "unknown", and the client takes a fresh snapshot.
 */

export interface SyncCursor {
  instance: string;
  positions: Record<SyncScope, number>;
}

export function encodeCursor(cursor: SyncCursor): string {
  return Buffer.from(JSON.stringify({ i: cursor.instance, s: cursor.positions })).toString('base64url');
}

export function decodeCursor(text: string): SyncCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { i, s } = parsed as { i?: unknown; s?: unknown };
  if (typeof i !== 'string' || typeof s !== 'object' || s === null || Array.isArray(s)) return null;
  const positions: Record<string, number> = {};
  for (const [scope, seq] of Object.entries(s)) {
    if (!/^(unit|department):[\w-]{1,64}$/.test(scope)) return null;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
    positions[scope] = seq;
  }
  return { instance: i, positions: positions as Record<SyncScope, number> };
}

const INSTANCE_KEY = 'instance_id';

/**
 * This database's id, made on first use. A cursor from a reinstalled server (a new database whose
 * counters start again at 1) would otherwise silently skip everything up to its old position.
 */
export async function serverInstanceId(db: Kysely<Database>): Promise<string> {
  const existing = await db
    .selectFrom('server_meta')
    .select('value')
    .where('key', '=', INSTANCE_KEY)
    .executeTakeFirst();
  if (existing !== undefined) return existing.value;
  await db
    .insertInto('server_meta')
    .values({ key: INSTANCE_KEY, value: randomUUID() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_meta')
    .select('value')
    .where('key', '=', INSTANCE_KEY)
    .executeTakeFirstOrThrow();
  return row.value;
}
