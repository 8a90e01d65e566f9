import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import {
  AppFailure,
  HTTP_ROUTES,
  httpErrorBodySchema,
  type HttpRequest,
  type HttpRoute,
  type HttpResponse,
  type HttpRouteName,
} from '../../../src-shared/contracts';

/**
 * Connections are reused, but an idle one is dropped after 4 s, before Node's server drops it (5 s by
 * default): reusing a connection at the moment the server closes it fails with ECONNRESET, which the
 * sync would report as "offline". During a request the request's own timeout applies instead.
 */
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 };

export interface ServerClientOptions {
  timeoutMs?: number;
  /**
   * How often a call refused with SERVER_BUSY is sent again. The server refuses so before doing
   * anything, so sending again is safe for every call.
   */
  busyRetries?: number;
  /** Waits between those tries; tests pass one that does not depend on time. */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for the jitter. */
  random?: () => number;
}

const DEFAULT_BUSY_RETRIES = 5;

/**
 * How long to wait after SERVER_BUSY: never less than the server's Retry-After, plus up to as much
 * again at random, so that clients refused together do not all come back in the same instant.
 */
export function busyRetryDelayMs(retryAfterSeconds: number, random: number): number {
  const base = Math.max(1, retryAfterSeconds) * 1000;
  return Math.round(base * (1 + random));
}

/**
 * The core's only way to the platform server. Requests and answers are checked against the HTTP
 * contract, and every failure becomes an AppFailure with a Chinese message the user can act on:
 * the server's own error when it sent one, otherwise "unreachable" or "server error".
 */
export class ServerClient {
  private readonly http: AxiosInstance;
  private readonly busyRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    readonly baseUrl: string,
    options: ServerClientOptions = {},
  ) {
    this.busyRetries = options.busyRetries ?? DEFAULT_BUSY_RETRIES;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.http = axios.create({
      baseURL: baseUrl,
      timeout: options.timeoutMs ?? 15_000,
      // Status handling is ours: a 4xx carries a contract error body to pass on.
      validateStatus: () => true,
      headers: { 'content-type': 'application/json' },
      httpAgent: new http.Agent(KEEP_ALIVE),
      httpsAgent: new https.Agent(KEEP_ALIVE),
    });
  }

  /** One call; a busy server (a login storm) is asked again after its Retry-After, with jitter. */
  async call<N extends HttpRouteName>(
    name: N,
    body: HttpRequest<N>,
    token?: string | null,
  ): Promise<HttpResponse<N>> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.callOnce(name, body, token);
      } catch (error) {
        const busy = error instanceof AppFailure && error.error.code === 'SERVER_BUSY';
        if (!busy || retry >= this.busyRetries) throw error;
        await this.sleep(busyRetryDelayMs(error.error.retryAfterSeconds ?? 1, this.random()));
      }
    }
  }

  private async callOnce<N extends HttpRouteName>(
    name: N,
    body: HttpRequest<N>,
    token?: string | null,
  ): Promise<HttpResponse<N>> {
    const route: HttpRoute = HTTP_ROUTES[name];
    if (route.auth && !token) throw new AppFailure('UNAUTHENTICATED');
    const { url, rest } = fillPath(route.path, (body ?? {}) as Record<string, unknown>);
    const readOnly = route.method === 'GET' || route.method === 'DELETE';
    let response;
    try {
      response = await this.http.request({
        method: route.method,
        url,
        params: readOnly ? rest : undefined,
        data: readOnly ? undefined : rest,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new AppFailure('SERVER_UNREACHABLE');
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = route.response.safeParse(response.data);
      if (!parsed.success)
        throw new AppFailure('SERVER_ERROR', '服务器返回的数据格式不正确,请确认服务器版本');
      return parsed.data as HttpResponse<N>;
    }
    const errorBody = httpErrorBodySchema.safeParse(response.data);
    if (errorBody.success) {
      const { code, message, fields, ...extras } = errorBody.data.error;
      throw new AppFailure(code, message, fields, extras);
    }
    throw new AppFailure('SERVER_ERROR');
  }
}

/** Puts the request's values into the path's `:name` segments; the other values travel as usual. */
function fillPath(
  path: string,
  body: Record<string, unknown>,
): { url: string; rest: Record<string, unknown> } {
  const rest = { ...body };
  const url = path.replace(/:(\w+)/g, (_segment, key: string) => {
    const value = rest[key];
    delete rest[key];
    return encodeURIComponent(wellFormed(String(value ?? '')));
  });
  return { url, rest };
}

/**
 * The text with each lone surrogate replaced by U+FFFD, as any UTF-8 encoder does: encodeURIComponent
 * throws on them, and an id the contract accepts must become a request (the server answers 404).
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
