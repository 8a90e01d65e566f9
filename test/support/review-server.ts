import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';
import { closedPort } from './closed-port';

/**
 * The real platform server with demo data on a fixed loopback port, which a test can stop and start
 * again (same database, same port): the client sees the server go away and come back, as on a unit PC.
 */
export interface RestartableServer {
  readonly url: string;
  /** A folder for clients' data beside the server's, removed with it. */
  readonly clientDataDir: string;
  /** The running server's database and app; throws while it is stopped. */
  readonly platform: RunningServer['platform'];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export async function startRestartableServer(): Promise<RestartableServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-review-'));
  const config: ServerConfig = {
    database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
    filesDir: path.join(dir, 'files'),
    demo: true,
    sessionIdleMinutes: 480,
  };
  const port = await closedPort();
  let running: RunningServer | null = await startServer(config, { port });
  const url = running.url;
  return {
    url,
    clientDataDir: path.join(dir, 'client'),
    get platform() {
      if (running === null) throw new Error('the server is stopped');
      return running.platform;
    },
    async stop() {
      const stopping = running;
      running = null;
      await stopping?.close();
    },
    async start() {
      running ??= await startServer(config, { port });
    },
    async close() {
      await running?.close();
      running = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A session token for any account, straight from the server's login route. */
export async function loginToken(serverUrl: string, identifier: string, password: string): Promise<string> {
  const res = await postJson(serverUrl, '/api/auth/login', null, { identifier, password });
  if (res.status !== 200)
    throw new Error(`login of ${identifier} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

/** POSTs JSON (with a token when given) and answers status and parsed body; see requestJson. */
export function postJson(
  serverUrl: string,
  pathname: string,
  token: string | null,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  return requestJson(serverUrl, 'POST', pathname, token, body);
}

/**
 * Sends a request (with a token when given) and answers status and parsed body. On a connection of its
 * own: a pooled keep-alive connection to a server instance that a test has since stopped fails the next
 * request ("other side closed") when it is reused before its close is noticed.
 */
export function requestJson(
  serverUrl: string,
  method: 'GET' | 'POST',
  pathname: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${serverUrl}${pathname}`,
      {
        method,
        agent: false,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: text === '' ? null : (JSON.parse(text) as unknown),
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
