import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppFailure, appError } from '../../src-shared/contracts/errors';
import type { AppError, ErrorCode } from '../../src-shared/contracts/errors';
import type { HttpErrorBody } from '../../src-shared/contracts/http';
import { answerAfterBody } from './drain';
import { recordRequestFailure } from './logging';

/** What a body over the usual 1 MB limit is told. */
export const BODY_TOO_LARGE_MESSAGE = '提交的内容过大,请不要超过 1 MB';

/** The HTTP status each error code travels with. */
const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  SERVER_UNREACHABLE: 502,
  SERVER_ERROR: 500,
  INVALID_CALL: 400,
  CAPTCHA_REQUIRED: 400,
  CAPTCHA_INVALID: 400,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  SMS_CODE_INVALID: 400,
  SMS_TOO_FREQUENT: 429,
  TICKET_INVALID: 410,
  CONFLICT: 409,
  REAL_NAME_FAILED: 422,
  ACCOUNT_NOT_FOUND: 404,
  SERVER_BUSY: 503,
};

export function sendError(res: Response, error: AppError, status: number = STATUS[error.code]) {
  const body: HttpErrorBody = { error };
  // The standard header too, for proxies and clients that know nothing of our error body.
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  res.status(status).json(body);
}

/** Express 5 answers unknown paths with an HTML page; API clients get the usual JSON error instead. */
export const notFound: RequestHandler = (req, res) => {
  answerAfterBody(req, res, () => sendError(res, appError('NOT_FOUND', '请求的接口不存在')));
};

/**
 * The last middleware: every failure leaves as `{ error }` JSON. Client errors say what was wrong;
 * anything else is a 500 with a generic message, and its stack goes to the server log only, never to
 * the client. Request bodies are not logged: they carry passwords and ID numbers. A request refused
 * before its body was read is answered once the body has arrived (drain.ts).
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    // Too late for a JSON answer; Express closes the connection.
    next(err);
    return;
  }
  answerAfterBody(req, res, () => answerError(err, res));
};

function answerError(err: unknown, res: Response) {
  if (err instanceof AppFailure) {
    sendError(res, err.error);
    return;
  }
  if (err instanceof URIError) {
    // Express could not decode a `:param` of the path (`/api/applications/%zz`).
    sendError(res, appError('BAD_REQUEST', '地址中的编号格式不正确,请检查链接'));
    return;
  }
  const clientStatus = clientErrorStatus(err);
  if (clientStatus === 413) {
    sendError(res, appError('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE_MESSAGE));
  } else if (clientStatus !== null && isBodyParseFailure(err)) {
    sendError(res, appError('BAD_REQUEST', '请求内容的格式不正确,无法读取'));
  } else if (clientStatus !== null) {
    sendError(res, appError('BAD_REQUEST'), clientStatus);
  } else {
    // The request's log line carries it, at error level and scrubbed (logging.ts).
    recordRequestFailure(res, err instanceof Error ? err : new Error(String(err)));
    sendError(res, appError('SERVER_ERROR'));
  }
}

/** The 4xx status of an error that the body parser (http-errors) marks as safe to expose, or null. */
function clientErrorStatus(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : null;
}

function isBodyParseFailure(err: unknown): boolean {
  return (err as { type?: unknown }).type === 'entity.parse.failed';
}
