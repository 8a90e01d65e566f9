import { isIP } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * What a platform server needs to start. The embedded default is a SQLite file with demo data; a
 * deployment points `DATABASE_URL` at PostgreSQL and runs without demo data unless told otherwise.
 *
 * The keys after `sessionIdleMinutes` are optional so that a caller who only names a database (the
 * core's tests, the bench) gets the defaults below; `serverConfigFromEnv` always fills them in.
 */
export interface ServerConfig {
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** Seed demo data into an empty database and expose the demo-only routes. */
  demo: boolean;
  /** A session that has not been used for this long must log in again. Fractions are allowed. */
  sessionIdleMinutes: number;
  /** Where SMS codes go and how often a phone may get one. */
  sms?: SmsConfig;
  /** Requests per client IP and window; a bucket left out keeps its default. */
  rateLimits?: Partial<RateLimits>;
  /**
   * The folder of uploaded files (licence scans). Left out, SQLite keeps them in `files` next to its
   * database file (DATA_DIR/server/files for the default layout); PostgreSQL needs it set, because
   * every server instance must see the same folder.
   */
  filesDir?: string;
  /** How much a person may have uploaded and not yet used; a limit left out keeps its default. */
  uploads?: Partial<UploadLimits>;
  /** How many login password checks run at once and how many may wait; see LoginHashing. */
  loginHashing?: LoginHashing;
  /**
   * The server's clock. Every expiry (captcha, SMS code, ticket, lockout, rate window, session) reads
   * it, so tests can move time forward instead of waiting.
   */
  now?: () => Date;
  /**
   * Which peers may tell the client's address in X-Forwarded-For (Express's `trust proxy`): a hop count
   * or a list of addresses/subnets. Off by default: a forged header from a client must not pick its own
   * rate-limit bucket. Behind a load balancer every client would otherwise share the balancer's bucket.
   */
  trustProxy?: TrustProxy;
  /** Timeouts of the HTTP listener; left out, DEFAULT_HTTP_TIMEOUTS. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Where the JSON request log goes; left out, errors only, to stderr. */
  logger?: Logger;
}

/** `false` (the default), a number of proxy hops, or addresses/subnets/names as Express understands them. */
export type TrustProxy = false | number | string[];

export interface HttpTimeouts {
  /** The whole request head must arrive within this many seconds. */
  headersSeconds: number;
  /** The whole request, body included, must arrive within this many seconds (a 14 MB upload included). */
  requestSeconds: number;
  /** On SIGTERM, requests still running after this many seconds are cut off. */
  shutdownSeconds: number;
}

/**
 * A stalled client is dropped within these times (plus about a second of checking), instead of holding a
 * connection for Node's five minutes. 60 s is enough for a 14 MB upload at about 2 Mbit/s.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersSeconds: 15,
  requestSeconds: 60,
  shutdownSeconds: 30,
};

export type DatabaseKind = ServerConfig['database']['kind'];

export interface SmsConfig {
  /**
   * `outbox`: messages are written to a table (and shown at /api/dev/outbox in demo mode), nothing is
   * delivered. `http`: each message is POSTed as JSON `{ mobile, text }` to the provider's URL.
   */
  provider: { kind: 'outbox' } | { kind: 'http'; url: string };
  /** The message text; `{code}` is replaced by the code, `{purpose}` by 注册账号/重置密码, `{minutes}` by 5. */
  template: string;
  /** Codes one phone may receive per calendar day in China. */
  dailyLimitPerPhone: number;
}

export interface LoginHashing {
  /** Password hashes of logins running at once (LOGIN_HASH_CONCURRENCY). */
  concurrency?: number;
  /** Logins that may wait for a hash; one more is answered 503 SERVER_BUSY (LOGIN_HASH_QUEUE_LENGTH). */
  queueLength?: number;
  /** Checks a password against its stored hash; tests put a gate here to decide when hashes finish. */
  verifyPassword?: (password: string, encoded: string) => Promise<boolean>;
}

export type RateLimitBucket = 'login' | 'captcha' | 'sms' | 'flows';

export interface RateLimit {
  /** Requests allowed per window and client IP. */
  max: number;
  windowSeconds: number;
}

export type RateLimits = Record<RateLimitBucket, RateLimit>;

export const DEFAULT_SESSION_IDLE_MINUTES = 480;

/**
 * Uploads that no registration or application uses yet ("unused") are limited per account, and
 * deleted once they are `unusedHours` old (src-server/files/unused.ts).
 */
export interface UploadLimits {
  maxUnusedFiles: number;
  maxUnusedBytes: number;
  unusedHours: number;
}

/**
 * Room for all the attachments of an application (the demo's have up to 6; a long career more) uploaded
 * before its first save, or a registration's scan tried several times; not for filling a disk.
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxUnusedFiles: 20,
  maxUnusedBytes: 100 * 1024 * 1024,
  unusedHours: 24,
};

export const DEFAULT_SMS_TEMPLATE =
  '【重庆市专业技术人员服务平台】您正在{purpose},验证码为{code},{minutes}分钟内有效。如非本人操作,请忽略本短信。';

export const DEFAULT_SMS_CONFIG: SmsConfig = {
  provider: { kind: 'outbox' },
  template: DEFAULT_SMS_TEMPLATE,
  dailyLimitPerPhone: 10,
};

/**
 * Generous per-minute limits: they stop scripted guessing and flooding, not people. The end-to-end
 * suite signs in about 40 times a minute from 127.0.0.1, far below the login limit.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  login: { max: 120, windowSeconds: 60 },
  captcha: { max: 120, windowSeconds: 60 },
  sms: { max: 30, windowSeconds: 60 },
  flows: { max: 120, windowSeconds: 60 },
};

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

const FILES_DIR_REQUIRED =
  'With PostgreSQL (DATABASE_URL) set FILES_DIR to the folder for uploaded files that every server instance shares';

/** Where uploaded files go: config.filesDir, or the SQLite default described there. */
export function filesDirOf(config: ServerConfig): string {
  if (config.filesDir !== undefined) return path.resolve(config.filesDir);
  if (config.database.kind === 'sqlite') return path.join(path.dirname(config.database.file), 'files');
  throw new Error(FILES_DIR_REQUIRED);
}

/** Environment variables of the per-minute limits, by bucket. */
const RATE_LIMIT_ENV: Record<RateLimitBucket, string> = {
  login: 'RATE_LIMIT_LOGIN_PER_MINUTE',
  captcha: 'RATE_LIMIT_CAPTCHA_PER_MINUTE',
  sms: 'RATE_LIMIT_SMS_PER_MINUTE',
  flows: 'RATE_LIMIT_FLOWS_PER_MINUTE',
};

/**
 * Reads the configuration from the environment. Wrong values throw instead of falling back, so a
 * typo in a deployment does not silently start a demo server on the wrong database.
 */
export function serverConfigFromEnv(
  env: Record<string, string | undefined>,
  defaults: ConfigDefaults,
): ServerConfig {
  const database = databaseFromEnv(env, defaults);
  const rateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const [bucket, name] of Object.entries(RATE_LIMIT_ENV) as Array<[RateLimitBucket, string]>) {
    const max = positiveIntegerFromEnv(env, name);
    if (max !== undefined) rateLimits[bucket] = { max, windowSeconds: 60 };
  }
  return {
    database,
    demo: booleanFromEnv(env, 'DEMO') ?? defaults.demo ?? database.kind === 'sqlite',
    sessionIdleMinutes: positiveNumberFromEnv(env, 'SESSION_IDLE_MINUTES') ?? DEFAULT_SESSION_IDLE_MINUTES,
    sms: smsFromEnv(env),
    rateLimits,
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    httpTimeouts: {
      headersSeconds:
        positiveNumberFromEnv(env, 'HEADERS_TIMEOUT_SECONDS') ?? DEFAULT_HTTP_TIMEOUTS.headersSeconds,
      requestSeconds:
        positiveNumberFromEnv(env, 'REQUEST_TIMEOUT_SECONDS') ?? DEFAULT_HTTP_TIMEOUTS.requestSeconds,
      shutdownSeconds:
        positiveNumberFromEnv(env, 'SHUTDOWN_TIMEOUT_SECONDS') ?? DEFAULT_HTTP_TIMEOUTS.shutdownSeconds,
    },
    uploads: uploadLimitsFromEnv(env),
    loginHashing: loginHashingFromEnv(env),
    filesDir: filesDirFromEnv(env, defaults, database.kind),
  };
}

/**
 * FILES_DIR, or for SQLite the folder beside its default place. PostgreSQL has no default: every instance
 * on one database must read the same folder, and a per-instance default would keep each instance's
 * uploads where the others cannot read them.
 */
function filesDirFromEnv(
  env: Record<string, string | undefined>,
  defaults: ConfigDefaults,
  kind: DatabaseKind,
): string {
  const dir = nonEmpty(env.FILES_DIR);
  if (dir !== undefined) return path.resolve(dir);
  if (kind === 'postgres') throw new Error(FILES_DIR_REQUIRED);
  return path.resolve(nonEmpty(env.DATA_DIR) ?? defaults.dataDir, 'server', 'files');
}

/** Names Express knows for sets of addresses. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset/false/0 is off, a whole number is a hop count, anything else a comma-separated list
 * of addresses, subnets (10.0.0.0/8) or Express's names. `true` is refused: it trusts whatever the
 * client writes into X-Forwarded-For, which is the forgery this setting exists to prevent.
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined || ['false', 'no', 'off', '0'].includes(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (['true', 'yes', 'on'].includes(text)) {
    throw new Error(
      'TRUST_PROXY=true would trust a forged X-Forwarded-For: give the number of proxies or their addresses',
    );
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && (family === 0 || !validBits || rest.length > 0)) {
      throw new Error(
        `TRUST_PROXY must be a number of proxies or a list of addresses, subnets, loopback, linklocal or uniquelocal; "${entry}" is none of them`,
      );
    }
  }
  return entries;
}

function uploadLimitsFromEnv(env: Record<string, string | undefined>): UploadLimits {
  const megabytes = positiveNumberFromEnv(env, 'UPLOAD_MAX_UNUSED_MB');
  return {
    maxUnusedFiles:
      positiveIntegerFromEnv(env, 'UPLOAD_MAX_UNUSED_FILES') ?? DEFAULT_UPLOAD_LIMITS.maxUnusedFiles,
    maxUnusedBytes:
      megabytes === undefined ? DEFAULT_UPLOAD_LIMITS.maxUnusedBytes : Math.round(megabytes * 1024 * 1024),
    unusedHours: positiveNumberFromEnv(env, 'UPLOAD_UNUSED_HOURS') ?? DEFAULT_UPLOAD_LIMITS.unusedHours,
  };
}

function smsFromEnv(env: Record<string, string | undefined>): SmsConfig {
  const url = nonEmpty(env.SMS_PROVIDER_URL);
  if (url !== undefined && !/^https?:\/\/[^/\s]+/i.test(url)) {
    throw new Error(`SMS_PROVIDER_URL must be an http:// or https:// URL, got "${url}"`);
  }
  const template = nonEmpty(env.SMS_TEMPLATE) ?? DEFAULT_SMS_TEMPLATE;
  if (!template.includes('{code}')) {
    throw new Error('SMS_TEMPLATE must contain {code}, where the verification code goes');
  }
  return {
    provider: url === undefined ? { kind: 'outbox' } : { kind: 'http', url },
    template,
    dailyLimitPerPhone:
      positiveIntegerFromEnv(env, 'SMS_DAILY_LIMIT') ?? DEFAULT_SMS_CONFIG.dailyLimitPerPhone,
  };
}

/** The database part of serverConfigFromEnv alone, for tools that need no more (the admin CLI). */
export function databaseFromEnv(
  env: Record<string, string | undefined>,
  defaults: ConfigDefaults,
): ServerConfig['database'] {
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

function positiveIntegerFromEnv(env: Record<string, string | undefined>, name: string): number | undefined {
  const parsed = positiveNumberFromEnv(env, name);
  if (parsed !== undefined && !Number.isInteger(parsed)) {
    throw new Error(`${name} must be a whole number, got "${env[name]}"`);
  }
  return parsed;
}

function loginHashingFromEnv(env: Record<string, string | undefined>): LoginHashing | undefined {
  const concurrency = positiveIntegerFromEnv(env, 'LOGIN_HASH_CONCURRENCY');
  const queueLength = nonNegativeIntegerFromEnv(env, 'LOGIN_HASH_QUEUE_LENGTH');
  if (concurrency === undefined && queueLength === undefined) return undefined;
  return {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(queueLength === undefined ? {} : { queueLength }),
  };
}

function nonNegativeIntegerFromEnv(
  env: Record<string, string | undefined>,
  name: string,
): number | undefined {
  if (nonEmpty(env[name]) === '0') return 0;
  return positiveIntegerFromEnv(env, name);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
