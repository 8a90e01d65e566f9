import compression from 'compression';
import { constants as zlibConstants } from 'node:zlib';
import express from 'express';
import helmet from 'helmet';
import { appError } from '../../src-shared/contracts/errors';
import type { ServerContext } from '../context';
import { errorHandler, notFound, sendError } from './errors';
import { healthRoutes } from './health';
import { isLoopbackHostHeader } from './host-check';
import { requestLogging } from './logging';
import { routeDeclarer } from './route';
import type { DeclareRoute } from './route';

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
  app.use(helmet(SECURITY_HEADERS));
  app.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
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
  app.use(compression({ level: zlibConstants.Z_BEST_SPEED }));
  // Each route parses its own JSON body (route.ts), after its rate limit and authentication, and with
  // its own size limit; a path no route serves is answered 404 without reading the body.

  const router = express.Router();
  const route = routeDeclarer(router, context);
  for (const register of routeModules) register(route, context);
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
