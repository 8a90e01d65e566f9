import { HTTP_ROUTES, type HttpRoute, type HttpRouteName } from '../../src-shared/contracts/http';
import { errorProblems } from './fuzz-checks';
import { percentEncodeWellFormed } from './fuzz-values';
import type { RawRequest, RawResponse } from './raw-http';

/** Turning fuzz inputs into HTTP requests of the contract's routes, and judging the answers. */

export const ROUTE_NAMES = Object.keys(HTTP_ROUTES) as HttpRouteName[];
export const ROUTES_WITH_PARAMS = ROUTE_NAMES.filter((name) => HTTP_ROUTES[name].path.includes(':'));
export const POST_ROUTES = ROUTE_NAMES.filter((name) => HTTP_ROUTES[name].method === 'POST');
export const AUTH_ROUTES = ROUTE_NAMES.filter((name) => HTTP_ROUTES[name].auth);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How a value travels in a query string or a path segment: cut to 300 characters (at most 2.7 KB
 * encoded), longer than any id or query field may be, so that a request line stays far below Node's
 * 16 KB header limit and the request reaches the route (the limit itself has a test of its own).
 */
function asText(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return text.slice(0, 300);
}

/**
 * The request a client would send for this input, the way the core's client does it: `:name` segments
 * from the input's fields, the rest as the query (GET) or as the JSON body. Path segments may be given
 * raw (already encoded, possibly hostile) to replace the input's.
 */
export function contractRequest(
  route: HttpRoute,
  input: unknown,
  authorization: string | undefined,
  rawSegments: Record<string, string> = {},
): RawRequest {
  const rest: Record<string, unknown> = isRecord(input) ? { ...input } : {};
  const path = route.path.replace(/:(\w+)/g, (_segment, key: string) => {
    const value = rest[key];
    delete rest[key];
    return rawSegments[key] ?? percentEncodeWellFormed(asText(value));
  });
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  if (route.method === 'GET' || route.method === 'DELETE') {
    const query = isRecord(input)
      ? Object.entries(rest).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).map(
            (item) => `${percentEncodeWellFormed(key)}=${percentEncodeWellFormed(asText(item))}`,
          ),
        )
      : input === undefined
        ? []
        : [percentEncodeWellFormed(asText(input))];
    return { method: route.method, path: query.length === 0 ? path : `${path}?${query.join('&')}`, headers };
  }
  const body = JSON.stringify(isRecord(input) ? rest : input);
  return {
    method: route.method,
    path,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  };
}

/**
 * What is wrong with an answer to a fuzz request: any 5xx (or other non-2xx, non-4xx) status, a 4xx
 * that is not the contract's JSON error with a Chinese message, or anything like a stack trace.
 */
export function answerProblems(res: RawResponse): string[] {
  if (res.status >= 200 && res.status < 300) return [];
  const head = `status ${res.status}`;
  if (res.status < 400 || res.status >= 500) return [`${head}: ${res.text.slice(0, 300)}`];
  if (!/^application\/json/.test(res.headers['content-type'] ?? ''))
    return [`${head} without a JSON body (${res.headers['content-type']}): ${res.text.slice(0, 300)}`];
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [`${head}: the body is not JSON: ${res.text.slice(0, 300)}`];
  }
  return errorProblems(isRecord(body) ? body.error : body).map((problem) => `${head}: ${problem}`);
}

/** A short account of a request for a failure message (bodies may be 100 000 characters). */
export function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? '' : ` body ${String(request.body).slice(0, 300)}`;
  return `${request.method} ${request.path.slice(0, 300)} ${JSON.stringify(request.headers ?? {}).slice(0, 300)}${body}`;
}
