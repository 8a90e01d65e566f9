import http from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';
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
/** Routes whose answer is NDJSON (the contract marks them `stream`). */
export type StreamRouteName = {
  [N in HttpRouteName]: (typeof HTTP_ROUTES)[N] extends { stream: true } ? N : never;
}[HttpRouteName];

/**
 * The lines of a streamed answer, read as they arrive. Iterating parses one line at a time; the
 * connection is paused while `readAhead` lines wait unread, so a slow consumer holds a few pages, not
 * the whole answer. An answer cut off before its end fails the iteration with SERVER_UNREACHABLE after
 * the complete lines before the cut. Leaving the loop early (break, return) closes the connection.
 */
export type StreamedAnswer<T> = AsyncIterableIterator<T>;

export interface StreamOptions {
  /** Complete lines read from the connection before the consumer asks for them; 3 by default. */
  readAhead?: number;
}

/** Told the outcome of every request: whether it reached the server (any answer) or not. */
export type ReachabilityListener = (reachable: boolean) => void;

export class ServerClient {
  private readonly reachabilityListeners = new Set<ReachabilityListener>();
  private readonly http: AxiosInstance;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly timeoutMs: number;
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
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.agents = { http: new http.Agent(KEEP_ALIVE), https: new https.Agent(KEEP_ALIVE) };
    this.http = axios.create({
      baseURL: baseUrl,
      timeout: this.timeoutMs,
      // Status handling is ours: a 4xx carries a contract error body to pass on.
      validateStatus: () => true,
      headers: { 'content-type': 'application/json' },
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
    });
  }

  /**
   * Hears whether each request reached the server, whoever made it: a scan opened, a screen's list, a
   * sync. The sync engine goes offline on the first request that could not, not at its next run.
   */
  onReachability(listener: ReachabilityListener): () => void {
    this.reachabilityListeners.add(listener);
    return () => void this.reachabilityListeners.delete(listener);
  }

  private reached(reachable: boolean): void {
    for (const listener of [...this.reachabilityListeners]) {
      try {
        listener(reachable);
      } catch (error) {
        // A listener's bug must not turn into this request's failure.
        console.error('[core] reachability listener failed', error);
      }
    }
  }

  /**
   * A streamed call (NDJSON): resolves once the server has answered with its status, so an error answer
   * (expired session, bad request, busy) fails here exactly as `call` would, and a success yields its
   * lines, each checked against the route's line schema. A busy server is asked again as in `call`.
   */
  async stream<N extends StreamRouteName>(
    name: N,
    body: HttpRequest<N>,
    token: string | null | undefined,
    options: StreamOptions = {},
  ): Promise<StreamedAnswer<HttpResponse<N>>> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.streamOnce(name, body, token, options);
      } catch (error) {
        const busy = error instanceof AppFailure && error.error.code === 'SERVER_BUSY';
        if (!busy || retry >= this.busyRetries) throw error;
        await this.sleep(busyRetryDelayMs(error.error.retryAfterSeconds ?? 1, this.random()));
      }
    }
  }

  private async streamOnce<N extends StreamRouteName>(
    name: N,
    body: HttpRequest<N>,
    token: string | null | undefined,
    options: StreamOptions,
  ): Promise<StreamedAnswer<HttpResponse<N>>> {
    const route: HttpRoute = HTTP_ROUTES[name];
    if (route.auth && !token) throw new AppFailure('UNAUTHENTICATED');
    const { url: path, rest } = fillPath(route.path, (body ?? {}) as Record<string, unknown>);
    // Appended, as axios appends `call`'s path: new URL('/api/…', base) would drop a path in the server's
    // address (a central server published at https://host/zhicheng).
    const url = new URL(this.baseUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    let response: http.IncomingMessage;
    try {
      response = await this.openStream(url, token);
    } catch (error) {
      this.reached(false);
      throw error;
    }
    this.reached(true);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await failureOf(decoded(response));
    return readLines(
      response,
      (line) => {
        const parsed = route.response.safeParse(line);
        if (!parsed.success) {
          throw new AppFailure('SERVER_ERROR', '服务器返回的数据格式不正确,请确认服务器版本');
        }
        return parsed.data as HttpResponse<N>;
      },
      options.readAhead ?? 3,
    );
  }

  /** Sends the GET and resolves with the answer's head; the body is decompressed if the server gzipped it. */
  private openStream(url: URL, token: string | null | undefined): Promise<http.IncomingMessage> {
    const secure = url.protocol === 'https:';
    // On loopback compressing costs the server more CPU than the bytes it saves; elsewhere it pays.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: 'GET',
          agent: secure ? this.agents.https : this.agents.http,
          headers: {
            accept: 'application/x-ndjson, application/json',
            'accept-encoding': loopback ? 'identity' : 'gzip',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        resolve,
      );
      // Also while the body arrives: a server silent for that long has cut the answer.
      request.setTimeout(this.timeoutMs, () => request.destroy(new Error('timeout')));
      request.on('error', () => reject(new AppFailure('SERVER_UNREACHABLE')));
      request.end();
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
        params: readOnly ? queryOf(rest) : undefined,
        data: readOnly ? undefined : rest,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      this.reached(false);
      throw new AppFailure('SERVER_UNREACHABLE');
    }
    this.reached(true);
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

/** The values of a query string, their text made well-formed (see `wellFormed`). */
function queryOf(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, wellFormedValue(value)]));
}

function wellFormedValue(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  return Array.isArray(value) ? value.map(wellFormedValue) : value;
}

/**
 * The text with each lone surrogate replaced by U+FFFD, as any UTF-8 encoder does: encodeURIComponent
 * throws on them, and an id or a search the contract accepts must become a request (the server answers
 * 404, or finds nothing).
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The error a non-2xx streamed answer carries, read from its JSON body as `call` does. */
async function failureOf(response: NodeJS.ReadableStream): Promise<AppFailure> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response) chunks.push(Buffer.from(chunk as Buffer));
  } catch {
    return new AppFailure('SERVER_UNREACHABLE');
  }
  let body: unknown = null;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return new AppFailure('SERVER_ERROR');
  }
  const errorBody = httpErrorBodySchema.safeParse(body);
  if (!errorBody.success) return new AppFailure('SERVER_ERROR');
  const { code, message, fields, ...extras } = errorBody.data.error;
  return new AppFailure(code, message, fields, extras);
}

/** The answer's body, gunzipped when the server compressed it. */
function decoded(response: http.IncomingMessage): NodeJS.ReadableStream {
  if (response.headers['content-encoding'] !== 'gzip') return response;
  const gunzip = createGunzip();
  response.on('error', (error) => gunzip.destroy(error));
  response.on('aborted', () => gunzip.destroy(new Error('aborted')));
  // A connection closed before the end of the body: the gunzip stream must fail, not just stop.
  response.on('close', () => {
    if (!response.complete) gunzip.destroy(new Error('cut'));
  });
  return response.pipe(gunzip);
}

const NEWLINE = 0x0a;

/**
 * Splits the body into lines as it arrives and hands them out parsed, one per `next()`. The body is
 * paused while `readAhead` complete lines wait. Parsing happens on demand, not on arrival, so reading
 * ahead costs the event loop nothing until the consumer is ready for the line.
 */
function readLines<T>(
  response: http.IncomingMessage,
  parse: (value: unknown) => T,
  readAhead: number,
): StreamedAnswer<T> {
  const body = decoded(response);
  const lines: Buffer[] = [];
  let partial: Buffer[] = [];
  let ended = false;
  let failure: AppFailure | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  body.on('data', (chunk: Buffer) => {
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, from)) {
      partial.push(chunk.subarray(from, at));
      lines.push(partial.length === 1 ? (partial[0] as Buffer) : Buffer.concat(partial));
      partial = [];
      from = at + 1;
    }
    if (from < chunk.length) partial.push(chunk.subarray(from));
    if (lines.length >= readAhead) body.pause();
    notify();
  });
  body.on('end', () => {
    // A last line without its newline: the server stopped in the middle of it.
    if (partial.some((part) => part.length > 0)) failure ??= new AppFailure('SERVER_UNREACHABLE');
    ended = true;
    notify();
  });
  const cut = () => {
    if (!ended) failure ??= new AppFailure('SERVER_UNREACHABLE');
    ended = true;
    notify();
  };
  body.on('error', cut);
  response.on('aborted', cut);
  // 'close' without 'end' before it: the connection went away in the middle of the body.
  body.on('close', cut);
  const close = () => {
    ended = true;
    lines.length = 0;
    response.destroy();
  };

  const iterator: StreamedAnswer<T> = {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        const line = lines.shift();
        if (line !== undefined) {
          if (lines.length < readAhead && !ended) body.resume();
          if (line.length === 0) continue;
          let value: unknown;
          try {
            value = JSON.parse(line.toString('utf8')) as unknown;
          } catch {
            close();
            throw new AppFailure('SERVER_ERROR', '服务器返回的数据格式不正确,请确认服务器版本');
          }
          try {
            return { done: false, value: parse(value) };
          } catch (error) {
            close();
            throw error;
          }
        }
        if (failure !== null) throw failure;
        if (ended) return { done: true, value: undefined };
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    return(): Promise<IteratorResult<T>> {
      close();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
