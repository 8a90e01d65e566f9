import type express from 'express';
import type { Kysely } from 'kysely';
import type { ServerConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { isDatabaseEmpty, seedDemoData } from './demo/seed';
import { createApiApp } from './http/api-app';
import { identityRoutes } from './identity/routes';
import { infoRoutes } from './info/routes';

export interface PlatformServer {
  app: express.Express;
  db: Kysely<Database>;
  /** Closes the database; stop listening first. */
  close(): Promise<void>;
}

/**
 * The platform server, ready to be listened on: the database is open and migrated, and in demo mode an
 * empty database has been given the demo data.
 */
export async function createServer(config: ServerConfig): Promise<PlatformServer> {
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db, config.database.kind);
    if (config.demo && (await isDatabaseEmpty(db))) await seedDemoData(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const app = createApiApp({ db, config }, [infoRoutes, identityRoutes]);
  return { app, db, close: () => db.destroy() };
}
