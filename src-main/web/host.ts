import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Result } from '../../src-shared/contracts';
import { APP_EVENTS_PATH, appError } from '../../src-shared/contracts';
import type { AppEventHub } from '../core/app-api/app-event-hub';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import {
  FOREIGN_ORIGIN_MESSAGE,
  NOT_SIGNED_IN_MESSAGE,
  NOTICES,
  UNKNOWN_API_MESSAGE,
  noticePage,
} from './notice-page';
import { createWebAccess, type WebAccessOptions } from './web-access';

/** The query parameter of the one-time sign-in address. */
export const LOGIN_TOKEN_PARAM = 'token';

/** An app call through the core's gate (the core thread's, or dispatchAppCall over a core in tests). */
export type AppCall = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface WebHostOptions {
  call: AppCall;
  /** The core's events, streamed to every signed-in page that asks (GET /app-api/events). */
  events?: Pick<AppEventHub, 'subscribe'>;
  /** The renderer build (vite's outDir). */
  rendererDir: string;
  port?: number;
  /** The sign-in tokens' clock and lifetime (tests). */
  access?: WebAccessOptions;
}

export interface WebHost {
  /** The host's own address; a browser needs a sign-in address first (newLoginUrl). */
  url: string;
  port: number;
  /** The name of the session cookie (it names the port: cookies are shared by all ports of a host). */
  cookieName: string;
  /** A new one-time address that signs a browser in: single use, expires (LOGIN_TOKEN_TTL_MS). */
  newLoginUrl(): string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the app API to a browser on loopback. The same core that Electron drives
 * through IPC answers here over HTTP, to a browser that opened a one-time address printed in the
 * terminal (traded for an HttpOnly, SameSite=Strict cookie), from the host's own pages (Origin and
 * Sec-Fetch-Site), at its own address (Host, against DNS rebinding), with the same input validation.
 * The page carries no secret: any local process or user can fetch it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const access = createWebAccess(options.access);
  const indexHtml = await readFile(path.join(options.rendererDir, 'index.html'), 'utf8');
  let allowedHosts: Set<string> = new Set();
  let cookieName = '';

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.status(421).json({ ok: false, error: appError('FORBIDDEN', '不允许的访问地址') });
      return;
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  // The sign-in address: trade the token for a cookie, then drop the token from the address bar.
  app.get('/', (req, res, next) => {
    const token = req.query[LOGIN_TOKEN_PARAM];
    if (token === undefined) return next();
    res.setHeader('Cache-Control', 'no-store');
    if (!access.isSession(cookieOf(req, cookieName))) {
      const session = typeof token === 'string' ? access.redeem(token) : null;
      if (session === null) {
        res.status(401).type('html').send(noticePage(NOTICES.tokenSpent));
        return;
      }
      res.cookie(cookieName, session, { httpOnly: true, sameSite: 'strict', path: '/' });
    }
    res.redirect(303, '/');
  });

  app.use((req, res, next) => {
    if (access.isSession(cookieOf(req, cookieName))) return next();
    res.setHeader('Cache-Control', 'no-store');
    if (isApiPath(req.path)) {
      res.status(401).json({ ok: false, error: appError('FORBIDDEN', NOT_SIGNED_IN_MESSAGE) });
    } else {
      res.status(401).type('html').send(noticePage(NOTICES.notSignedIn));
    }
  });

  app.use('/app-api', (req, res, next) => {
    if (fromOwnPage(req)) return next();
    res.status(403).json({ ok: false, error: appError('FORBIDDEN', FOREIGN_ORIGIN_MESSAGE) });
  });

  // Large enough for a 10 MB licence scan in base64; the contract bounds each field.
  app.post('/app-api/:method', express.json({ limit: '16mb' }), async (req: Request, res: Response) => {
    const body: unknown = req.body;
    const input = isRecord(body) && 'input' in body ? body.input : undefined;
    res.json(await options.call(String(req.params.method), input));
  });

  // Server-sent events over a plain GET, read by the page with fetch.
  app.get(`/${APP_EVENTS_PATH}`, (req: Request, res: Response) => {
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

  // The renderer has no client-side routes: the app is '/', everything else is a file of its build.
  app.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(indexHtml);
  });
  app.use(express.static(options.rendererDir, { index: false }));
  app.use((req, res) => {
    if (isApiPath(req.path)) {
      res.status(404).json({ ok: false, error: appError('NOT_FOUND', UNKNOWN_API_MESSAGE) });
    } else {
      res.status(404).type('html').send(noticePage(NOTICES.notFound));
    }
  });
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
  cookieName = `zhicheng_web_${port}`;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    cookieName,
    newLoginUrl: () => `${url}/?${LOGIN_TOKEN_PARAM}=${access.issueToken()}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function isApiPath(urlPath: string): boolean {
  return urlPath === '/app-api' || urlPath.startsWith('/app-api/');
}

/**
 * A call from a page of this host. Browsers send Origin with every POST and Sec-Fetch-Site with every
 * request to a loopback address; a same-origin GET may come without Origin. The cookie already keeps
 * out clients without it; this keeps out other sites' pages in a browser that holds it.
 */
function fromOwnPage(req: Request): boolean {
  const ownOrigin = `http://${req.headers.host ?? ''}`;
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  if (req.method === 'GET' || req.method === 'HEAD') return origin === undefined || origin === ownOrigin;
  return origin === ownOrigin;
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
