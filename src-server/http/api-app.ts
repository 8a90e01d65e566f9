import compression from 'compression';
import { constants as zlibConstants } from 'node:zlib';
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { appError } from '../../src-shared/contracts/errors';
import type { ServerContext } from '../context';
import { errorHandler, notFound, sendError } from './errors';
import { healthRoutes } from './health';
import { isLoopbackHostHeader } from './host-check';
import { requestLogging } from './logging';
import { routeDeclarer } from './route';
import type { DeclareRoute, DirectRoutes } from './route';

/**
 * The Express app around the route modules: a request id and a JSON log line per request, security
 * headers, the Host check of a loopback server, health and readiness, JSON in and out, compression, no
 * caching of answers that may carry tokens or personal data, and JSON errors for everything that goes wrong.
 */
export function createApiApp(
  context: ServerContext,
  routeModules: ReadonlyArray<(route: DeclareRoute, context: ServerContext) => void>,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Express's `trust proxy`: off unless configured, so X-Forwarded-For from a client changes nothing.
  app.set('trust proxy', context.config.trustProxy ?? false);
  app.use(requestLogging(context.logger));
  // helmet's headers are the same on every answer: worked out once here and set in one loop, instead
  // of helmet's chain of a dozen middlewares on each request.
  const securityHeaders = helmetHeaders();
  app.use((req, res, next) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    // While draining, a keep-alive client is told to take its next request elsewhere.
    if (context.lifecycle.draining) res.set('Connection', 'close');
    if (context.lifecycle.loopbackOnly && !isLoopbackHostHeader(req.headers.host)) {
      // The web host's answer to the same attack (src-main/web/host.ts): 421 Misdirected Request.
      sendError(res, appError('FORBIDDEN', '不允许的访问地址:本机服务只接受 localhost 或 127.0.0.1'), 421);
      return;
    }
    next();
  });
  healthRoutes(app, context);
  // The fastest level: sync pages of JSON shrink about tenfold even so, and the server's CPU goes further.
  const compress = compression({ level: zlibConstants.Z_BEST_SPEED });
  const router = express.Router();
  const direct: DirectRoutes = { routes: new Map(), compress };
  const route = routeDeclarer(router, context, direct);
  // Each route parses its own JSON body (route.ts), after its rate limit and authentication, and with
  // its own size limit; a path no route serves is answered 404 without reading the body.
  for (const register of routeModules) register(route, context);
  // A route without path parameters is found by its exact method and path, without the router's walk
  // over every route before it (the sync poll is the most frequent request), and compresses its answer
  // itself when that is large; anything else (a HEAD, another spelling of the path, a path with
  // parameters) goes through compression and the router as before.
  app.use((req, res, next) => {
    const handle = direct.routes.get(`${req.method} ${req.path}`);
    if (handle === undefined) next();
    else handle(req, res, next);
  });
  app.use(compress);
  app.use(router);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/**
 * helmet's headers for a JSON API that no page should frame, embed or run: a CSP that allows nothing
 * (default-src 'none'; frame-ancestors 'none'), nosniff, no referrer, same-origin resource policy.
 */
export const SECURITY_HEADERS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
};

/** The headers helmet sets with SECURITY_HEADERS, collected by running it once against a stand-in. */
export function helmetHeaders(): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [];
  const collector = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
    },
    removeHeader() {},
  };
  let failure: unknown = null;
  helmet(SECURITY_HEADERS)(
    {} as IncomingMessage,
    collector as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error ?? null;
    },
  );
  if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
  if (headers.length === 0) throw new Error('helmet set no headers');
  return headers;
}
