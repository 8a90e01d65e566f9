import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { appError } from '../src-shared/contracts/errors';
import type { HttpErrorBody } from '../src-shared/contracts/http';
import { createServer } from './app';
import type { PlatformServer } from './app';
import { DEFAULT_HTTP_TIMEOUTS } from './config';
import type { ServerConfig } from './config';
import { isLoopbackAddress } from './http/host-check';

/**
 * The message `npm run server` logs once it listens. Scripts that start the server as a child (the bench,
 * the simulation) wait for a log line with this message and their URL: the proof that the process
 * answering on the port is the one they started.
 */
export const LISTENING_MESSAGE = 'platform server listening';

/** Whether a chunk of the server's stdout holds its "listening" line, for the given URL if one is named. */
export function announcesListening(chunk: string, url?: string): boolean {
  return chunk.includes(LISTENING_MESSAGE) && (url === undefined || chunk.includes(`"url":"${url}"`));
}

export interface ListenOptions {
  /** Loopback by default: the embedded server must not be reachable from the network. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** The app and database behind the listener, for tests and admin tools in the same process. */
  platform: PlatformServer;
  /**
   * Stops accepting connections, lets the requests in flight finish (cut off after the shutdown
   * timeout), then closes the database. /readyz answers 503 from the first moment.
   */
  close(): Promise<void>;
}

/** Node's limit on the request head; a larger one is answered 431 by clientError below. */
const MAX_HEADER_BYTES = 16 * 1024;

/** How long an idle keep-alive connection stays open (see below). */
const KEEP_ALIVE_MS = 65_000;

export async function startServer(config: ServerConfig, options: ListenOptions = {}): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0 } = options;
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...config.httpTimeouts };
  const platform = await createServer(config);
  platform.lifecycle.loopbackOnly = isLoopbackAddress(host);
  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: Math.min(timeouts.headersSeconds, timeouts.requestSeconds) * 1000,
      requestTimeout: timeouts.requestSeconds * 1000,
      // Node looks for timed-out requests this often (30 s by default, which would add up to 30 s).
      connectionsCheckingInterval: 1000,
      // Longer than a load balancer's idle timeout (60 s is common) and than any client's reuse window:
      // with Node's 5 s a client could send a request, even a 14 MB upload, on a connection the server
      // was closing, and get ECONNRESET instead of an answer.
      keepAliveTimeout: KEEP_ALIVE_MS,
    },
    platform.app,
  );
  server.on('clientError', answerClientError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await platform.close();
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    platform,
    close() {
      closing ??= (async () => {
        platform.lifecycle.draining = true;
        await drain(server, timeouts.shutdownSeconds);
        await platform.close();
      })();
      return closing;
    },
  };
}

/**
 * Refuses new connections at once and waits for the requests in flight. Idle keep-alive connections are
 * closed now, busy ones as soon as their answer is sent (Node does that once the server is closing);
 * whatever still runs after `seconds` is cut off so that a hung client cannot hold the shutdown.
 */
async function drain(server: http.Server, seconds: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), seconds * 1000);
    // A connection busy when close() is called turns idle once its answer is out, and Node leaves an
    // idle keep-alive connection open until its timeout (65 s): look again until every one is gone.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(idleSweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Node's own answers to a request it could not hand to the app (head over 16 KB, a request that did
 * not arrive in time, a malformed head) have an empty body; ours carry the usual JSON error in Chinese.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket) {
  // An answer the app has begun cannot be replaced; the client sees the connection end.
  const pending = (socket as Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (!socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', '请求头过大,请清理浏览器 Cookie 后重试']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', '请求发送超时,请检查网络后重试']
        : [400, 'Bad Request', '请求格式不正确'];
  const body = JSON.stringify({ error: appError('BAD_REQUEST', message) } satisfies HttpErrorBody);
  socket.end(
    [
      `HTTP/1.1 ${status} ${reason}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options: nosniff',
      'X-Frame-Options: SAMEORIGIN',
      'Referrer-Policy: no-referrer',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
