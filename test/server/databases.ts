import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { ServerConfig } from '../../src-server/config';

/**
 * The databases the server tests run against: SQLite always (a real file in a fresh temporary folder),
 * PostgreSQL when TEST_DATABASE_URL names a server we may create databases on. Each test file gets a
 * PostgreSQL database of its own, created with its first fresh database and dropped when the file ends;
 * each fresh database is a schema in it, reached through `search_path`, and dropped afterwards.
 *
 * Why a database per file: files run side by side, and the server's migrator (Kysely) reads the catalog
 * of every schema of its database at startup. When all files shared one database, a schema another file
 * dropped in the middle of that read failed the startup ("schema test_… does not exist": in both runs of
 * test/server on its own, where server files start side by side).
 */

export type DatabaseConfig = ServerConfig['database'];

export interface DatabaseTarget {
  kind: DatabaseConfig['kind'];
  /** Why this database is not tested on this machine, or null when it is. */
  skipReason: string | null;
  /** A new, empty database and the function that removes it. */
  create(): Promise<{ database: DatabaseConfig; remove(): Promise<void> }>;
}

const postgresUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

if (postgresUrl === undefined && process.env.CI) {
  // CI promises PostgreSQL coverage; a missing database there is a broken pipeline, not a reason to skip.
  throw new Error('TEST_DATABASE_URL is not set, but CI must run the server tests against PostgreSQL');
}
if (postgresUrl === undefined) {
  console.warn('PostgreSQL tests skipped: TEST_DATABASE_URL is not set');
}

const filesDirs = new WeakMap<DatabaseConfig, string>();

/**
 * The folder for uploaded files that goes with a test database: set for PostgreSQL, undefined for SQLite,
 * whose server keeps them next to its database file in the test's temporary folder.
 */
export function filesDirFor(database: DatabaseConfig): string | undefined {
  return filesDirs.get(database);
}

const sqlite: DatabaseTarget = {
  kind: 'sqlite',
  skipReason: null,
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-server-test-'));
    return {
      database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
      async remove() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** This file's own PostgreSQL database (see above), once its first fresh database asked for it. */
let fileDatabase: Promise<{ name: string; url: string }> | undefined;

function fileDatabaseOf(serverUrl: string): Promise<{ name: string; url: string }> {
  fileDatabase ??= (async () => {
    const name = `zt_file_${randomBytes(6).toString('hex')}`;
    await withClient(serverUrl, (client) => client.query(`create database ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  })();
  return fileDatabase;
}

// At the file's top level: after every describe's own afterAll has dropped its schemas.
afterAll(async () => {
  const created = await fileDatabase?.catch(() => undefined);
  if (created === undefined || postgresUrl === undefined) return;
  await withClient(postgresUrl, (client) =>
    client.query(`drop database if exists ${created.name} with (force)`),
  );
});

const postgres: DatabaseTarget = {
  kind: 'postgres',
  skipReason: postgresUrl === undefined ? 'TEST_DATABASE_URL is not set' : null,
  async create() {
    if (postgresUrl === undefined) throw new Error('TEST_DATABASE_URL is not set');
    const own = await fileDatabaseOf(postgresUrl);
    const schema = `test_${randomBytes(6).toString('hex')}`;
    await withClient(own.url, (client) => client.query(`create schema ${schema}`));
    const url = new URL(own.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const database: DatabaseConfig = { kind: 'postgres', url: url.toString() };
    // PostgreSQL keeps no files; uploads of this database go to a folder of their own.
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-server-files-'));
    filesDirs.set(database, filesDir);
    return {
      database,
      async remove() {
        await withClient(own.url, (client) => client.query(`drop schema if exists ${schema} cascade`));
        fs.rmSync(filesDir, { recursive: true, force: true });
      },
    };
  },
};

export const DATABASE_TARGETS: readonly DatabaseTarget[] = [sqlite, postgres];

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `body` once per database target, skipping (with the reason in the test name) the targets this
 * machine cannot reach. `fresh()` gives a new empty database; all of them are removed after the suite.
 */
export function describeEachDatabase(
  title: string,
  body: (fresh: () => Promise<DatabaseConfig>, kind: DatabaseConfig['kind']) => void,
) {
  describe.each(DATABASE_TARGETS)('$kind', (target) => {
    const suffix = target.skipReason === null ? '' : ` (skipped: ${target.skipReason})`;
    describe.skipIf(target.skipReason !== null)(`${title}${suffix}`, () => {
      const removers: Array<() => Promise<void>> = [];
      afterAll(async () => {
        for (const remove of removers.splice(0)) await remove();
      });
      body(async () => {
        const { database, remove } = await target.create();
        removers.push(remove);
        return database;
      }, target.kind);
    });
  });
}
