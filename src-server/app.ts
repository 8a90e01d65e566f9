import type express from 'express';
import type { Kysely } from 'kysely';
import { manualResetRoutes } from './accounts/manual-reset-routes';
import { accountRoutes } from './accounts/routes';
import { localRealNameVerifier } from './accounts/real-name';
import { smsGatewayFor } from './accounts/sms-gateway';
import { DEFAULT_RATE_LIMITS, DEFAULT_SMS_CONFIG, filesDirOf } from './config';
import type { ServerConfig } from './config';
import type { ServerContext } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { devRoutes } from './demo/dev-routes';
import { isDatabaseEmpty, seedDemoData } from './demo/seed';
import { fileRoutes } from './files/routes';
import { directoryFileStorage } from './files/storage';
import type { FileStorage } from './files/storage';
import { createApiApp } from './http/api-app';
import { defaultHashQueueSettings, HashQueue } from './identity/hash-queue';
import type { HashQueueSettings } from './identity/hash-queue';
import { verifyPassword } from './identity/passwords';
import { identityRoutes } from './identity/routes';
import { infoRoutes } from './info/routes';
import { unitRoutes } from './units/routes';
import { applicantRoutes } from './applications/applicant-routes';
import { reviewRoutes } from './applications/review-routes';
import { syncRoutes } from './applications/sync-routes';

export interface PlatformServer {
  app: express.Express;
  db: Kysely<Database>;
  /** The login hash queue, for operators' figures and tests. */
  loginHashQueue: HashQueue;
  /** Closes the database; stop listening first. */
  close(): Promise<void>;
}

/**
 * The platform server, ready to be listened on: the database is open and migrated, and in demo mode an
 * empty database has been given the demo data.
 */
export async function createServer(config: ServerConfig): Promise<PlatformServer> {
  // Before the database opens: a PostgreSQL configuration without a files folder fails here.
  const files = directoryFileStorage(filesDirOf(config));
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db, config.database.kind);
    if (config.demo && (await isDatabaseEmpty(db))) {
      await seedDemoData(db, files, config.now?.() ?? new Date());
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const context = serverContext(db, config, files);
  const app = createApiApp(context, [
    infoRoutes,
    identityRoutes,
    accountRoutes,
    manualResetRoutes,
    fileRoutes,
    unitRoutes,
    applicantRoutes,
    syncRoutes,
    reviewRoutes,
    devRoutes,
  ]);
  return { app, db, loginHashQueue: context.loginHashing.queue, close: () => db.destroy() };
}

/** The configuration with its defaults filled in, and the gateways it chooses. */
function serverContext(db: Kysely<Database>, config: ServerConfig, files: FileStorage): ServerContext {
  const now = config.now ?? (() => new Date());
  const sms = config.sms ?? DEFAULT_SMS_CONFIG;
  return {
    db,
    config,
    now,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...config.rateLimits },
    sms: {
      template: sms.template,
      dailyLimitPerPhone: sms.dailyLimitPerPhone,
      gateway: smsGatewayFor(sms.provider, db, now),
    },
    realName: localRealNameVerifier(now),
    files,
    loginHashing: {
      queue: new HashQueue({ ...defaultHashQueueSettings(), ...definedOnly(config.loginHashing) }),
      verifyPassword: config.loginHashing?.verifyPassword ?? verifyPassword,
    },
  };
}

/** The queue's settings the configuration names (a key set to undefined keeps its default). */
function definedOnly(hashing: ServerConfig['loginHashing']): Partial<HashQueueSettings> {
  return {
    ...(hashing?.concurrency === undefined ? {} : { concurrency: hashing.concurrency }),
    ...(hashing?.queueLength === undefined ? {} : { queueLength: hashing.queueLength }),
  };
}
