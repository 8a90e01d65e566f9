import { SqliteAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { applicationRecordSchema } from '../../src-shared/contracts/applications';
import type { ApplicantApplication, ApplicationRecord } from '../../src-shared/contracts/applications';
import type { ApplicationContent, FieldValues } from '../../src-shared/domain/catalog';
import { APPLICATION_CATALOG } from '../../src-shared/domain/catalog';
import type { ApplicationRow, Database } from '../db/schema';

/**
 * Reading applications: the records a reviewer's client caches, the applicant's own view, and the list
 * columns taken from the content on every write.
 */

/** The list and search columns, copied from the content so lists never parse it. */
export interface ContentColumns {
  applicant_name: string;
  id_number: string;
  qualification: string;
  application_type: string;
  year: string;
}

function single(content: ApplicationContent, sectionKey: string): FieldValues {
  const values = content[sectionKey];
  return values !== undefined && !Array.isArray(values) ? values : {};
}

function text(values: FieldValues, key: string): string {
  const value = values[key];
  return value === null || value === undefined ? '' : String(value).trim();
}

export function contentColumns(content: ApplicationContent): ContentColumns {
  const info = single(content, 'applicationInfo');
  const basic = single(content, 'basicInfo');
  const qualification = ['series', 'specialty', 'qualification']
    .map((key) => text(info, key))
    .filter((part) => part !== '')
    .join('/');
  return {
    applicant_name: text(basic, 'name'),
    id_number: text(basic, 'idNumber').toUpperCase(),
    qualification,
    application_type: text(info, 'applicationType'),
    year: text(info, 'year'),
  };
}

export interface AttachmentReference {
  fileId: string;
  sectionKey: string;
  fieldKey: string;
  rowIndex: number | null;
}

/** Every file id the content's attachment fields hold, with where it is. */
export function attachmentReferences(content: ApplicationContent): AttachmentReference[] {
  const references: AttachmentReference[] = [];
  for (const section of APPLICATION_CATALOG) {
    const attachmentFields = section.fields.filter((field) => field.type === 'attachment');
    if (attachmentFields.length === 0) continue;
    const value = content[section.key];
    const rows = value === undefined ? [] : Array.isArray(value) ? value : [value];
    rows.forEach((row, index) => {
      for (const field of attachmentFields) {
        const fileId = row[field.key];
        if (typeof fileId === 'string' && fileId.trim() !== '') {
          references.push({
            fileId: fileId.trim(),
            sectionKey: section.key,
            fieldKey: field.key,
            rowIndex: section.mode === 'rows' ? index : null,
          });
        }
      }
    });
  }
  return references;
}

/**
 * Records for a reviewer, in the order of `ids`; ids that do not exist are left out. A fixed number of
 * queries whatever the number of ids, so a page of 500 costs the same round trips as one record.
 */
export async function loadApplicationRecords(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<ApplicationRecord[]> {
  const rows = await applicationRecordsJson(db, ids);
  return rows.map(parseRecordJson);
}

/** A record from its JSON, checked against the contract like any answer. */
export function parseRecordJson(row: ApplicationRecordJson): ApplicationRecord {
  return applicationRecordSchema.parse(JSON.parse(row.json.toString()));
}

/** One application's record as JSON text (ApplicationRecord), built by the database. */
export interface ApplicationRecordJson {
  id: string;
  /** UTF-8 bytes on SQLite, text on PostgreSQL. */
  json: Buffer | string;
}

/**
 * The records of `ids` (in that order, missing ids left out) as JSON, built by the database in one
 * query: the streamed pull writes them as they come. Built in JavaScript instead, a page of 100 Chinese
 * records became some 4,000 objects to collect, a string of 860 KB to stringify and then to encode to
 * UTF-8 again, which cost the server three times what reading the rows does (issue 14). On SQLite the
 * text comes back as bytes (a blob), so it is never decoded at all; PostgreSQL's jsonb text has no line
 * breaks either (json_agg would put some between elements, which an NDJSON line cannot hold).
 */
export async function applicationRecordsJson(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<ApplicationRecordJson[]> {
  if (ids.length === 0) return [];
  const record = db.getExecutor().adapter instanceof SqliteAdapter ? SQLITE_RECORD : POSTGRES_RECORD;
  const { rows } = await sql<ApplicationRecordJson>`
    select a.id as id, ${record} as json
      from applications a
      join units u on u.id = a.unit_id
     where a.id in (${sql.join(ids)})`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [row];
  });
}

/**
 * An ApplicationRecord's fields and where each comes from, once for both databases: `object` and
 * `array` are the dialect's JSON constructors. The order of the lists is the order the record has always
 * had (the comments of one decision share their time; seq keeps the order the reviewer wrote them in).
 */
function recordExpression(object: string, array: (element: string, orderBy: string) => string): string {
  const attachment = `${object}('fileId', af.file_id, 'fileName', f.file_name, 'mimeType', f.mime_type,
    'size', f.size, 'sha256', f.sha256, 'sectionKey', af.section_key, 'fieldKey', af.field_key,
    'rowIndex', af.row_index)`;
  const event = `${object}('seq', e.seq, 'at', e.at, 'action', e.action, 'fromState', e.from_state,
    'toState', e.to_state, 'actorName', e.actor_name, 'comment', e.comment)`;
  const comment = `${object}('round', c.round, 'target', ${object}('sectionKey', c.section_key,
    'rowIndex', c.row_index, 'fieldKey', c.field_key), 'text', c.text, 'authorName', c.author_name,
    'action', c.action, 'at', c.at)`;
  return `${object}(
    'id', a.id, 'applicationNo', a.application_no, 'year', a.year, 'state', a.state,
    'version', a.version, 'submitCount', a.submit_count, 'unitId', a.unit_id, 'unitName', u.name,
    'departmentId', a.department_id, 'applicantName', a.applicant_name, 'idNumber', a.id_number,
    'qualification', a.qualification, 'applicationType', a.application_type,
    'submittedAt', a.submitted_at, 'updatedAt', a.updated_at,
    'publicity', case when a.publicity_start is not null and a.publicity_end is not null
      then ${object}('start', a.publicity_start, 'end', a.publicity_end) end,
    'contentJson', a.content,
    'attachments', (select ${array(attachment, 'af.section_key, af.row_index, af.field_key')}
        from application_files af join files f on f.id = af.file_id
       where af.application_id = a.id),
    'history', (select ${array(event, 'e.seq')}
        from application_events e where e.application_id = a.id),
    'comments', (select ${array(comment, 'c.at, c.seq')}
        from application_comments c where c.application_id = a.id),
    'previousContentJson', a.previous_content)`;
}

const SQLITE_RECORD = sql.raw(
  `cast(${recordExpression('json_object', (element, orderBy) => `json_group_array(${element} order by ${orderBy})`)} as blob)`,
);

const POSTGRES_RECORD = sql.raw(
  `${recordExpression(
    'jsonb_build_object',
    (element, orderBy) => `coalesce(jsonb_agg(${element} order by ${orderBy}), '[]'::jsonb)`,
  )}::text`,
);

export function publicityOf(row: Pick<ApplicationRow, 'publicity_start' | 'publicity_end'>) {
  return row.publicity_start !== null && row.publicity_end !== null
    ? { start: row.publicity_start, end: row.publicity_end }
    : null;
}

/** The applicant's own view of an application. */
export function applicantView(row: ApplicationRow, unitName: string): ApplicantApplication {
  return {
    id: row.id,
    applicationNo: row.application_no,
    unitId: row.unit_id,
    unitName,
    state: row.state,
    version: Number(row.version),
    submitCount: Number(row.submit_count),
    content: JSON.parse(row.content) as ApplicationContent,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}
