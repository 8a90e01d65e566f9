import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { applicationSearchText } from '../cache-records';
import { personNameSortKey, unitNameSortKey } from '../../../../src-shared/domain/pinyin-key';

const BEFORE = ['application_no', 'applicant_name', 'submit_count', 'search_text', 'unit_id', 'unit_name'];
const AFTER = [
  'application_no',
  'applicant_name_key',
  'submit_count',
  'search_text',
  'unit_id',
  'unit_name',
  'unit_name_key',
];

/**
 * 姓名 and 所在单位 sort in pinyin order (issue 16): SQLite compares text by code point, which puts 吴
 * before 张 before 李, so each application gets pinyin sort keys (pinyin-key.ts) written with the row,
 * and the search text gains the name's full pinyin and initials ("wuxue", "wx").
 *
 * Rows already cached get theirs here, computed in JavaScript (SQLite has no pinyin) and written by one
 * statement, so a cache is never left half keyed: about two seconds for a department's 50,000, once,
 * instead of fetching every application again. Drafts and the outbox stay.
 *
 * The department's covering indexes (0001, 0003) take the keys in place of the name they sorted by, so
 * a sort still reads index entries only; the unit's list has no index and sorts its few rows.
 */
export const pinyinKeysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('applications')
      .addColumn('applicant_name_key', 'text', (col) => col.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('applications')
      .addColumn('unit_name_key', 'text', (col) => col.notNull().defaultTo(''))
      .execute();

    const { rows } = await sql<{
      local_id: number;
      applicant_name: string;
      unit_name: string;
      application_no: string;
      id_number: string;
    }>`select local_id, applicant_name, unit_name, application_no, id_number from applications`.execute(db);
    if (rows.length > 0) {
      const keyed = rows.map((row) => [
        row.local_id,
        personNameSortKey(row.applicant_name),
        unitNameSortKey(row.unit_name),
        applicationSearchText(row.applicant_name, row.application_no, row.id_number),
      ]);
      await sql`update applications
                   set applicant_name_key = json_extract(k.value, '$[1]'),
                       unit_name_key = json_extract(k.value, '$[2]'),
                       search_text = json_extract(k.value, '$[3]')
                  from json_each(${JSON.stringify(keyed)}) as k
                 where applications.local_id = json_extract(k.value, '$[0]')`.execute(db);
    }

    await recreateIndexes(db, AFTER);
  },

  async down(db: Kysely<unknown>) {
    await recreateIndexes(db, BEFORE);
    await db.schema.alterTable('applications').dropColumn('unit_name_key').execute();
    await db.schema.alterTable('applications').dropColumn('applicant_name_key').execute();
  },
};

async function recreateIndexes(db: Kysely<unknown>, listed: readonly string[]) {
  await db.schema.dropIndex('applications_department_list').execute();
  await db.schema.dropIndex('applications_department_submitted').execute();
  await db.schema
    .createIndex('applications_department_list')
    .on('applications')
    .columns(['department_id', 'state', 'submitted_at', 'id', ...listed])
    .execute();
  await db.schema
    .createIndex('applications_department_submitted')
    .on('applications')
    .columns(['department_id', 'submitted_at', 'id', ...listed])
    .execute();
}
