import type { Kysely } from 'kysely';
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
  if (ids.length === 0) return [];
  const [rows, events, files, comments] = await Promise.all([
    db
      .selectFrom('applications as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .selectAll('a')
      .select('u.name as unit_name')
      .where('a.id', 'in', ids)
      .execute(),
    db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', 'in', ids)
      .orderBy('application_id')
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('application_files as af')
      .innerJoin('files as f', 'f.id', 'af.file_id')
      .select([
        'af.application_id',
        'af.file_id',
        'af.section_key',
        'af.field_key',
        'af.row_index',
        'f.file_name',
        'f.mime_type',
        'f.size',
        'f.sha256',
      ])
      .where('af.application_id', 'in', ids)
      .orderBy('af.application_id')
      .orderBy('af.section_key')
      .orderBy('af.row_index')
      .orderBy('af.field_key')
      .execute(),
    db
      .selectFrom('application_comments')
      .select([
        'application_id',
        'round',
        'section_key',
        'row_index',
        'field_key',
        'text',
        'author_name',
        'action',
        'at',
      ])
      .where('application_id', 'in', ids)
      .orderBy('application_id')
      // The comments of one decision share their time; seq keeps the order the reviewer wrote them in.
      .orderBy('at')
      .orderBy('seq')
      .execute(),
  ]);
  const history = groupBy(events, (event) => event.application_id);
  const attachments = groupBy(files, (file) => file.application_id);
  const commentsById = groupBy(comments, (comment) => comment.application_id);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (row === undefined) return [];
    const record: ApplicationRecord = {
      id: row.id,
      applicationNo: row.application_no,
      year: row.year,
      state: row.state,
      version: Number(row.version),
      submitCount: Number(row.submit_count),
      unitId: row.unit_id,
      unitName: row.unit_name,
      departmentId: row.department_id,
      applicantName: row.applicant_name,
      idNumber: row.id_number,
      qualification: row.qualification,
      applicationType: row.application_type,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      publicity: publicityOf(row),
      contentJson: row.content,
      attachments: (attachments.get(id) ?? []).map((file) => ({
        fileId: file.file_id,
        fileName: file.file_name,
        mimeType: file.mime_type,
        size: Number(file.size),
        sha256: file.sha256,
        sectionKey: file.section_key,
        fieldKey: file.field_key,
        rowIndex: file.row_index === null ? null : Number(file.row_index),
      })),
      history: (history.get(id) ?? []).map((event) => ({
        seq: Number(event.seq),
        at: event.at,
        action: event.action,
        fromState: event.from_state,
        toState: event.to_state,
        actorName: event.actor_name,
        comment: event.comment,
      })),
      comments: (commentsById.get(id) ?? []).map((comment) => ({
        round: Number(comment.round),
        target: {
          sectionKey: comment.section_key,
          rowIndex: comment.row_index === null ? null : Number(comment.row_index),
          fieldKey: comment.field_key,
        },
        text: comment.text,
        authorName: comment.author_name,
        action: comment.action,
        at: comment.at,
      })),
      previousContentJson: row.previous_content,
    };
    return [record];
  });
}

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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}
