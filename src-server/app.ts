import type express from 'express';
import type { Kysely } from 'kysely';
import { manualResetRoutes } from './accounts/manual-reset-routes';
import { accountRoutes } from './accounts/routes';
import { localRealNameVerifier } from './accounts/real-name';
import { smsGatewayFor } from './accounts/sms-gateway';
import { DEFAULT_RATE_LIMITS, DEFAULT_SMS_CONFIG, filesDirOf } from './config';
import type { ServerConfig } from './config';
import type { ServerContext, ServerLifecycle } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { withStartupLock } from './db/startup-lock';
import type { Database } from './db/schema';
import { devRoutes } from './demo/dev-routes';
import { isDatabaseEmpty } from './demo/is-empty';
import { fileRoutes } from './files/routes';
import { directoryFileStorage } from './files/storage';
import type { FileStorage } from './files/storage';
import { startUnusedFileSweeper, sweepUnusedFiles, uploadLimitsOf } from './files/unused';
import { createApiApp } from './http/api-app';
import { defaultLogger } from './http/logging';
import { defaultHashQueueSettings, HashQueue } from './identity/hash-queue';
import type { HashQueueSettings } from './identity/hash-queue';
import { verifyPassword } from './identity/passwords';
import { identityRoutes } from './identity/routes';
import { infoRoutes } from './info/routes';
import { unitRoutes } from './units/routes';
import { applicantRoutes } from './applications/applicant-routes';
import { reviewRoutes } from './applications/review-routes';
import { syncRoutes } from './applications/sync-routes';
import { addShippedHolidayYears } from './calendar/holiday-table';
import { calendarRoutes } from './calendar/routes';
import { commentPhraseRoutes } from './comment-phrases/routes';

export interface PlatformServer {
  app: express.Express;
  db: Kysely<Database>;
  /** Set by the listener: draining and the Host check read it. */
  lifecycle: ServerLifecycle;
  /** The login hash queue, for operators' figures and tests. */
  loginHashQueue: HashQueue;
  /** Deletes uploads unused for longer than allowed (also run every 15 minutes); returns how many. */
  sweepUnusedFiles(): Promise<number>;
  /** Stops the sweeper and closes the database; stop listening first. */
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
    await withStartupLock(db, config.database, async () => {
      await migrateToLatest(db, config.database.kind);
      await addShippedHolidayYears(db);
      if (config.demo && (await isDatabaseEmpty(db))) {
        // Imported only here: the seed and its sample scans are most of the server's code by size, and
        // a reused data folder never needs them.
        const { seedDemoData } = await import('./demo/seed');
        await seedDemoData(db, files, config.now?.() ?? new Date());
      }
    });
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
    calendarRoutes,
    commentPhraseRoutes,
    devRoutes,
  ]);
  const now = config.now ?? (() => new Date());
  const sweep = () => sweepUnusedFiles(db, files, uploadLimitsOf(config), now());
  let started = false;
  const sweeper = startUnusedFileSweeper(async () => {
    // The first sweep also takes away what uploads cut off by a kill or a power cut left behind.
    if (!started) {
      started = true;
      const unfinished = (await files.removeUnfinished?.()) ?? 0;
      if (unfinished > 0)
        context.logger.warn({ unfinished }, 'removed the parts of uploads cut off mid-write');
    }
    return sweep();
  }, context.logger);
  return {
    app,
    db,
    lifecycle: context.lifecycle,
    loginHashQueue: context.loginHashing.queue,
    sweepUnusedFiles: sweep,
    close: async () => {
      await sweeper.stop();
      await db.destroy();
    },
  };
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
    lifecycle: { draining: false, loopbackOnly: false },
    logger: config.logger ?? defaultLogger(),
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
