import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy between a client and the real server that places a kill at a moment of the push
 * that a timer could only hit by luck: while the push request is in flight (the server has not seen
 * it; the request is lost with the client), or after the server applied it but before its answer
 * reached the client (the answer is lost). It can also hold the client's pulls, so a decision made
 * meanwhile stays queued in the outbox, not yet pushed. Everything else passes through unchanged.
 */

const PUSH_PATH = '/api/sync/operations';
const PULL_PATH = '/api/sync/applications';

export type GateMode =
  /** Pass everything. */
  | 'open'
  /** Hold every pull until the client is gone (its sync stays busy, so decisions wait in the outbox). */
  | 'holdPulls'
  /** Kill at the next push's arrival and drop the request: the server never sees it. */
  | 'killInFlight'
  /** Forward the next push, wait for the server's whole answer, kill, and drop the answer. */
  | 'killAfterApply';

export interface PushGate {
  url: string;
  /** Sets the mode for the next client; `kill` ends that client. A kill mode fires once, then opens. */
  arm(mode: GateMode, kill: () => void): void;
  /** Whether the armed kill fired since the last arm. */
  readonly fired: boolean;
  close(): Promise<void>;
}

export async function startPushGate(targetUrl: string): Promise<PushGate> {
  const target = new URL(targetUrl);
  let mode: GateMode = 'open';
  let kill: () => void = () => undefined;
  let fired = false;

  const fire = () => {
    mode = 'open';
    fired = true;
    kill();
  };

  const forward = (
    req: http.IncomingMessage,
    body: Buffer,
    answer: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void,
  ) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => answer(response.statusCode ?? 502, response.headers, Buffer.concat(chunks)));
      },
    );
    request.on('error', () => req.socket.destroy());
    request.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '').split('?')[0];
      if (path === PULL_PATH && mode === 'holdPulls') return; // answered never; gone with the client
      if (path === PUSH_PATH && req.method === 'POST' && mode === 'killInFlight') {
        fire();
        req.socket.destroy();
        return;
      }
      const afterApply = path === PUSH_PATH && req.method === 'POST' && mode === 'killAfterApply';
      forward(req, body, (status, headers, answer) => {
        if (afterApply) {
          fire();
          req.socket.destroy();
          return;
        }
        res.writeHead(status, headers);
        res.end(answer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arm(next, nextKill) {
      mode = next;
      kill = nextKill;
      fired = false;
    },
    get fired() {
      return fired;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
