import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { HttpLogger } from 'pino-http';
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
      logMethod(args, method) {
        const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
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

/** One line per finished request: method, path, status, time and request id; 5xx at error level. */
export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    // Every line about a request, not only its closing one, carries its id at the top level.
    customProps: (req) => ({ requestId: req.id }),
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        // The path only: a query string may carry a search for a name or an ID number.
        path: scrubText((req.url ?? '').split('?')[0] ?? ''),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  });
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
