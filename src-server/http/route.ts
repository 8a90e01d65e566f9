import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contracts/errors';
import { HTTP_ROUTES } from '../../src-shared/contracts/http';
import type { HttpResponse, HttpRoute, HttpRouteName } from '../../src-shared/contracts/http';
import type { ServerContext } from '../context';
import { resolveSession } from '../identity/sessions';
import type { ResolvedSession } from '../identity/sessions';
import { bearerToken } from './bearer';
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

/** Registers one contract route; obtained from `routeDeclarer`. */
export type DeclareRoute = <N extends HttpRouteName>(name: N, handler: RouteHandler<N>) => void;

export function routeDeclarer(router: Router, context: ServerContext): DeclareRoute {
  return (name, handler) => {
    const spec: HttpRoute = HTTP_ROUTES[name];
    const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    router[method](spec.path, async (req, res) => {
      // Read-only routes take their input from the query string; the others from the JSON body, which
      // Express 5 leaves undefined when there is none (treated as an empty object).
      const raw: unknown =
        spec.method === 'GET' || spec.method === 'DELETE' ? { ...req.query } : (req.body ?? {});
      // Authentication before validation: an anonymous caller learns nothing about a route's input.
      const session = spec.auth ? await authenticate(req, context) : undefined;
      const input = parseRequest(spec.request, raw) as RouteInput<typeof name>;
      const ctx = { ...context, req, res, ...(session ? { session } : {}) } as RouteContext<typeof name>;
      const output = await handler(input, ctx);
      // Parsing the answer drops anything the contract does not list, so a handler cannot leak a column.
      res.json(spec.response.parse(output));
    });
  };
}

async function authenticate(req: Request, { db, config }: ServerContext): Promise<ResolvedSession> {
  const token = bearerToken(req);
  const session = token === null ? null : await resolveSession(db, token, config.sessionIdleMinutes);
  if (session === null) throw new AppFailure('UNAUTHENTICATED');
  return session;
}
