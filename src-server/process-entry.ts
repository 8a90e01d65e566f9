import { serverConfigFromEnv } from './config';
import { createLogger, exitAfterLogged, logLevelFromEnv } from './http/logging';
import { startServer } from './listen';
import type { RunningServer } from './listen';

/**
 * The embedded server's process, forked by the desktop app with Electron's `utilityProcess` (or Node's
 * `child_process.fork` in tests). It reads its configuration from the environment, listens on a free
 * loopback port and tells its parent where:
 *   child → parent  { type: 'listening', url } | { type: 'error', message }
 *   parent → child  { type: 'shutdown' }
 * Shutdown (that message, SIGTERM, SIGINT or the parent going away) drains the requests in flight first.
 * The log is JSON lines on stdout, warnings and errors only unless LOG_LEVEL says otherwise: the parent
 * copies it into the desktop log file.
 */

export type EmbeddedServerMessage = { type: 'listening'; url: string } | { type: 'error'; message: string };

/** Electron's `process.parentPort`, typed here so that this file imports nothing from electron. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

function report(message: EmbeddedServerMessage) {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function onParentMessage(listener: (message: unknown) => void) {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
}

const logger = createLogger(logLevelFromEnv(process.env.LOG_LEVEL, 'warn'));
let server: RunningServer | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await server?.close();
  } catch (error) {
    // A failed drain still ends the process with the code asked for; the log says why.
    logger.error({ err: error }, 'shutdown failed');
  }
  exitAfterLogged(logger, code);
}

async function main() {
  const env = process.env;
  // The parent must say where the data lives; a default would put the database in whatever folder the
  // app happened to start in, which may be read-only or shared.
  if (!env.DATABASE_URL && !env.SQLITE_FILE && !env.DATA_DIR) {
    throw new Error('The embedded server needs DATA_DIR, SQLITE_FILE or DATABASE_URL');
  }
  // Demo data follows DEMO, else the database: on for the SQLite file, off for an operator's DATABASE_URL
  // (forcing it on here would seed demo accounts into a real PostgreSQL database).
  const config = { ...serverConfigFromEnv(env, { dataDir: env.DATA_DIR ?? '' }), logger };
  // A free port unless the parent asks for one (the web host's SERVER_PORT); a restart reuses it.
  server = await startServer(config, { host: '127.0.0.1', port: portFromEnv(env.EMBEDDED_SERVER_PORT) });
  report({ type: 'listening', url: server.url });
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port number: ${value}`);
  return port;
}

onParentMessage((message) => {
  if (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'shutdown'
  ) {
    void shutdown(0);
  }
});
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
// Forked with an IPC channel: when the parent goes away, so do we.
process.on('disconnect', () => void shutdown(0));

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  logger.fatal({ err: error }, 'embedded server failed to start');
  report({ type: 'error', message });
  void shutdown(1);
});
