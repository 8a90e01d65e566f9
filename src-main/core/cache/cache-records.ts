import type { ApplicationRecord } from '../../../src-shared/contracts/applications';
import type { CacheStore } from './cache-store';
import {
  personNameSearchTerms,
  personNameSortKey,
  unitNameSortKey,
} from '../../../src-shared/domain/pinyin-key';
import type { ApplicationAttachmentsTable, ApplicationsTable } from './schema';

/**
 * Writing and deleting one application as the server sent it: shared by the sync's pages and by the
 * outbox's answers (which carry the application as the server has it now), inside their transaction.
 */

/**
 * Writes one application as the server sent it (narrow row, document, attachment references), inside
 * the caller's transaction. The hashes of references it dropped go to `released`, those it has to
 * `referenced`, for the caller to prune scans once at the end.
 */
export function upsertRecord(
  store: CacheStore,
  record: ApplicationRecord,
  generation: number,
  released: Set<string>,
  referenced: Set<string>,
): void {
  const row = store
    .statement<unknown[], { local_id: number }>(UPSERT_APPLICATION_SQL)
    .get(...applicationValues(record, generation));
  if (!row) throw new Error(`the cache did not store application ${record.id}`);
  const localId = row.local_id;
  store.statement(UPSERT_DOCUMENT_SQL).run(
    localId,
    record.contentJson,
    JSON.stringify(record.attachments),
    JSON.stringify(record.history),
    // Defaults again here: a record made in code (tests, the bench) may skip the parse that adds them.
    JSON.stringify(record.comments ?? []),
    record.previousContentJson ?? null,
  );
  const attachments = attachmentRows(record.attachments);
  for (const attachment of attachments) referenced.add(attachment.sha256);
  // Most changes are decisions, which leave the scans as they were: rewriting identical rows would
  // still dirty a page of the table and one of the hash index for each application.
  const stored = store.statement<[number], AttachmentRow>(SELECT_ATTACHMENTS_SQL).all(localId);
  if (sameAttachments(stored, attachments)) return;
  if (stored.length > 0) {
    store.statement('delete from application_attachments where local_id = ?').run(localId);
    for (const { sha256 } of stored) released.add(sha256);
  }
  const insertAttachment = store.statement(INSERT_ATTACHMENT_SQL);
  for (const a of attachments) {
    insertAttachment.run(
      localId,
      a.file_id,
      a.sha256,
      a.file_name,
      a.mime_type,
      a.size,
      a.section_key,
      a.field_key,
      a.row_index,
    );
  }
}

/**
 * Deletes an application; its document and attachment references go with it (on delete cascade), and
 * the hashes they held are noted in `released`. Comment drafts and the outbox have no foreign key to
 * it and stay.
 */
export function deleteApplication(store: CacheStore, localId: number, released: Set<string>): void {
  const hashes = store
    .statement<[number], { sha256: string }>('select sha256 from application_attachments where local_id = ?')
    .all(localId);
  for (const { sha256 } of hashes) released.add(sha256);
  store.statement('delete from applications where local_id = ?').run(localId);
}

/** Deletes the scans of `released` hashes that nothing refers to any more. */
export function pruneReleasedBlobs(
  store: CacheStore,
  released: Set<string>,
  stillReferenced: Set<string> = new Set(),
): void {
  const prune = store.statement(
    `delete from attachment_blobs
      where sha256 = ? and not exists (select 1 from application_attachments where sha256 = ?)`,
  );
  for (const sha256 of released) {
    if (!stillReferenced.has(sha256)) prune.run(sha256, sha256);
  }
}

/** The narrow row's columns as applyPage writes them; the upsert's SQL and its values follow this order. */
const APPLICATION_COLUMNS = [
  'id',
  'application_no',
  'applicant_name',
  'applicant_name_key',
  'id_number',
  'qualification',
  'application_type',
  'state',
  'version',
  'submit_count',
  'unit_id',
  'unit_name',
  'unit_name_key',
  'department_id',
  'year',
  'submitted_at',
  'updated_at',
  'publicity_start',
  'publicity_end',
  'search_text',
  'generation',
] as const satisfies ReadonlyArray<keyof ApplicationsTable>;

type ApplicationColumns = Pick<ApplicationsTable, (typeof APPLICATION_COLUMNS)[number]>;

// Positional parameters: binding 21 named ones costs twice as much, and this runs 500 times a page.
const UPSERT_APPLICATION_SQL = `
  insert into applications (${APPLICATION_COLUMNS.join(', ')})
  values (${APPLICATION_COLUMNS.map(() => '?').join(', ')})
  on conflict (id) do update set
    ${APPLICATION_COLUMNS.filter((column) => column !== 'id')
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}
  returning local_id`;

const UPSERT_DOCUMENT_SQL = `
  insert into application_documents (
    local_id, content_json, attachments_json, history_json, comments_json, previous_content_json
  ) values (?, ?, ?, ?, ?, ?)
  on conflict (local_id) do update set
    content_json = excluded.content_json, attachments_json = excluded.attachments_json,
    history_json = excluded.history_json, comments_json = excluded.comments_json,
    previous_content_json = excluded.previous_content_json`;

const SELECT_ATTACHMENTS_SQL = `
  select file_id, sha256, file_name, mime_type, size, section_key, field_key, row_index
    from application_attachments
   where local_id = ?
   order by file_id`;

const INSERT_ATTACHMENT_SQL = `
  insert into application_attachments (
    local_id, file_id, sha256, file_name, mime_type, size, section_key, field_key, row_index
  ) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type AttachmentRow = Omit<ApplicationAttachmentsTable, 'local_id'>;

/**
 * An application's attachment references as rows, one per file in file id order. The same file may
 * appear in two fields; the first reference serves lookups (the document keeps the full list), and a
 * duplicate key must not fail the page, which would stall the sync on it forever.
 */
function attachmentRows(attachments: ApplicationRecord['attachments']): AttachmentRow[] {
  const byFile = new Map<string, AttachmentRow>();
  for (const a of attachments) {
    if (byFile.has(a.fileId)) continue;
    byFile.set(a.fileId, {
      file_id: a.fileId,
      sha256: a.sha256,
      file_name: a.fileName,
      mime_type: a.mimeType,
      size: a.size,
      section_key: a.sectionKey,
      field_key: a.fieldKey,
      row_index: a.rowIndex,
    });
  }
  // Compared with SQLite's BINARY order of the stored rows: code units, not the locale.
  return [...byFile.values()].sort((a, b) => (a.file_id < b.file_id ? -1 : a.file_id > b.file_id ? 1 : 0));
}

function sameAttachments(stored: readonly AttachmentRow[], incoming: readonly AttachmentRow[]): boolean {
  return (
    stored.length === incoming.length &&
    stored.every((row, i) => {
      const other = incoming[i];
      return (
        other !== undefined &&
        row.file_id === other.file_id &&
        row.sha256 === other.sha256 &&
        row.file_name === other.file_name &&
        row.mime_type === other.mime_type &&
        row.size === other.size &&
        row.section_key === other.section_key &&
        row.field_key === other.field_key &&
        row.row_index === other.row_index
      );
    })
  );
}

function applicationValues(record: ApplicationRecord, generation: number): unknown[] {
  const row: ApplicationColumns = {
    id: record.id,
    application_no: record.applicationNo,
    applicant_name: record.applicantName,
    applicant_name_key: personNameSortKey(record.applicantName),
    id_number: record.idNumber,
    qualification: record.qualification,
    application_type: record.applicationType,
    state: record.state,
    version: record.version,
    submit_count: record.submitCount,
    unit_id: record.unitId,
    unit_name: record.unitName,
    unit_name_key: unitNameSortKey(record.unitName),
    department_id: record.departmentId,
    year: record.year,
    submitted_at: record.submittedAt,
    updated_at: record.updatedAt,
    publicity_start: record.publicity?.start ?? null,
    publicity_end: record.publicity?.end ?? null,
    search_text: applicationSearchText(record.applicantName, record.applicationNo, record.idNumber),
    generation,
  };
  return APPLICATION_COLUMNS.map((column) => row[column]);
}

/**
 * What the list's search box matches, lower case: the name, the application number, the ID number, and
 * the name's full pinyin and initials ("吴雪|cq2026-000003|…|wuxue|wx"), so that "wx" and "wuxue" find 吴雪.
 */
export function applicationSearchText(
  applicantName: string,
  applicationNo: string,
  idNumber: string,
): string {
  const pinyin = personNameSearchTerms(applicantName);
  return `${applicantName}|${applicationNo}|${idNumber}${pinyin === '' ? '' : `|${pinyin}`}`.toLowerCase();
}
