import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/database';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the server’s SQLite file', () => {
  it('flushes every commit (synchronous = FULL in WAL mode), so an answered decision survives a power cut', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'zt-server-sqlite-'));
    folders.push(folder);
    const db = openDatabase({ kind: 'sqlite', file: path.join(folder, 'platform.db') });
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as Record<string, unknown>)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      // 2 is FULL; NORMAL (1) lets a power cut take the last commits in WAL mode.
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
