import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';
import { scrubText, scrubValue } from '../../src-shared/logging/scrub';

/**
 * The server's log: one JSON object per line (pino), each request with an id that is also sent back in
 * X-Request-Id. Everything passes the same scrubber as the desktop client's log file, so no ID number,
 * phone, password, token or SMS code is written; headers and bodies are never logged at all.
 */

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming request id is kept when it is short and plain, so a proxy's id ties its log to ours. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Lines for stdout are gathered into writes of at least this many bytes, flushed at least once a second:
 * written as they came, a busy server (the empty sync poll, issue 14) sent a write through libuv's
 * thread pool for every line or two. Warnings and worse are written at once (below), and pino writes
 * what is left when the process exits, an uncaught exception included; a killed process loses up to a
 * second of info lines.
 */
const STDOUT_BATCH_BYTES = 4096;
const STDOUT_FLUSH_MS = 1000;

/** pino's number for `warn`: lines at this level or above are not held back. */
const FLUSH_AT_LEVEL = 40;

/** A JSON logger writing to `destination` (stdout by default), scrubbing every message and field. */
export function createLogger(level: Level, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      // req and res come out of the serializers below already reduced to safe fields.
      log: (object) => {
        const { req, res, ...rest } = object;
        const scrubbed = scrubValue(rest) as Record<string, unknown>;
        return { ...scrubbed, ...(req === undefined ? {} : { req }), ...(res === undefined ? {} : { res }) };
      },
    },
    hooks: {
      logMethod(args, method, levelValue) {
        const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
        // A warning or an error reaches an operator now, not with the next batch of request lines.
        if (levelValue >= FLUSH_AT_LEVEL) this.flush();
      },
    },
  };
  return pino(
    options,
    destination ??
      pino.destination({ dest: 1, minLength: STDOUT_BATCH_BYTES, periodicFlush: STDOUT_FLUSH_MS }),
  );
}

/** How long an exit waits for the log to be written: a stdout nobody reads must not hold it. */
const EXIT_LOG_WAIT_MS = 2000;

/**
 * Ends the process once every line logged so far has been written. pino writes what is still buffered
 * when the process exits, but not a batch already on its way through the thread pool: exiting at once
 * could lose that one.
 */
export function exitAfterLogged(logger: Logger, code: number): void {
  const exit = () => process.exit(code);
  setTimeout(exit, EXIT_LOG_WAIT_MS);
  logger.flush(exit);
}

/** LOG_LEVEL, or the given default; a wrong value throws, as every other setting does. */
export function logLevelFromEnv(value: string | undefined, fallback: Level): Level {
  const text = value?.trim().toLowerCase();
  if (!text) return fallback;
  if (!(LEVELS as readonly string[]).includes(text)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${value}"`);
  }
  return text as Level;
}

/** The logger a server uses when its configuration names none: errors only, on stderr. */
export function defaultLogger(): Logger {
  return createLogger('error', pino.destination(2));
}

/** What errors.ts hands to the request's log line: the failure behind a 500, logged with its stack. */
const failures = new WeakMap<ServerResponse, Error>();

/** Marks a response as failed with `error`, which its log line then carries (at error level, scrubbed). */
export function recordRequestFailure(res: ServerResponse, error: Error): void {
  failures.set(res, error);
}

/**
 * How a finished request is logged. A 503 is the server saying "busy, retry" on purpose (the login
 * queue, a drain): worth a warning, not an error. Any other 5xx is an error, carrying its error only
 * where one was handed over, never a made-up stack.
 */
function outcomeOf(
  statusCode: number,
  error: Error | undefined,
): { level: 'error' | 'warn' | 'info'; message: string } {
  if (error === undefined && statusCode === 503)
    return { level: 'warn', message: 'request refused: server busy' };
  if (error !== undefined || statusCode >= 500) return { level: 'error', message: 'request failed' };
  return { level: 'info', message: 'request completed' };
}

export type RequestLogging = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One line per finished request: method, path, status, time and request id; 5xx at error level, but
 * a deliberate 503 (busy) at warn. The line and its fields are what pino-http wrote before; this
 * middleware does only that, without the per-request child loggers pino-http builds (the costliest
 * middleware in a profile of the empty poll).
 */
export function requestLogging(logger: Logger): RequestLogging {
  return (req, res, next) => {
    const id = requestId(req, res);
    const start = Date.now();
    const finished = () => {
      res.off('close', finished);
      res.off('finish', finished);
      const error = failures.get(res);
      const outcome = outcomeOf(res.statusCode, error);
      if (!logger.isLevelEnabled(outcome.level)) return;
      const line = {
        req: {
          id,
          method: req.method,
          // The path only: a query string may carry a search for a name or an ID number.
          path: scrubText((req.url ?? '').split('?')[0] ?? ''),
        },
        requestId: id,
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - start,
      };
      logger[outcome.level](error === undefined ? line : { ...line, err: error }, outcome.message);
    };
    // 'close' alone when the client left before its answer was complete; the line is written either way.
    res.on('close', finished);
    res.on('finish', finished);
    next();
  };
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
