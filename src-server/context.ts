import type { Kysely } from 'kysely';
import type { ServerConfig } from './config';
import type { Database } from './db/schema';

/** What every request handler may use. Nothing here changes between requests: the server keeps no state. */
export interface ServerContext {
  db: Kysely<Database>;
  config: ServerConfig;
}
