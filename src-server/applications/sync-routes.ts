import type { Kysely } from 'kysely';
import { DEFAULT_PULL_LIMIT } from '../../src-shared/contracts/applications';
import type { ApplicationRecord, PullResponse } from '../../src-shared/contracts/applications';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Database } from '../db/schema';
import { readStoredFile } from '../files/read';
import type { DeclareRoute } from '../http/route';
import { loadApplicationRecords } from './records';
import { isVisibleTo, scopesOfUser } from './scopes';
import type { SyncScope } from './scopes';
import { decodeCursor, encodeCursor, serverInstanceId } from './sync-cursor';
import type { SyncCursor } from './sync-cursor';

const NOT_FOUND = '未找到该申报书,或您无权查看';
const ATTACHMENT_NOT_FOUND = '未找到该附件,或您无权查看';

/**
 * What reviewers read: the pull of their scopes' changes (DESIGN.md "Sync"), and one application or one
 * of its scans on demand. Every answer is limited to the caller's own units and departments, and never
 * includes an application the caller submitted themselves.
 */
export function syncRoutes(route: DeclareRoute) {
  route('pullApplications', async ({ cursor, limit }, { db, session }) =>
    pull(db, session.userId, cursor, limit ?? DEFAULT_PULL_LIMIT),
  );

  route('getApplication', async ({ id }, { db, session }) => {
    await requireVisible(db, session.userId, id);
    const [record] = await loadApplicationRecords(db, [id]);
    if (record === undefined) throw new AppFailure('NOT_FOUND', NOT_FOUND);
    return record;
  });

  route('getApplicationAttachment', async ({ id, fileId }, { db, files, session, logger }) => {
    await requireVisible(db, session.userId, id);
    const file = await db
      .selectFrom('application_files as af')
      .innerJoin('files as f', 'f.id', 'af.file_id')
      .select(['f.id', 'f.file_name', 'f.mime_type', 'f.size'])
      .where('af.application_id', '=', id)
      .where('af.file_id', '=', fileId)
      .executeTakeFirst();
    if (file === undefined) throw new AppFailure('NOT_FOUND', ATTACHMENT_NOT_FOUND);
    const content = await readStoredFile(files, file.id, logger);
    return {
      fileId: file.id,
      fileName: file.file_name,
      mimeType: file.mime_type,
      size: Number(file.size),
      contentBase64: content.toString('base64'),
    };
  });
}

/** Answers NOT_FOUND (not FORBIDDEN, which would confirm the id exists) unless the caller may see it. */
async function requireVisible(db: Kysely<Database>, userId: string, applicationId: string): Promise<void> {
  const row = await db
    .selectFrom('applications')
    .select(['state', 'unit_id', 'department_id', 'applicant_id'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (row === undefined || !isVisibleTo(row, userId, new Set(await scopesOfUser(db, userId)))) {
    throw new AppFailure('NOT_FOUND', NOT_FOUND);
  }
}

async function pull(
  db: Kysely<Database>,
  userId: string,
  cursorText: string | undefined,
  limit: number,
): Promise<PullResponse> {
  const instance = await serverInstanceId(db);
  const scopes = await scopesOfUser(db, userId);
  const counters = await scopeCounters(db, scopes);

  let start: SyncCursor = { instance, positions: {} };
  if (cursorText !== undefined) {
    const decoded = decodeCursor(cursorText);
    const problem = cursorProblem(decoded, instance, scopes, counters);
    if (problem !== null || decoded === null) return { kind: 'resync', reason: problem ?? 'unknown cursor' };
    start = decoded;
  }

  // Fill the page from each scope in turn; the new cursor advances each scope to what was included.
  const positions: Record<SyncScope, number> = {};
  const changed: { applicationId: string; visible: boolean }[] = [];
  for (const scope of scopes) {
    const from = start.positions[scope] ?? 0;
    positions[scope] = from;
    const budget = limit - changed.length;
    if (budget <= 0) continue;
    const entries = await db
      .selectFrom('sync_scope_entries')
      .select(['application_id', 'seq', 'visible'])
      .where('scope', '=', scope)
      .where('seq', '>', from)
      .orderBy('seq')
      .limit(budget)
      .execute();
    for (const entry of entries) {
      changed.push({ applicationId: entry.application_id, visible: Number(entry.visible) === 1 });
      positions[scope] = Number(entry.seq);
    }
  }

  const { applications, removedIds } = await resolveChanges(db, userId, scopes, changed);
  const remaining = await remainingChanges(db, positions);
  return {
    kind: 'changes',
    applications,
    removedIds,
    cursor: encodeCursor({ instance, positions }),
    remaining,
  };
}

/** Why a cursor cannot be continued, or null when it can. */
function cursorProblem(
  cursor: SyncCursor | null,
  instance: string,
  scopes: readonly SyncScope[],
  counters: ReadonlyMap<SyncScope, number>,
): string | null {
  if (cursor === null) return 'unknown cursor';
  if (cursor.instance !== instance) return 'cursor from another server database';
  const current = new Set(scopes);
  for (const [scope, seq] of Object.entries(cursor.positions) as [SyncScope, number][]) {
    // A scope the caller no longer administers: what they cached from it must go, which only a
    // snapshot can tell them.
    if (!current.has(scope)) return 'scope changed';
    if (seq > (counters.get(scope) ?? 0)) return 'cursor ahead of the server';
  }
  return null;
}

async function scopeCounters(db: Kysely<Database>, scopes: readonly SyncScope[]) {
  if (scopes.length === 0) return new Map<SyncScope, number>();
  const rows = await db
    .selectFrom('sync_scopes')
    .select(['scope', 'seq'])
    .where('scope', 'in', scopes)
    .execute();
  return new Map(rows.map((row) => [row.scope as SyncScope, Number(row.seq)]));
}

/**
 * Turns the page's entries into records and tombstones for this caller. The last entry of an application
 * wins. An application that left one scope but is still visible in another of the caller's scopes is
 * sent again rather than removed, and the caller's own applications are never sent.
 */
async function resolveChanges(
  db: Kysely<Database>,
  userId: string,
  scopes: readonly SyncScope[],
  changed: readonly { applicationId: string; visible: boolean }[],
): Promise<{ applications: ApplicationRecord[]; removedIds: string[] }> {
  const latest = new Map<string, boolean>();
  for (const change of changed) {
    latest.delete(change.applicationId);
    latest.set(change.applicationId, change.visible);
  }
  const hidden = [...latest].filter(([, visible]) => !visible).map(([id]) => id);
  if (hidden.length > 0 && scopes.length > 1) {
    const stillVisible = await db
      .selectFrom('sync_scope_entries')
      .select('application_id')
      .where('application_id', 'in', hidden)
      .where('scope', 'in', scopes)
      .where('visible', '=', 1)
      .execute();
    for (const row of stillVisible) latest.set(row.application_id, true);
  }
  const visibleIds = [...latest].filter(([, visible]) => visible).map(([id]) => id);
  const records = await loadApplicationRecords(db, visibleIds);
  const own = await ownApplicationIds(db, userId, visibleIds);
  const applications = records.filter((record) => !own.has(record.id));
  const sent = new Set(applications.map((record) => record.id));
  const removedIds = [...latest.keys()].filter((id) => !sent.has(id));
  return { applications, removedIds };
}

async function ownApplicationIds(db: Kysely<Database>, userId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('id', 'in', ids)
    .where('applicant_id', '=', userId)
    .execute();
  return new Set(rows.map((row) => row.id));
}

async function remainingChanges(db: Kysely<Database>, positions: Record<SyncScope, number>): Promise<number> {
  let remaining = 0;
  for (const [scope, seq] of Object.entries(positions)) {
    const row = await db
      .selectFrom('sync_scope_entries')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('scope', '=', scope)
      .where('seq', '>', seq)
      .executeTakeFirst();
    remaining += Number(row?.count ?? 0);
  }
  return remaining;
}
