import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverConfigFromEnv } from '../../src-server/config';

const defaults = { dataDir: './.data' };

describe('serverConfigFromEnv', () => {
  it('defaults to a demo SQLite file under the data folder', () => {
    expect(serverConfigFromEnv({}, defaults)).toEqual({
      database: { kind: 'sqlite', file: path.resolve('.data/server/platform.sqlite') },
      demo: true,
      sessionIdleMinutes: 480,
    });
  });

  it('puts the file under DATA_DIR, or exactly at SQLITE_FILE', () => {
    expect(serverConfigFromEnv({ DATA_DIR: '/srv/zc' }, defaults).database).toEqual({
      kind: 'sqlite',
      file: '/srv/zc/server/platform.sqlite',
    });
    expect(serverConfigFromEnv({ DATA_DIR: '/srv/zc', SQLITE_FILE: '/tmp/p.db' }, defaults).database).toEqual(
      {
        kind: 'sqlite',
        file: '/tmp/p.db',
      },
    );
  });

  it('uses PostgreSQL for a postgres:// DATABASE_URL, without demo data unless asked', () => {
    const url = 'postgres://zc:secret@db.internal:5432/zhicheng';
    expect(serverConfigFromEnv({ DATABASE_URL: url }, defaults)).toMatchObject({
      database: { kind: 'postgres', url },
      demo: false,
    });
    expect(serverConfigFromEnv({ DATABASE_URL: url, DEMO: 'true' }, defaults).demo).toBe(true);
    expect(serverConfigFromEnv({ DATABASE_URL: 'postgresql://h/db' }, defaults).database.kind).toBe(
      'postgres',
    );
  });

  it('reads DEMO and SESSION_IDLE_MINUTES', () => {
    expect(serverConfigFromEnv({ DEMO: '0' }, defaults).demo).toBe(false);
    expect(serverConfigFromEnv({ DEMO: 'off' }, { ...defaults, demo: true }).demo).toBe(false);
    expect(serverConfigFromEnv({}, { ...defaults, demo: false }).demo).toBe(false);
    expect(serverConfigFromEnv({ SESSION_IDLE_MINUTES: '30' }, defaults).sessionIdleMinutes).toBe(30);
  });

  it('refuses values it cannot read instead of guessing', () => {
    expect(() => serverConfigFromEnv({ DATABASE_URL: 'mysql://h/db' }, defaults)).toThrow(/DATABASE_URL/);
    expect(() => serverConfigFromEnv({ DEMO: 'maybe' }, defaults)).toThrow(/DEMO/);
    expect(() => serverConfigFromEnv({ SESSION_IDLE_MINUTES: '0' }, defaults)).toThrow(
      /SESSION_IDLE_MINUTES/,
    );
    expect(() => serverConfigFromEnv({ SESSION_IDLE_MINUTES: 'soon' }, defaults)).toThrow(
      /SESSION_IDLE_MINUTES/,
    );
  });
});
