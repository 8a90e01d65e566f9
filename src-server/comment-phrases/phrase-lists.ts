import type { Kysely } from 'kysely';
import type { CommentPhraseListState } from '../../src-shared/contracts/comment-phrases';
import { PRESET_COMMENT_PHRASES } from '../../src-shared/domain/comment-phrases';
import type { Database } from '../db/schema';

/**
 * The accounts' 常用意见 lists (migration 0010). An account without a row has the presets at version 0,
 * so a new account starts with them without its creation knowing about phrases.
 */

export async function readPhraseList(db: Kysely<Database>, userId: string): Promise<CommentPhraseListState> {
  const row = await db
    .selectFrom('comment_phrases')
    .select(['phrases', 'version', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (row === undefined) return { phrases: [...PRESET_COMMENT_PHRASES], version: 0, updatedAt: null };
  return {
    phrases: JSON.parse(row.phrases) as string[],
    // PostgreSQL's integer arrives as a number, but Number() keeps it one whatever the driver does.
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

/**
 * Stores `phrases` as the account's list if the list is still at `baseVersion`, in one statement that
 * checks and writes (so two instances saving at once cannot both win); answers the list it stored, or
 * null when the list had moved on.
 */
export async function replacePhraseList(
  db: Kysely<Database>,
  userId: string,
  phrases: readonly string[],
  baseVersion: number,
  now: Date,
): Promise<CommentPhraseListState | null> {
  const values = {
    phrases: JSON.stringify(phrases),
    version: baseVersion + 1,
    updated_at: now.toISOString(),
  };
  const stored = { phrases: [...phrases], version: values.version, updatedAt: values.updated_at };
  if (baseVersion === 0) {
    const inserted = await db
      .insertInto('comment_phrases')
      .values({ user_id: userId, ...values })
      .onConflict((conflict) => conflict.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? stored : null;
  }
  const updated = await db
    .updateTable('comment_phrases')
    .set(values)
    .where('user_id', '=', userId)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? stored : null;
}
