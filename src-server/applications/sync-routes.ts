import type { Kysely } from 'kysely';
import { DEFAULT_PULL_LIMIT } from '../../src-shared/contracts/applications';
import type { PullResponse, PullStreamLine } from '../../src-shared/contracts/applications';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Database } from '../db/schema';
import { readStoredFile } from '../files/read';
import { SerializedLine } from '../http/ndjson';
import { streamed } from '../http/route';
import type { DeclareRoute } from '../http/route';
import { applicationRecordsJson, loadApplicationRecords, parseRecordJson } from './records';
import type { ApplicationRecordJson } from './records';
import { isVisibleTo, scopesOfUser } from './scopes';
import type { SyncScope } from './scopes';
import { decodeCursor, encodeCursor, serverInstanceId } from './sync-cursor';
import type { SyncCursor } from './sync-cursor';

/** Pages per streamed answer when the client does not say. */
const DEFAULT_STREAM_PAGES = 20;

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

  route(
    'pullApplicationsStream',
    streamed(({ cursor, limit, max }, { db, session, clientGone }) =>
      pullStream(
        db,
        session.userId,
        cursor,
        limit ?? DEFAULT_PULL_LIMIT,
        max ?? DEFAULT_STREAM_PAGES,
        clientGone,
      ),
    ),
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
  const start = await startOfPull(db, userId, cursorText);
  if (start.kind === 'resync') return start;
  const page = await nextPage(db, userId, start, limit);
  const remaining = await remainingChanges(db, start.scopes, page.cursor.positions);
  const { records, removedIds, cursor } = page.line;
  return { kind: 'changes', applications: records.map(parseRecordJson), removedIds, cursor, remaining };
}

/**
 * The streamed pull: up to `maxPages` pages of `limit`, each produced when the client has read the one
 * before. What remains is counted once, at the start, and each page subtracts what it took: counting
 * again on every page would make a first sync quadratic in the scope's size. Changes made while the
 * answer goes out are counted by the next answer; the last page says 0 remaining when the scopes had
 * nothing more, so the client stops asking.
 */
async function* pullStream(
  db: Kysely<Database>,
  userId: string,
  cursorText: string | undefined,
  limit: number,
  maxPages: number,
  clientGone: AbortSignal,
): AsyncGenerator<PullStreamLine | SerializedLine<PullStreamLine>> {
  const start = await startOfPull(db, userId, cursorText);
  if (start.kind === 'resync') {
    yield start;
    return;
  }
  let remaining = await remainingChanges(db, start.scopes, start.cursor.positions);
  let position: PullStart = start;
  for (let sent = 0; sent < maxPages && !clientGone.aborted; sent += 1) {
    const page = await nextPage(db, userId, position, limit);
    remaining = page.entries < limit ? 0 : Math.max(0, remaining - page.entries);
    yield changesLine(page.line, remaining);
    if (remaining === 0) return;
    position = { ...position, cursor: page.cursor };
  }
}

interface PullStart {
  kind: 'start';
  cursor: SyncCursor;
  scopes: readonly SyncScope[];
}

/** Where a pull starts, or why it cannot continue the client's cursor. */
async function startOfPull(
  db: Kysely<Database>,
  userId: string,
  cursorText: string | undefined,
): Promise<PullStart | Extract<PullResponse, { kind: 'resync' }>> {
  const instance = await serverInstanceId(db);
  const scopes = await scopesOfUser(db, userId);
  if (cursorText === undefined) return { kind: 'start', cursor: { instance, positions: {} }, scopes };
  const counters = await scopeCounters(db, scopes);
  const decoded = decodeCursor(cursorText);
  const problem = cursorProblem(decoded, instance, scopes, counters);
  if (problem !== null || decoded === null) return { kind: 'resync', reason: problem ?? 'unknown cursor' };
  return { kind: 'start', cursor: decoded, scopes };
}

/** A page's changes with its records as the database wrote their JSON, and the cursor after it. */
interface PageChanges {
  records: ApplicationRecordJson[];
  removedIds: string[];
  cursor: string;
}

/**
 * The NDJSON line of a page (a PullStreamLine of kind 'changes'), put together from the records' JSON
 * without parsing it: the fields are those of the contract, in its order.
 */
function changesLine(page: PageChanges, remaining: number): SerializedLine<PullStreamLine> {
  const parts: Buffer[] = [Buffer.from('{"kind":"changes","applications":[')];
  page.records.forEach((record, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(typeof record.json === 'string' ? Buffer.from(record.json) : record.json);
  });
  const rest = `],"removedIds":${JSON.stringify(page.removedIds)},"cursor":${JSON.stringify(page.cursor)},"remaining":${remaining}}`;
  parts.push(Buffer.from(rest));
  return new SerializedLine(Buffer.concat(parts));
}

const COMMA = Buffer.from(',');

/** The page after `start`, without its `remaining`; `entries` is how many scope entries it took. */
async function nextPage(
  db: Kysely<Database>,
  userId: string,
  start: PullStart,
  limit: number,
): Promise<{
  line: PageChanges;
  cursor: SyncCursor;
  entries: number;
}> {
  const { scopes } = start;
  // Fill the page from each scope in turn; the new cursor advances each scope to what was included.
  const positions: Record<SyncScope, number> = {};
  const changed: { applicationId: string; visible: boolean }[] = [];
  for (const scope of scopes) {
    const from = start.cursor.positions[scope] ?? 0;
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

  const { records, removedIds } = await resolveChanges(db, userId, scopes, changed);
  const cursor: SyncCursor = { instance: start.cursor.instance, positions };
  return {
    line: { records, removedIds, cursor: encodeCursor(cursor) },
    cursor,
    entries: changed.length,
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
): Promise<{ records: ApplicationRecordJson[]; removedIds: string[] }> {
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
  const own = await ownApplicationIds(db, userId, visibleIds);
  const records = await applicationRecordsJson(
    db,
    visibleIds.filter((id) => !own.has(id)),
  );
  const sent = new Set(records.map((record) => record.id));
  const removedIds = [...latest.keys()].filter((id) => !sent.has(id));
  return { records, removedIds };
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

/** Entries after `positions` in each of `scopes` (a scope the positions do not name counts from its start). */
async function remainingChanges(
  db: Kysely<Database>,
  scopes: readonly SyncScope[],
  positions: Readonly<Record<SyncScope, number>>,
): Promise<number> {
  let remaining = 0;
  for (const scope of scopes) {
    const seq = positions[scope] ?? 0;
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
