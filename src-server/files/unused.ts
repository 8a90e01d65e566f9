import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import { DEFAULT_UPLOAD_LIMITS } from '../config';
import type { ServerConfig, UploadLimits } from '../config';
import { isForeignKeyViolation } from '../db/errors';
import type { Database } from '../db/schema';
import type { FileStorage } from './storage';

/**
 * Uploads nobody uses: files a person uploaded that no unit registration and no application names.
 * Registering needs only a phone, so without a limit one new account could fill the disk with scans it
 * never submits. Each account may hold a few such files (UploadLimits), and a periodic sweep deletes
 * them, row and bytes, once they are a day old. Both count in the database, so they hold across
 * server instances.
 */

/** The limits of a configuration, with the defaults filled in. */
export function uploadLimitsOf(config: ServerConfig): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, ...config.uploads };
}

/** No registration (whatever its status) and no application names the file `f`. */
function isUnused(eb: ExpressionBuilder<Database & { f: Database['files'] }, 'f'>) {
  return eb.and([
    eb.not(eb.exists(eb.selectFrom('units as u').select('u.id').whereRef('u.licence_file_id', '=', 'f.id'))),
    eb.not(
      eb.exists(
        eb.selectFrom('application_files as af').select('af.file_id').whereRef('af.file_id', '=', 'f.id'),
      ),
    ),
  ]);
}

/**
 * Writes the file's row if the owner's unused uploads leave room for it, else throws the quota's
 * message. Count and insert share a transaction that first locks the owner's user row (PostgreSQL;
 * SQLite runs one transaction at a time anyway), so two uploads at the same moment, on this instance
 * or another, cannot both take the last place.
 */
export async function insertWithinQuota(
  db: Kysely<Database>,
  config: ServerConfig,
  row: Database['files'] & { owner_user_id: string },
): Promise<void> {
  const limits = uploadLimitsOf(config);
  await db.transaction().execute(async (trx) => {
    if (config.database.kind === 'postgres') {
      await trx.selectFrom('users').select('id').where('id', '=', row.owner_user_id).forUpdate().execute();
    }
    const usage = await trx
      .selectFrom('files as f')
      .where('f.owner_user_id', '=', row.owner_user_id)
      .where(isUnused)
      .select((eb) => [
        eb.fn.countAll().as('count'),
        eb.fn.coalesce(eb.fn.sum('f.size'), sql<number>`0`).as('bytes'),
        eb.fn.min('f.created_at').as('oldest'),
      ])
      .executeTakeFirstOrThrow();
    const count = Number(usage.count);
    const bytes = Number(usage.bytes);
    if (count + 1 > limits.maxUnusedFiles || bytes + row.size > limits.maxUnusedBytes) {
      throw quotaFailure(limits, usage.oldest, new Date(row.created_at));
    }
    await trx.insertInto('files').values(row).execute();
  });
}

/** Says what the limit is, that unused files go away by themselves, and when the oldest one will. */
function quotaFailure(limits: UploadLimits, oldest: string | null, now: Date): AppFailure {
  const megabytes = Math.floor(limits.maxUnusedBytes / (1024 * 1024));
  const freedAt =
    oldest === null ? now.getTime() : new Date(oldest).getTime() + limits.unusedHours * 3_600_000;
  const seconds = Math.max(60, Math.ceil((freedAt - now.getTime()) / 1000));
  const message =
    `您已上传但尚未提交使用的文件过多(最多${limits.maxUnusedFiles}个、共${megabytes}MB)。` +
    `请先在注册或申请中提交已上传的文件;未使用的文件会在上传${limits.unusedHours}小时后自动删除,届时可再上传。`;
  return new AppFailure('RATE_LIMITED', message, { licenceFileId: message }, { retryAfterSeconds: seconds });
}

/** Rows looked at per round of the sweep: bounds each statement on a large table. */
const SWEEP_BATCH = 200;

/**
 * Deletes unused uploads older than `unusedHours`: the row first, then the bytes, one file at a time.
 * Several instances may sweep at once: a row goes to whichever deletes it, and the other deletes
 * nothing. A file attached between the look-up and the delete keeps its row (the delete re-checks, and
 * a foreign key refuses it while the attaching transaction is open). Returns how many it deleted.
 */
export async function sweepUnusedFiles(
  db: Kysely<Database>,
  files: FileStorage,
  limits: UploadLimits,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - limits.unusedHours * 3_600_000).toISOString();
  let deleted = 0;
  let after = '';
  for (;;) {
    const candidates = await db
      .selectFrom('files as f')
      .select('f.id')
      // Demo seed files have no owner; they are named by the seeded data and never count as uploads.
      .where('f.owner_user_id', 'is not', null)
      .where('f.created_at', '<', cutoff)
      .where('f.id', '>', after)
      .where(isUnused)
      .orderBy('f.id')
      .limit(SWEEP_BATCH)
      .execute();
    for (const { id } of candidates) {
      if (await deleteIfUnused(db, id, cutoff)) {
        await files.delete(id);
        deleted += 1;
      }
    }
    if (candidates.length < SWEEP_BATCH) return deleted;
    after = candidates[candidates.length - 1]?.id ?? after;
  }
}

async function deleteIfUnused(db: Kysely<Database>, id: string, cutoff: string): Promise<boolean> {
  try {
    const gone = await db
      .deleteFrom('files as f')
      .where('f.id', '=', id)
      .where('f.created_at', '<', cutoff)
      .where(isUnused)
      .returning('id')
      .execute();
    return gone.length > 0;
  } catch (error) {
    // Attached by a transaction that committed after our check: the foreign key keeps the file.
    if (isForeignKeyViolation(error)) return false;
    throw error;
  }
}

/** How often each instance sweeps. Sweeps are cheap when there is nothing to delete. */
const SWEEP_INTERVAL_MS = 15 * 60_000;

/**
 * Runs the sweep now and then every quarter of an hour until stopped. The timer does not keep the
 * process alive, and a failed sweep is reported and tried again next time.
 */
export function startUnusedFileSweeper(
  sweep: () => Promise<number>,
  logger: Pick<Logger, 'error'>,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = sweep().catch((error: unknown) => {
      logger.error({ err: error }, 'sweeping unused uploads failed');
    });
  };
  const timer = setInterval(run, SWEEP_INTERVAL_MS);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
