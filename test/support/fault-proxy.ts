import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the real server that can fail chosen requests: answer them with a
 * status and body of its own, or drop the connection (the client sees the server as unreachable).
 * Everything else passes through unchanged, so the client under test talks to the real server.
 */

export type Fault = { status: number; body: unknown } | 'drop';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The request body parsed as JSON, or null. */
  body: unknown;
}

export interface FaultProxy {
  url: string;
  /** Decides per request; null lets it through. Replaces the previous rule. */
  setRule(rule: ((request: ProxiedRequest) => Fault | null) | null): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let rule: ((request: ProxiedRequest) => Fault | null) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = null;
      try {
        body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : null;
      } catch {
        body = null;
      }
      const fault = rule?.({ method: req.method ?? 'GET', path: req.url ?? '/', body }) ?? null;
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault !== null) {
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fault.body));
        return;
      }
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRule(next) {
      rule = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
