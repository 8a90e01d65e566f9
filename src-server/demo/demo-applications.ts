import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApplicationContent, FieldValue, FieldValues } from '../../src-shared/domain/catalog';
import { bumpScope, scopesOfApplication } from '../applications/scopes';
import type { SyncScope } from '../applications/scopes';
import { attachmentReferences, contentColumns } from '../applications/records';
import type { Database } from '../db/schema';
import { stageFiles } from '../files/staged';
import type { FileStorage } from '../files/storage';
import type { GeneratedApplication, ScanKind } from './applications/generator';
import { SCAN_KINDS, scanFile, scanKindOfPlaceholder } from './applications/scans';

/**
 * Writes generated applications (demo/applications) into the platform database the way the applicant
 * API and the reviewers would have left them: the applicant's account, the application with its content
 * and history, its scans, and its sync scope entries. In batches, each one transaction, so 50,000
 * applications for a benchmark take seconds rather than the minutes the API would.
 */

export interface DemoApplicationTarget {
  unitId: string;
  /** The unit's superior department, which sees what the unit reports up. */
  departmentId: string | null;
  /** Who took the unit's and the department's steps in the histories. */
  unitAdmin: { id: string | null; name: string };
  deptAdmin: { id: string | null; name: string };
  /** One stored hash for every generated applicant account (hashing 50,000 passwords would take hours). */
  applicantPasswordHash: string;
}

const BATCH = 500;

/**
 * Stores one file per scan kind (generated applications share them) and returns their ids. Outside a
 * seed (tests, the bench): the seed stages the files itself and records them in its own transaction.
 */
export async function storeDemoScans(
  db: Kysely<Database>,
  files: FileStorage,
  at: string,
): Promise<Record<ScanKind, string>> {
  const staged = await stageFiles(files, demoScanContents());
  try {
    return await recordDemoScans(db, staged.ids, at);
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** The content of each scan kind, in SCAN_KINDS order. */
export function demoScanContents(): Buffer[] {
  return SCAN_KINDS.map((kind) => scanFile(kind).content);
}

/** The `files` rows of scans stored from demoScanContents (ids in the same order), by kind. */
export async function recordDemoScans(
  db: Kysely<Database>,
  fileIds: readonly string[],
  at: string,
): Promise<Record<ScanKind, string>> {
  const ids = {} as Record<ScanKind, string>;
  for (const [index, kind] of SCAN_KINDS.entries()) {
    const scan = scanFile(kind);
    const id = fileIds[index];
    if (id === undefined) throw new Error(`No stored file for the demo scan ${kind}`);
    await db
      .insertInto('files')
      .values({
        id,
        owner_user_id: null,
        file_name: scan.fileName,
        mime_type: scan.mimeType,
        size: scan.content.length,
        sha256: createHash('sha256').update(scan.content).digest('hex'),
        created_at: at,
      })
      .execute();
    ids[kind] = id;
  }
  return ids;
}

/**
 * Inserts the applications in batches, each batch one transaction, or all in the caller's transaction
 * when `db` is one (the demo seed); returns how many were written.
 */
export async function insertGeneratedApplications(
  db: Kysely<Database>,
  target: DemoApplicationTarget,
  scans: Readonly<Record<ScanKind, string>>,
  applications: Iterable<GeneratedApplication>,
): Promise<number> {
  let batch: GeneratedApplication[] = [];
  let written = 0;
  for (const application of applications) {
    batch.push(application);
    if (batch.length === BATCH) {
      written += await insertBatch(db, target, scans, batch);
      batch = [];
    }
  }
  if (batch.length > 0) written += await insertBatch(db, target, scans, batch);
  return written;
}

async function insertBatch(
  db: Kysely<Database>,
  target: DemoApplicationTarget,
  scans: Readonly<Record<ScanKind, string>>,
  batch: readonly GeneratedApplication[],
): Promise<number> {
  if (db.isTransaction) return insertBatchIn(db, target, scans, batch);
  return db.transaction().execute((trx) => insertBatchIn(trx, target, scans, batch));
}

async function insertBatchIn(
  trx: Kysely<Database>,
  target: DemoApplicationTarget,
  scans: Readonly<Record<ScanKind, string>>,
  batch: readonly GeneratedApplication[],
): Promise<number> {
  const applicantIds = await applicantAccounts(trx, target, batch);
  const rows = batch.map((generated, index) => {
    const content = withScanIds(generated.content, scans);
    return {
      generated,
      content,
      row: {
        id: randomUUID(),
        application_no: generated.applicationNo,
        applicant_id: applicantIds[index] ?? '',
        unit_id: target.unitId,
        department_id: target.departmentId,
        state: generated.state,
        version: generated.version,
        submit_count: generated.submitCount,
        content: JSON.stringify(content),
        ...contentColumns(content),
        publicity_start: generated.publicity?.start ?? null,
        publicity_end: generated.publicity?.end ?? null,
        created_at: generated.createdAt,
        updated_at: generated.updatedAt,
        submitted_at: generated.submittedAt,
      },
    };
  });
  await trx
    .insertInto('applications')
    .values(rows.map(({ row }) => row))
    .execute();

  const events = rows.flatMap(({ row, generated }) =>
    generated.history.map((entry, index) => {
      const actor =
        entry.actor === 'unitAdmin'
          ? target.unitAdmin
          : entry.actor === 'deptAdmin'
            ? target.deptAdmin
            : { id: row.applicant_id, name: generated.applicant.name };
      return {
        application_id: row.id,
        seq: index + 1,
        at: entry.at,
        action: entry.action,
        from_state: entry.fromState,
        to_state: entry.toState,
        actor_id: actor.id,
        actor_name: actor.name,
        comment: entry.comment,
      };
    }),
  );
  for (let start = 0; start < events.length; start += BATCH) {
    await trx
      .insertInto('application_events')
      .values(events.slice(start, start + BATCH))
      .execute();
  }

  const attachments = rows.flatMap(({ row, content }) => {
    const unique = new Map(attachmentReferences(content).map((reference) => [reference.fileId, reference]));
    return [...unique.values()].map((reference) => ({
      application_id: row.id,
      file_id: reference.fileId,
      section_key: reference.sectionKey,
      field_key: reference.fieldKey,
      row_index: reference.rowIndex,
    }));
  });
  for (let start = 0; start < attachments.length; start += BATCH) {
    await trx
      .insertInto('application_files')
      .values(attachments.slice(start, start + BATCH))
      .execute();
  }

  // One counter bump per scope for the whole batch, numbers handed out in batch order.
  const byScope = new Map<SyncScope, string[]>();
  for (const { row } of rows) {
    for (const scope of scopesOfApplication(row)) {
      const ids = byScope.get(scope) ?? [];
      ids.push(row.id);
      byScope.set(scope, ids);
    }
  }
  for (const [scope, ids] of byScope) {
    const seqs = await bumpScope(trx, scope, ids.length);
    await trx
      .insertInto('sync_scope_entries')
      .values(ids.map((id, index) => ({ scope, application_id: id, seq: seqs[index] ?? 0, visible: 1 })))
      .execute();
  }
  return rows.length;
}

/**
 * The applicants' accounts: one per person, found by ID number (a person may apply more than once) or
 * created with the shared demo password and an account name from the application number.
 */
async function applicantAccounts(
  trx: Kysely<Database>,
  target: DemoApplicationTarget,
  batch: readonly GeneratedApplication[],
): Promise<string[]> {
  const idNumbers = [...new Set(batch.map((generated) => generated.applicant.idNumber))];
  const mobiles = [...new Set(batch.map((generated) => generated.applicant.mobile))];
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'id_number', 'mobile'])
    .where((eb) => eb.or([eb('id_number', 'in', idNumbers), eb('mobile', 'in', mobiles)]))
    .execute();
  const byIdNumber = new Map(existing.map((user) => [user.id_number, user.id]));
  const takenMobiles = new Set(existing.map((user) => user.mobile));
  const created: Database['users'][] = [];
  const ids = batch.map((generated) => {
    const known = byIdNumber.get(generated.applicant.idNumber);
    if (known !== undefined) return known;
    // Another generated person with the same phone: give this one a number no real phone has.
    const mobile = takenMobiles.has(generated.applicant.mobile)
      ? `1990${generated.applicationNo.replace(/\D/g, '').slice(-7).padStart(7, '0')}`
      : generated.applicant.mobile;
    const id = randomUUID();
    takenMobiles.add(mobile);
    byIdNumber.set(generated.applicant.idNumber, id);
    created.push({
      id,
      account: `sb${generated.applicationNo.replace(/\W/g, '').toLowerCase()}`.slice(0, 30),
      name: generated.applicant.name,
      id_number: generated.applicant.idNumber,
      mobile,
      password_hash: target.applicantPasswordHash,
      created_at: generated.createdAt,
      updated_at: generated.createdAt,
    });
    return id;
  });
  if (created.length > 0) await trx.insertInto('users').values(created).execute();
  return ids;
}

/** The generator's `scan:<kind>` placeholders replaced by the stored files' ids. */
export function withScanIds(
  content: ApplicationContent,
  scans: Readonly<Record<ScanKind, string>>,
): ApplicationContent {
  const replace = (values: FieldValues): FieldValues => {
    const out: Record<string, FieldValue> = {};
    for (const [key, value] of Object.entries(values)) {
      const kind = scanKindOfPlaceholder(value);
      out[key] = kind === null ? value : scans[kind];
    }
    return out;
  };
  const result: ApplicationContent = {};
  for (const [key, value] of Object.entries(content)) {
    result[key] = Array.isArray(value) ? value.map(replace) : replace(value);
  }
  return result;
}
