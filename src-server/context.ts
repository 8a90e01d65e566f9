import type { Kysely } from 'kysely';
import type { RateLimits, ServerConfig } from './config';
import type { RealNameVerifier } from './accounts/real-name';
import type { SmsGateway } from './accounts/sms-gateway';
import type { Database } from './db/schema';
import type { FileStorage } from './files/storage';
import type { HashQueue } from './identity/hash-queue';

/** What every request handler may use. Nothing here changes between requests: the server keeps no state. */
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
  /**
   * The queue every login's password check goes through, and the check itself. The queue is this
   * instance's only state besides connections: it bounds work in progress, it holds nothing a later
   * request depends on.
   */
  loginHashing: { queue: HashQueue; verifyPassword: (password: string, encoded: string) => Promise<boolean> };
}
