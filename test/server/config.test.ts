import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HTTP_TIMEOUTS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_SMS_TEMPLATE,
  DEFAULT_UPLOAD_LIMITS,
  filesDirOf,
  serverConfigFromEnv,
} from '../../src-server/config';

const defaults = { dataDir: './.data' };

describe('serverConfigFromEnv', () => {
  it('defaults to a demo SQLite file under the data folder', () => {
    expect(serverConfigFromEnv({}, defaults)).toEqual({
      database: { kind: 'sqlite', file: path.resolve('.data/server/platform.sqlite') },
      demo: true,
      sessionIdleMinutes: 480,
      sms: { provider: { kind: 'outbox' }, template: DEFAULT_SMS_TEMPLATE, dailyLimitPerPhone: 10 },
      rateLimits: DEFAULT_RATE_LIMITS,
      trustProxy: false,
      httpTimeouts: DEFAULT_HTTP_TIMEOUTS,
      uploads: DEFAULT_UPLOAD_LIMITS,
      filesDir: path.resolve('.data/server/files'),
    });
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ headersSeconds: 15, requestSeconds: 60, shutdownSeconds: 30 });
    expect(DEFAULT_RATE_LIMITS).toEqual({
      login: { max: 120, windowSeconds: 60 },
      captcha: { max: 120, windowSeconds: 60 },
      sms: { max: 30, windowSeconds: 60 },
      flows: { max: 120, windowSeconds: 60 },
    });
  });

  it('reads TRUST_PROXY and the HTTP timeouts, refusing values that are not numbers', () => {
    const config = serverConfigFromEnv(
      {
        TRUST_PROXY: '1',
        HEADERS_TIMEOUT_SECONDS: '5',
        REQUEST_TIMEOUT_SECONDS: '120',
        SHUTDOWN_TIMEOUT_SECONDS: '10',
      },
      defaults,
    );
    expect(config.trustProxy).toBe(1);
    expect(config.httpTimeouts).toEqual({ headersSeconds: 5, requestSeconds: 120, shutdownSeconds: 10 });
    expect(() => serverConfigFromEnv({ REQUEST_TIMEOUT_SECONDS: 'soon' }, defaults)).toThrow(
      /REQUEST_TIMEOUT_SECONDS/,
    );
    expect(() => serverConfigFromEnv({ TRUST_PROXY: 'true' }, defaults)).toThrow(/TRUST_PROXY/);
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

  it('keeps uploaded files under DATA_DIR, or exactly at FILES_DIR', () => {
    expect(serverConfigFromEnv({ DATA_DIR: '/srv/zc' }, defaults).filesDir).toBe('/srv/zc/server/files');
    expect(serverConfigFromEnv({ DATA_DIR: '/srv/zc', FILES_DIR: '/mnt/scans' }, defaults).filesDir).toBe(
      '/mnt/scans',
    );
    const url = 'postgres://zc@db.internal/zhicheng';
    // Every instance on one PostgreSQL must share the folder: no per-instance default.
    expect(() => serverConfigFromEnv({ DATABASE_URL: url }, defaults)).toThrow(/FILES_DIR/);
    expect(() => serverConfigFromEnv({ DATABASE_URL: url, DATA_DIR: '/srv/zc' }, defaults)).toThrow(
      /FILES_DIR/,
    );
    expect(serverConfigFromEnv({ DATABASE_URL: url, FILES_DIR: '/mnt/scans' }, defaults).filesDir).toBe(
      '/mnt/scans',
    );
    // A configuration written in code: SQLite keeps files beside its database, PostgreSQL must be told.
    const sqlite = { kind: 'sqlite', file: '/tmp/zc/platform.sqlite' } as const;
    expect(filesDirOf({ database: sqlite, demo: true, sessionIdleMinutes: 480 })).toBe('/tmp/zc/files');
    expect(() =>
      filesDirOf({ database: { kind: 'postgres', url }, demo: false, sessionIdleMinutes: 480 }),
    ).toThrow(/FILES_DIR/);
  });

  it('uses PostgreSQL for a postgres:// DATABASE_URL, without demo data unless asked', () => {
    const url = 'postgres://zc:secret@db.internal:5432/zhicheng';
    expect(serverConfigFromEnv({ DATABASE_URL: url, FILES_DIR: '/mnt/scans' }, defaults)).toMatchObject({
      database: { kind: 'postgres', url },
      demo: false,
    });
    expect(serverConfigFromEnv({ DATABASE_URL: url, DEMO: 'true', FILES_DIR: '/f' }, defaults).demo).toBe(
      true,
    );
    expect(
      serverConfigFromEnv({ DATABASE_URL: 'postgresql://h/db', FILES_DIR: '/f' }, defaults).database.kind,
    ).toBe('postgres');
  });

  it('reads DEMO and SESSION_IDLE_MINUTES', () => {
    expect(serverConfigFromEnv({ DEMO: '0' }, defaults).demo).toBe(false);
    expect(serverConfigFromEnv({ DEMO: 'off' }, { ...defaults, demo: true }).demo).toBe(false);
    expect(serverConfigFromEnv({}, { ...defaults, demo: false }).demo).toBe(false);
    expect(serverConfigFromEnv({ SESSION_IDLE_MINUTES: '30' }, defaults).sessionIdleMinutes).toBe(30);
  });

  it('sends SMS through the HTTP provider when SMS_PROVIDER_URL is set, with SMS_TEMPLATE', () => {
    const sms = serverConfigFromEnv(
      {
        SMS_PROVIDER_URL: 'https://sms.internal/send',
        SMS_TEMPLATE: '验证码{code},5分钟内有效',
        SMS_DAILY_LIMIT: '5',
      },
      defaults,
    ).sms;
    expect(sms).toEqual({
      provider: { kind: 'http', url: 'https://sms.internal/send' },
      template: '验证码{code},5分钟内有效',
      dailyLimitPerPhone: 5,
    });
  });

  it('reads per-minute rate limits per bucket, keeping the others at their defaults', () => {
    const { rateLimits } = serverConfigFromEnv(
      { RATE_LIMIT_LOGIN_PER_MINUTE: '10', RATE_LIMIT_SMS_PER_MINUTE: '2' },
      defaults,
    );
    expect(rateLimits).toEqual({
      ...DEFAULT_RATE_LIMITS,
      login: { max: 10, windowSeconds: 60 },
      sms: { max: 2, windowSeconds: 60 },
    });
  });

  it('reads the limits of unused uploads', () => {
    expect(
      serverConfigFromEnv(
        { UPLOAD_MAX_UNUSED_FILES: '3', UPLOAD_MAX_UNUSED_MB: '20', UPLOAD_UNUSED_HOURS: '6' },
        defaults,
      ).uploads,
    ).toEqual({ maxUnusedFiles: 3, maxUnusedBytes: 20 * 1024 * 1024, unusedHours: 6 });
    expect(() => serverConfigFromEnv({ UPLOAD_MAX_UNUSED_FILES: '2.5' }, defaults)).toThrow(
      /UPLOAD_MAX_UNUSED_FILES/,
    );
    expect(() => serverConfigFromEnv({ UPLOAD_MAX_UNUSED_MB: '0' }, defaults)).toThrow(
      /UPLOAD_MAX_UNUSED_MB/,
    );
  });

  it('refuses values it cannot read instead of guessing', () => {
    expect(() => serverConfigFromEnv({ SMS_PROVIDER_URL: 'sms.internal' }, defaults)).toThrow(
      /SMS_PROVIDER_URL/,
    );
    expect(() => serverConfigFromEnv({ SMS_TEMPLATE: '您的验证码' }, defaults)).toThrow(/\{code\}/);
    expect(() => serverConfigFromEnv({ SMS_DAILY_LIMIT: '2.5' }, defaults)).toThrow(/SMS_DAILY_LIMIT/);
    expect(() => serverConfigFromEnv({ RATE_LIMIT_LOGIN_PER_MINUTE: '0' }, defaults)).toThrow(
      /RATE_LIMIT_LOGIN_PER_MINUTE/,
    );
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
