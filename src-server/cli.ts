import { serverConfigFromEnv } from './config';
import { createLogger, exitAfterLogged, logLevelFromEnv } from './http/logging';
import { LISTENING_MESSAGE, startServer } from './listen';

/**
 * `npm run server`: the platform on its own, for development and for a central deployment.
 * SERVER_PORT (8787) and SERVER_HOST (127.0.0.1) choose where it listens; the database comes from
 * DATABASE_URL (PostgreSQL) or else a SQLite file under DATA_DIR (./.data). The log is JSON lines on
 * stdout (LOG_LEVEL, info by default); SIGTERM or SIGINT drains the requests in flight, then exits 0.
 */
const logger = createLogger(logLevelFromEnv(process.env.LOG_LEVEL, 'info'));

/**
 * The settings from the environment. A wrong one is refused in one plain line on stderr, not a JSON log
 * record: the person reading it is an operator at a terminal fixing a variable, and no log is set up yet.
 */
function settingsFromEnv() {
  try {
    return {
      config: {
        ...serverConfigFromEnv(process.env, { dataDir: process.env.DATA_DIR ?? './.data' }),
        logger,
      },
      port: portFromEnv(process.env.SERVER_PORT, 8787),
      host: process.env.SERVER_HOST?.trim() || '127.0.0.1',
    };
  } catch (error) {
    process.stderr.write(
      `Platform server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}

async function main() {
  const { config, port, host } = settingsFromEnv();
  const server = await startServer(config, { host, port });
  const database = config.database.kind === 'sqlite' ? `sqlite: ${config.database.file}` : 'postgres';
  // Written whatever LOG_LEVEL says: scripts that start the server wait for this line (announcesListening),
  // and with LOG_LEVEL=warn they would wait forever. A child logger has a level of its own.
  logger
    .child({}, { level: 'info' })
    .info({ url: server.url, database, demo: config.demo }, LISTENING_MESSAGE);
  // Now, not with the next batch of lines (logging.ts): whoever started the server is waiting for it.
  logger.flush();
  if (!config.demo && config.sms?.provider.kind !== 'http') {
    // Without demo mode nobody can read the outbox, so registration and reset cannot be completed.
    logger.warn('SMS codes go to the outbox table only; set SMS_PROVIDER_URL to deliver them');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means "now", even if a connection or the database hangs.
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the requests in flight');
    server.close().then(
      () => {
        logger.info('stopped');
        exitAfterLogged(logger, 0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exitAfterLogged(logger, 1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function portFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SERVER_PORT must be a port number (0-65535), got "${value}"`);
  }
  return port;
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'platform server failed to start');
  exitAfterLogged(logger, 1);
});
