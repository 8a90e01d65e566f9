import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { openApplicationCache } from '../../src-main/core/cache/application-cache';
import { ServerClient } from '../../src-main/core/server-client/server-client';
import type { ApplicationRecord } from '../../src-shared/contracts';
import { serveParent } from '../child';

/**
 * The sync bench's reference, in a process of its own: the rows the reviewer's sync stores, fetched
 * beforehand, then written with prepared statements in one transaction into a file that the cache's own
 * migrations created, on a connection with the pragmas the cache sets on its own (recorded while
 * openApplicationCache runs, so a change there is followed here). What writing the data costs with
 * nothing around it.
 */

serveParent(async (command, raw) => {
  const args = raw as { serverUrl: string; file: string; identifier: string; password: string };
  if (command !== 'bare') throw new Error(`unknown command ${command}`);
  return bareInsert(args);
});

async function bareInsert(args: { serverUrl: string; file: string; identifier: string; password: string }) {
  const records = await fetchAll(args.serverUrl, args.identifier, args.password);
  const pragmas = await cachePragmas(args.file);
  const db = new SqliteDatabase(args.file);
  for (const pragma of pragmas) db.pragma(pragma);
  const application = insertInto(db, 'applications');
  const document = insertInto(db, 'application_documents');
  const attachment = insertInto(db, 'application_attachments');
  const start = performance.now();
  db.transaction(() => {
    for (const r of records) {
      const { lastInsertRowid: localId } = application({
        id: r.id,
        application_no: r.applicationNo,
        applicant_name: r.applicantName,
        id_number: r.idNumber,
        qualification: r.qualification,
        application_type: r.applicationType,
        state: r.state,
        version: r.version,
        submit_count: r.submitCount,
        unit_id: r.unitId,
        unit_name: r.unitName,
        department_id: r.departmentId,
        year: r.year,
        submitted_at: r.submittedAt,
        updated_at: r.updatedAt,
        publicity_start: r.publicity?.start ?? null,
        publicity_end: r.publicity?.end ?? null,
        search_text: `${r.applicantName}|${r.applicationNo}|${r.idNumber}`.toLowerCase(),
        generation: 0,
      });
      document({
        local_id: localId,
        content_json: r.contentJson,
        attachments_json: JSON.stringify(r.attachments),
        history_json: JSON.stringify(r.history),
        comments_json: JSON.stringify(r.comments ?? []),
        previous_content_json: r.previousContentJson ?? null,
      });
      const seen = new Set<string>();
      for (const a of r.attachments) {
        if (seen.has(a.fileId)) continue;
        seen.add(a.fileId);
        attachment({
          local_id: localId,
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
    }
  })();
  const ms = performance.now() - start;
  db.close();
  return { ms, count: records.length, pragmas };
}

async function fetchAll(
  serverUrl: string,
  identifier: string,
  password: string,
): Promise<ApplicationRecord[]> {
  const client = new ServerClient(serverUrl, { timeoutMs: 120_000 });
  const { token } = await client.call('login', { identifier, password });
  const records: ApplicationRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.call('pullApplications', cursor === undefined ? {} : { cursor }, token);
    if (page.kind !== 'changes') throw new Error('unexpected resync');
    records.push(...page.applications);
    cursor = page.cursor;
    if (page.remaining === 0) break;
  }
  await client.call('logout', {}, token);
  return records;
}

/**
 * Opens and closes the cache once (its migrations create the schema) while recording every pragma it
 * sets on a connection: those are the settings its writes run under (cache size, foreign keys, journal
 * and checkpoint policy). Reads (`pragma('integrity_check')`) are not settings and are left out.
 */
async function cachePragmas(file: string): Promise<string[]> {
  const prototype = SqliteDatabase.prototype as unknown as {
    pragma: (this: SqliteDatabase.Database, source: string, options?: unknown) => unknown;
  };
  const original = prototype.pragma;
  const recorded: string[] = [];
  prototype.pragma = function (source, options) {
    if (source.includes('=')) recorded.push(source);
    return original.call(this, source, options);
  };
  try {
    const cache = await openApplicationCache(file);
    cache.close();
  } finally {
    prototype.pragma = original;
  }
  if (recorded.length === 0) throw new Error('the cache set no pragmas: the recording no longer sees them');
  return recorded;
}

/** An insert of the given columns that exist in the table (so a dropped column is simply not written). */
function insertInto(db: SqliteDatabase.Database, table: string) {
  const existing = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
  let statement: SqliteDatabase.Statement | null = null;
  let columns: string[] = [];
  return (row: Record<string, unknown>) => {
    if (statement === null) {
      columns = Object.keys(row).filter((column) => existing.has(column));
      statement = db.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
    }
    return statement.run(...columns.map((column) => row[column]));
  };
}
