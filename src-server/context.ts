import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { RateLimits, ServerConfig } from './config';
import type { RealNameVerifier } from './accounts/real-name';
import type { SmsGateway } from './accounts/sms-gateway';
import type { Database } from './db/schema';
import type { FileStorage } from './files/storage';
import type { HashQueue } from './identity/hash-queue';

/**
 * How the process around the app stands. The only state that changes, and it is the process's, not a
 * request's: set by the listener (listen.ts), read by the Host check and /readyz.
 */
export interface ServerLifecycle {
  /** SIGTERM arrived: in-flight requests finish, /readyz answers 503. */
  draining: boolean;
  /** Bound to a loopback address: only loopback Host names are answered (DNS rebinding). */
  loopbackOnly: boolean;
}

/** What every request handler may use. Nothing here but `lifecycle` changes: the server keeps no state. */
export interface ServerContext {
  db: Kysely<Database>;
  config: ServerConfig;
  /** The server's clock (config.now, or the system clock). */
  now: () => Date;
  /** The configuration's limits with the defaults filled in. */
  rateLimits: RateLimits;
  /** The gateway config.sms chooses (the outbox by default), its template and the daily limit per phone. */
  sms: { gateway: SmsGateway; template: string; dailyLimitPerPhone: number };
  realName: RealNameVerifier;
  /** Where uploaded scans are kept (config.filesDir). */
  files: FileStorage;
  lifecycle: ServerLifecycle;
  /** The JSON log (config.logger, or errors only to stderr). */
  logger: Logger;
  /**
   * The queue every login's password check goes through, and the check itself. The queue is this
   * instance's only state besides connections: it bounds work in progress, it holds nothing a later
   * request depends on.
   */
  loginHashing: { queue: HashQueue; verifyPassword: (password: string, encoded: string) => Promise<boolean> };
}
