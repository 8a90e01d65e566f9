import express from 'express';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contracts/errors';
import { HTTP_ROUTES } from '../../src-shared/contracts/http';
import type { HttpResponse, HttpRoute, HttpRouteName } from '../../src-shared/contracts/http';
import type { RateLimitBucket } from '../config';
import type { ServerContext } from '../context';
import { resolveSession } from '../identity/sessions';
import type { ResolvedSession } from '../identity/sessions';
import { bearerToken } from './bearer';
import { BODY_TOO_LARGE_MESSAGE } from './errors';
import { sendNdjson } from './ndjson';
import type { SerializedLine } from './ndjson';
import { hitRateLimit } from './rate-limit';
import { parseRequest } from './validation';

/**
 * Declares a route of HTTP_ROUTES once: method, path, request validation, authentication and the
 * response shape all come from the contract, so the handler deals only with valid input and returns
 * a typed answer.
 */

type RouteSpec<N extends HttpRouteName> = (typeof HTTP_ROUTES)[N];

export type RouteInput<N extends HttpRouteName> = z.infer<RouteSpec<N>['request']>;

export interface PublicRouteContext extends ServerContext {
  req: Request;
  res: Response;
  /** Aborts when the client disconnects before its answer is sent: work for it can stop. */
  clientGone: AbortSignal;
}

export interface AuthedRouteContext extends PublicRouteContext {
  session: ResolvedSession;
}

export type RouteContext<N extends HttpRouteName> = RouteSpec<N>['auth'] extends true
  ? AuthedRouteContext
  : PublicRouteContext;

export type RouteHandler<N extends HttpRouteName> = (
  input: RouteInput<N>,
  ctx: RouteContext<N>,
) => Promise<HttpResponse<N>>;

export interface RouteOptions {
  /** Counts every request to this route, valid or not, against the client IP's limit of this bucket. */
  rateLimit?: RateLimitBucket;
  /**
   * A larger JSON body than BODY_LIMIT for this route only (a file upload), and what to tell a client
   * whose body is larger still.
   */
  bodyLimit?: { limitBytes: number; message: string; fields?: Record<string, string> };
}

/** Request bodies larger than this are refused with 413 before they are parsed, unless a route says otherwise. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The handler of a streamed route: the lines of its NDJSON answer (ndjson.ts), produced one at a time as
 * the client reads them, as values or already serialized.
 */
export type StreamRouteHandler<N extends HttpRouteName> = (
  input: RouteInput<N>,
  ctx: RouteContext<N>,
) => AsyncIterable<HttpResponse<N> | SerializedLine<HttpResponse<N>>>;

/** A streamed route's handler as `DeclareRoute` takes it: `route(name, streamed(handler))`. */
export interface Streamed<N extends HttpRouteName> {
  readonly lines: StreamRouteHandler<N>;
}

/** Marks a handler as the lines of an NDJSON answer, for a route the contract marks `stream`. */
export function streamed<N extends HttpRouteName>(lines: StreamRouteHandler<N>): Streamed<N> {
  return { lines };
}

/** Registers one contract route; obtained from `routeDeclarer`. */
export type DeclareRoute = <N extends HttpRouteName>(
  name: N,
  handler: RouteHandler<N> | Streamed<N>,
  options?: RouteOptions,
) => void;

/**
 * The routes without path parameters, by "METHOD /path", each as one handler that runs the route's
 * whole chain; api-app.ts dispatches them before the router and before its compression middleware,
 * which such a route applies itself only to an answer large enough to gain from it.
 */
export interface DirectRoutes {
  routes: Map<string, RequestHandler>;
  /** The app's compression middleware. */
  compress: RequestHandler;
}

/** compression's own threshold: below it, it would not compress either. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/** The responses of directly dispatched routes, which compress their answer themselves. */
const compressedOnAnswer = new WeakSet<Response>();

export function routeDeclarer(router: Router, context: ServerContext, direct?: DirectRoutes): DeclareRoute {
  return (name, handler, options = {}) => {
    const spec: HttpRoute = HTTP_ROUTES[name];
    if ((spec.stream === true) !== (typeof handler !== 'function')) {
      throw new Error(`route ${name}: the contract and the handler disagree on streaming`);
    }
    const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const sessions = new WeakMap<Request, ResolvedSession>();
    // Rate limit and authentication come before the body is read, so neither a flood nor an anonymous
    // caller makes the server parse large bodies (an upload may be 14 MB).
    const gate: RequestHandler = async (req, _res, next) => {
      if (options.rateLimit !== undefined) {
        const bucket = options.rateLimit;
        await hitRateLimit(
          context.db,
          bucket,
          req.ip ?? 'unknown',
          context.rateLimits[bucket],
          context.now(),
        );
      }
      // Authentication before validation: an anonymous caller learns nothing about a route's input.
      if (spec.auth) sessions.set(req, await authenticate(req, context));
      next();
    };
    const body = jsonBody(options.bodyLimit, spec.method === 'GET' || spec.method === 'DELETE');
    const answer: RequestHandler = async (req, res) => {
      const session = sessions.get(req);
      const input = parseRequest(spec.request, rawInput(spec, req)) as RouteInput<typeof name>;
      let clientGone: AbortSignal | undefined;
      const ctx = {
        ...context,
        req,
        res,
        // Made when a handler first asks: listening for every request's disconnect costs each of them.
        get clientGone() {
          clientGone ??= abortOnDisconnect(res);
          return clientGone;
        },
        ...(session ? { session } : {}),
      } as RouteContext<typeof name>;
      if (typeof handler !== 'function') {
        // Lines are not parsed again (a page of 100 records would cost several ms each time): a streamed
        // route builds its lines field by field from the contract's types.
        await sendNdjson(req, res, handler.lines(input, ctx), ctx.clientGone);
        return;
      }
      const output = await handler(input, ctx);
      // Parsing the answer drops anything the contract does not list, so a handler cannot leak a column.
      const value: unknown = spec.response.parse(output);
      if (direct !== undefined && compressedOnAnswer.has(res)) sendJson(req, res, value, direct.compress);
      else res.json(value);
    };
    router[method](spec.path, gate, body, answer);
    if (direct !== undefined && !spec.path.includes(':')) {
      direct.routes.set(`${spec.method} ${spec.path}`, chain([gate, body, answer]));
    }
  };
}

/** The handlers run one after another as the router would, a failure or rejection going to `next`. */
function chain(handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    req.params = {};
    compressedOnAnswer.add(res);
    const run = (index: number) => {
      const handler = handlers[index];
      if (handler === undefined) {
        next();
        return;
      }
      const proceed = (error?: unknown) => {
        if (error !== undefined && error !== null) next(error);
        else run(index + 1);
      };
      try {
        const result: unknown = handler(req, res, proceed);
        if (result instanceof Promise) result.catch(next);
      } catch (error) {
        next(error);
      }
    };
    run(0);
  };
}

/**
 * The answer as res.json would send it; compressed as the compression middleware would, but only when
 * it is large enough that it would: an empty poll's answer skips compression's wrapping entirely.
 */
function sendJson(req: Request, res: Response, value: unknown, compress: RequestHandler): void {
  const text = JSON.stringify(value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  const length = Buffer.byteLength(text);
  if (length < COMPRESSION_THRESHOLD_BYTES) {
    res.setHeader('Content-Length', length);
    res.end(text);
    return;
  }
  void compress(req, res, () => res.send(text));
}

function abortOnDisconnect(res: Response): AbortSignal {
  const controller = new AbortController();
  // Asked for after the client already left: the 'close' below has passed.
  if (res.destroyed && !res.writableFinished) {
    controller.abort();
    return controller.signal;
  }
  // 'close' also follows a normal answer; only a response closed before it finished means the client left.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** The JSON body parser of a route; a route with its own limit also says in Chinese what is too large. */
function jsonBody(bodyLimit: RouteOptions['bodyLimit'], inputFromQuery: boolean): RequestHandler {
  const limitBytes = bodyLimit?.limitBytes ?? BODY_LIMIT_BYTES;
  const parse = express.json({ limit: limitBytes });
  const tooLarge = () =>
    bodyLimit === undefined
      ? new AppFailure('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE_MESSAGE)
      : new AppFailure('PAYLOAD_TOO_LARGE', bodyLimit.message, bodyLimit.fields);
  return (req, res, next) => {
    // Refused from Content-Length before reading; the error handler lets the body arrive before it answers.
    if (Number(req.headers['content-length']) > limitBytes) {
      next(tooLarge());
      return;
    }
    // A GET or DELETE takes its input from the query (rawInput): a body it sends is never read.
    if (inputFromQuery) {
      next();
      return;
    }
    parse(req, res, (error?: unknown) => {
      next((error as { type?: unknown } | undefined)?.type === 'entity.too.large' ? tooLarge() : error);
    });
  };
}

/**
 * Read-only routes take their input from the query string; the others from the JSON body, which
 * Express 5 leaves undefined when there is none (treated as an empty object). The path's `:name`
 * segments are part of the input and win over a body field of the same name.
 */
function rawInput(spec: HttpRoute, req: Request): unknown {
  const raw: unknown =
    spec.method === 'GET' || spec.method === 'DELETE' ? { ...req.query } : (req.body ?? {});
  const params: Record<string, unknown> = { ...req.params };
  if (Object.keys(params).length === 0) return raw;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...raw, ...params } : raw;
}

async function authenticate(req: Request, context: ServerContext): Promise<ResolvedSession> {
  const token = bearerToken(req);
  const session =
    token === null
      ? null
      : await resolveSession(context.db, token, context.config.sessionIdleMinutes, context.now());
  if (session === null) throw new AppFailure('UNAUTHENTICATED');
  return session;
}
