import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppApiHandlers } from '../../src-shared/contracts';
import { APP_EVENTS_PATH, appError } from '../../src-shared/contracts';
import { dispatchAppCall } from '../core/app-api/dispatch';
import type { AppEventHub } from '../core/app-api/app-event-hub';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';

/** Placeholder in index.html that the host replaces with this run's secret. */
export const SECRET_PLACEHOLDER = '__WEB_HOST_SECRET__';
export const SECRET_HEADER = 'x-app-secret';

export interface WebHostOptions {
  handlers: AppApiHandlers;
  /** The core's events, streamed to every page that asks (GET /app-api/events). */
  events?: Pick<AppEventHub, 'subscribe'>;
  /** The renderer build (vite's outDir). */
  rendererDir: string;
  port?: number;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the app API to a browser on loopback. The same core that Electron drives
 * through IPC answers here over HTTP, guarded by a per-run secret (so another local web page cannot
 * call it), a Host check (so DNS rebinding cannot reach it) and the same input validation.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = randomBytes(32).toString('base64url');
  const indexTemplate = await readFile(path.join(options.rendererDir, 'index.html'), 'utf8');
  const indexHtml = indexTemplate.replace(SECRET_PLACEHOLDER, secret);
  let allowedHosts: Set<string> = new Set();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.status(421).json({ error: appError('FORBIDDEN', '不允许的访问地址') });
      return;
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  // Large enough for a 10 MB licence scan in base64; the contract bounds each field.
  app.post('/app-api/:method', express.json({ limit: '16mb' }), async (req: Request, res: Response) => {
    if (!hasSecret(req.get(SECRET_HEADER), secret)) {
      res.status(403).json({ ok: false, error: appError('FORBIDDEN') });
      return;
    }
    const body: unknown = req.body;
    const input = isRecord(body) && 'input' in body ? body.input : undefined;
    res.json(await dispatchAppCall(options.handlers, req.params.method, input));
  });

  // Server-sent events over a plain GET the page reads with fetch (EventSource cannot send the secret).
  app.get(`/${APP_EVENTS_PATH}`, (req: Request, res: Response) => {
    if (!hasSecret(req.get(SECRET_HEADER), secret)) {
      res.status(403).json({ ok: false, error: appError('FORBIDDEN') });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    const unsubscribe = options.events?.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    // A comment line now and then keeps idle connections from being closed by anything in between.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe?.();
    });
  });

  const sendIndex = (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(indexHtml);
  };
  app.get('/', sendIndex);
  app.use(express.static(options.rendererDir, { index: false }));
  // Client-side routes fall back to the app; unknown API paths do not.
  app.get(/^\/(?!app-api\/).*/, sendIndex);
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = isRecord(error) && typeof error.status === 'number' ? error.status : 500;
    res.status(status >= 400 && status < 500 ? status : 500).json({
      ok: false,
      error: appError(status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'SERVER_ERROR'),
    });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web host has no TCP address');
  const port = address.port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function hasSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
