import { z } from 'zod';
import { appErrorSchema } from './errors';
import { loginCredentialsSchema, sessionUserSchema } from './identity';

/**
 * The HTTP API between the core and the platform server. Each route is declared once with its method,
 * path and schemas: the server validates requests with them, the core validates responses with them.
 * Later steps add routes here; the envelope (JSON bodies, `{ error }` on failure, bearer token) stays.
 */

export const httpErrorBodySchema = z.object({ error: appErrorSchema });
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;

export const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** True when the server runs with demo data; the UI marks it 演示数据. */
  demo: z.boolean(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: sessionUserSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

const empty = z.object({}).strict();

export const HTTP_ROUTES = {
  serverInfo: {
    method: 'GET',
    path: '/api/info',
    auth: false,
    request: empty,
    response: serverInfoSchema,
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    auth: false,
    request: loginCredentialsSchema,
    response: loginResponseSchema,
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    auth: true,
    request: empty,
    response: z.object({ ok: z.literal(true) }),
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    auth: true,
    request: empty,
    response: z.object({ user: sessionUserSchema }),
  },
} as const satisfies Record<string, HttpRoute>;

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  request: z.ZodType;
  response: z.ZodType;
}

export type HttpRouteName = keyof typeof HTTP_ROUTES;
export type HttpRequest<N extends HttpRouteName> = z.input<(typeof HTTP_ROUTES)[N]['request']>;
export type HttpResponse<N extends HttpRouteName> = z.infer<(typeof HTTP_ROUTES)[N]['response']>;
