import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { createServer } from '../../src-server/app';
import { filesDirOf } from '../../src-server/config';
import { openDatabase } from '../../src-server/db/database';
import { migrateToLatest } from '../../src-server/db/migrate';
import type { Database } from '../../src-server/db/schema';
import { DEMO_OTHER_ACCOUNTS } from '../../src-server/demo/accounts';
import { seedDemoData } from '../../src-server/demo/seed';
import { directoryFileStorage } from '../../src-server/files/storage';
import type { FileStorage } from '../../src-server/files/storage';
import { describeEachDatabase } from './databases';
import { insertUser, testConfig } from './helpers';

/**
 * Several instances starting at once on one empty database (a deployment scaled out, a restart of all
 * of them), and a demo seed that fails halfway: the data is there exactly once or not at all, and the
 * files folder and the `files` table always agree.
 */

/** What one demo seed writes (seed.test.ts checks what it is). */
const SEEDED = { units: 5, users: 30, unitAdmins: 3, files: 10, applications: 25 };
const EMPTY = { units: 0, users: 0, unitAdmins: 0, files: 0, applications: 0 };

async function counts(db: Kysely<Database>) {
  const count = async (table: 'units' | 'users' | 'unit_admins' | 'files' | 'applications') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    units: await count('units'),
    users: await count('users'),
    unitAdmins: await count('unit_admins'),
    files: await count('files'),
    applications: await count('applications'),
  };
}

/** Every file in the storage folder (ids; anything else, such as a `.partial`, under its own name). */
function storedFileNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

async function fileRowIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('files').select('id').orderBy('id').execute();
  return rows.map((row) => row.id).sort();
}

/** The folder's storage, whose put fails from call `failAt` on (1-based), as a full disk would. */
function failingStorage(dir: string, failAt: number): FileStorage & { puts: number } {
  const real = directoryFileStorage(dir);
  const storage = {
    puts: 0,
    async put(content: Uint8Array) {
      storage.puts += 1;
      if (storage.puts >= failAt) throw new Error('ENOSPC: no space left on device (injected)');
      return real.put(content);
    },
    get: (id: string) => real.get(id),
    delete: (id: string) => real.delete(id),
  };
  return storage;
}

/** Two storages of one folder whose `lastPut`-th puts each wait for the other's. */
function meetingStorages(dir: string, lastPut: number): [FileStorage, FileStorage] {
  const real = directoryFileStorage(dir);
  let release: () => void = () => undefined;
  const met = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  const storage = (): FileStorage => {
    let puts = 0;
    return {
      async put(content) {
        puts += 1;
        if (puts === lastPut) {
          arrived += 1;
          if (arrived === 2) release();
          await met;
        }
        return real.put(content);
      },
      get: (id) => real.get(id),
      delete: (id) => real.delete(id),
    };
  };
  return [storage(), storage()];
}

describeEachDatabase('startup of several instances at once', (fresh) => {
  it('seeds an empty database once when three servers start on it together', async () => {
    const config = testConfig(await fresh());
    const started = await Promise.allSettled([
      createServer(config),
      createServer(config),
      createServer(config),
    ]);
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
      const [first] = servers;
      if (first === undefined) throw new Error('no server started');
      expect(await counts(first.db)).toEqual(SEEDED);
      // Every row has its file and every file its row.
      expect(storedFileNames(filesDirOf(config))).toEqual(await fileRowIds(first.db));
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it('writes the data once when two seeds run at once without the startup lock', async () => {
    const config = testConfig(await fresh());
    const first = openDatabase(config.database);
    const second = openDatabase(config.database);
    try {
      await migrateToLatest(first, config.database.kind);
      // Both transactions begin together: each seed's last scan is held until the other's arrives.
      const [one, two] = meetingStorages(filesDirOf(config), SEEDED.files);
      await Promise.all([seedDemoData(first, one), seedDemoData(second, two)]);
      expect(await counts(first)).toEqual(SEEDED);
      expect(storedFileNames(filesDirOf(config))).toEqual(await fileRowIds(first));
    } finally {
      await second.destroy();
      await first.destroy();
    }
  });

  it('leaves nothing behind when storing the scans fails halfway', async () => {
    const config = testConfig(await fresh());
    const db = openDatabase(config.database);
    try {
      await migrateToLatest(db, config.database.kind);
      const storage = failingStorage(filesDirOf(config), 6);
      await expect(seedDemoData(db, storage)).rejects.toThrow(/ENOSPC/);
      expect(storage.puts).toBe(6);
      expect(await counts(db)).toEqual(EMPTY);
      expect(storedFileNames(filesDirOf(config))).toEqual([]);

      // The next start seeds it whole.
      await seedDemoData(db, directoryFileStorage(filesDirOf(config)));
      expect(await counts(db)).toEqual(SEEDED);
      expect(storedFileNames(filesDirOf(config))).toEqual(await fileRowIds(db));
    } finally {
      await db.destroy();
    }
  });

  it('leaves no partial data and no file when the database refuses a row halfway', async () => {
    const config = testConfig(await fresh());
    const db = openDatabase(config.database);
    try {
      await migrateToLatest(db, config.database.kind);
      // Someone already has the phone of the last demo account: its insert fails after the others.
      const last = DEMO_OTHER_ACCOUNTS.at(-1);
      if (last === undefined) throw new Error('no demo accounts');
      await insertUser(db, { account: 'phoneowner', password: 'Owner@2026', mobile: last.mobile });

      await expect(seedDemoData(db, directoryFileStorage(filesDirOf(config)))).rejects.toThrow(
        /unique|mobile/i,
      );
      expect(await counts(db)).toEqual({ ...EMPTY, users: 1 });
      expect(storedFileNames(filesDirOf(config))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
