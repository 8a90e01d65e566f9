import { readdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Every person's name the caches on this PC hold: the applicants, and whoever acted on or commented on
 * their applications (the history's actorName, the comments' authorName). The diagnostic zip hides them
 * (diagnostics-zip.ts), since no pattern finds a Chinese name in a log. Every account's and server's
 * cache file counts, not only the signed-in user's: an older log holds the people of whoever used the
 * app before.
 *
 * Each file is opened read-only on a connection of its own, beside the core's writer if it has the file
 * open (WAL lets a reader in while a page is applied). A file that cannot be read (damaged, from a
 * newer version, not a cache) is skipped: the zip is what the user needs when something is broken.
 */
export async function knownPersonNames(dataDir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const file of await cacheFiles(dataDir)) {
    let database: SqliteDatabase.Database | null = null;
    try {
      database = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
      database.pragma('busy_timeout = 1000');
      const rows = database.prepare(NAMES_SQL).pluck().all() as unknown[];
      for (const name of rows) if (typeof name === 'string' && name.trim() !== '') names.add(name.trim());
    } catch (error) {
      console.warn('[diagnostics] could not read the names in a cache', path.basename(file), error);
    } finally {
      database?.close();
    }
  }
  return [...names].sort();
}

const NAMES_SQL = `
  select applicant_name from applications
  union
  select json_extract(h.value, '$.actorName') from application_documents d, json_each(d.history_json) h
  union
  select json_extract(c.value, '$.authorName') from application_documents d, json_each(d.comments_json) c`;

/** <dataDir>/cache/<server>/<user>.sqlite (cache-location.ts), for every server and user. */
async function cacheFiles(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'cache');
  const files: string[] = [];
  for (const server of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!server.isDirectory()) continue;
    const dir = path.join(root, server.name);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.endsWith('.sqlite')) files.push(path.join(dir, name));
    }
  }
  return files.sort();
}
