import path from 'node:path';

/**
 * What a platform server needs to start. The embedded default is a SQLite file with demo data; a
 * deployment points `DATABASE_URL` at PostgreSQL and runs without demo data unless told otherwise.
 */
export interface ServerConfig {
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** Seed demo data into an empty database and expose the demo-only routes. */
  demo: boolean;
  /** A session that has not been used for this long must log in again. */
  sessionIdleMinutes: number;
}

export const DEFAULT_SESSION_IDLE_MINUTES = 480;

export interface ConfigDefaults {
  /** Where the SQLite file lives when neither SQLITE_FILE nor DATA_DIR is set. */
  dataDir: string;
  /** Demo mode when DEMO is unset; without it, demo is on for SQLite and off for PostgreSQL. */
  demo?: boolean;
}

/** The SQLite file inside a data folder; the desktop app and `npm run server` agree on this place. */
export function sqliteFileIn(dataDir: string): string {
  return path.resolve(dataDir, 'server', 'platform.sqlite');
}

/**
 * Reads the configuration from the environment. Wrong values throw instead of falling back, so a
 * typo in a deployment does not silently start a demo server on the wrong database.
 */
export function serverConfigFromEnv(
  env: Record<string, string | undefined>,
  defaults: ConfigDefaults,
): ServerConfig {
  const database = databaseFromEnv(env, defaults);
  return {
    database,
    demo: booleanFromEnv(env, 'DEMO') ?? defaults.demo ?? database.kind === 'sqlite',
    sessionIdleMinutes: positiveNumberFromEnv(env, 'SESSION_IDLE_MINUTES') ?? DEFAULT_SESSION_IDLE_MINUTES,
  };
}

function databaseFromEnv(env: Record<string, string | undefined>, defaults: ConfigDefaults) {
  const url = nonEmpty(env.DATABASE_URL);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    }
    return { kind: 'postgres', url } as const;
  }
  const file = nonEmpty(env.SQLITE_FILE);
  if (file !== undefined) return { kind: 'sqlite', file: path.resolve(file) } as const;
  return { kind: 'sqlite', file: sqliteFileIn(nonEmpty(env.DATA_DIR) ?? defaults.dataDir) } as const;
}

function booleanFromEnv(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

function positiveNumberFromEnv(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive number, got "${value}"`);
  }
  return parsed;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
