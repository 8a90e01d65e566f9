import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import { APP_SCHEME, resolveRendererPath } from './security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every answer of the protocol, errors included, as the web host sends them. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answers one `app://zhicheng/...` request from the renderer build: the file, or a 404 when it is
 * missing, on another host, or outside the folder. There is no fallback to index.html for unknown
 * paths: the renderer has no URL routes, and a 404 keeps probing requests visibly unanswered.
 */
export async function serveRendererRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const file = resolveRendererPath(rendererDir, requestUrl);
  if (file === null || !(await isFile(file))) return notFound();
  try {
    const body = await readFile(file);
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...securityHeaders(), 'Content-Type': contentType };
    if (contentType.startsWith('text/html')) headers['Cache-Control'] = 'no-store';
    return new Response(body, { status: 200, headers });
  } catch {
    return notFound();
  }
}

/**
 * Declares `app:` a standard, secure scheme with fetch support, so the renderer gets a real origin
 * (storage, relative URLs, CSP 'self') without `file://`. Must run before the app is ready.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer build on `app://`; after the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererRequest(rendererDir, request.url));
}
