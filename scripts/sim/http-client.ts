/**
 * The simulation's HTTP calls, all to 127.0.0.1, each bounded by a timeout, counted by kind and status so
 * the report can say what went wrong where. A connection refused (the killed instance) is an error of
 * kind `network`, not a thrown exception: the caller decides whether to send again elsewhere.
 */

const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpAnswer {
  /** 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  body: unknown;
  /** For status 0: what happened instead of an answer. */
  failure?: string;
}

export class HttpStats {
  requests = 0;
  /** `kind status` → count, e.g. `pull 200`, `push 0`. */
  readonly byKindAndStatus = new Map<string, number>();
  /** Milliseconds of every answered pull. */
  readonly pullMillis: number[] = [];

  record(kind: string, status: number, millis: number): void {
    this.requests += 1;
    const key = `${kind} ${status}`;
    this.byKindAndStatus.set(key, (this.byKindAndStatus.get(key) ?? 0) + 1);
    if (kind === 'pull' && status === 200) this.pullMillis.push(millis);
  }

  /** Answers that were not 200, by kind and status. */
  errors(): Array<[string, number]> {
    return [...this.byKindAndStatus].filter(([key]) => !key.endsWith(' 200')).sort();
  }

  serverErrors(): number {
    return [...this.byKindAndStatus].filter(([key]) => / 5\d\d$/.test(key)).reduce((n, [, c]) => n + c, 0);
  }
}

export async function callJson(
  stats: HttpStats,
  kind: string,
  baseUrl: string,
  method: 'GET' | 'POST',
  pathname: string,
  options: { token?: string; body?: unknown } = {},
): Promise<HttpAnswer> {
  const url = new URL(pathname, baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`The simulation talks to 127.0.0.1 only, not ${url.host}`);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    stats.record(kind, res.status, performance.now() - started);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the error message.
    }
    return { status: res.status, body };
  } catch (error) {
    stats.record(kind, 0, performance.now() - started);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return {
      status: 0,
      body: null,
      failure: `${error instanceof Error ? error.message : String(error)} ${cause}`,
    };
  }
}

/** The body of a 200 answer, or an error naming the call and what came back instead. */
export function okBody(answer: HttpAnswer, what: string): unknown {
  if (answer.status === 200) return answer.body;
  const detail = answer.status === 0 ? answer.failure : JSON.stringify(answer.body).slice(0, 300);
  throw new Error(`${what}: ${answer.status} ${detail}`);
}
