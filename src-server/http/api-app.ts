import compression from 'compression';
import { constants as zlibConstants } from 'node:zlib';
import express from 'express';
import type { ServerContext } from '../context';
import { errorHandler, notFound } from './errors';
import { routeDeclarer } from './route';
import type { DeclareRoute } from './route';

/**
 * The Express app around the route modules: JSON in and out, compression, no caching of answers that
 * may carry tokens or personal data, and JSON errors for everything that goes wrong.
 */
export function createApiApp(
  context: ServerContext,
  routeModules: ReadonlyArray<(route: DeclareRoute, context: ServerContext) => void>,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // The fastest level: sync pages of JSON shrink about tenfold even so, and the server's CPU goes further.
  app.use(compression({ level: zlibConstants.Z_BEST_SPEED }));
  app.use((_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
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
