import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { SECRET_PLACEHOLDER, startWebHost, type WebHost } from '../../src-main/web/host';
import { closedPort } from '../support/closed-port';

/** The web host's gate: the per-run secret, the Host check, and the headers it serves the app with. */
let rendererDir: string;
let host: WebHost;
let secret: string;
let core: AppCore;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-web-'));
  await writeFile(
    path.join(rendererDir, 'index.html'),
    `<html><head><meta name="app-api-secret" content="${SECRET_PLACEHOLDER}"></head><body></body></html>`,
  );
  core = createAppCore({
    serverUrl: `http://127.0.0.1:${await closedPort()}`,
    dataDir: path.join(rendererDir, 'data'),
    mode: 'remote',
  });
  host = await startWebHost({ handlers: core.handlers, events: core.events, rendererDir });
  const html = await (await fetch(host.url)).text();
  secret = /content="([^"]+)"/.exec(html)?.[1] ?? '';
});

afterAll(async () => {
  await host.close();
  await rm(rendererDir, { recursive: true, force: true });
});

const callApi = (method: string, headers: Record<string, string>, body: unknown = { input: undefined }) =>
  fetch(`${host.url}/app-api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('web host', () => {
  it("streams the core's events, the latest status first, only to a page with the secret", async () => {
    const status = {
      phase: 'offline' as const,
      progress: null,
      error: null,
      lastSyncedAt: '2026-11-27T01:00:00.000Z',
      cachedCount: 3,
    };
    core.events.emit({ name: 'syncStatus', payload: status });
    const refused = await fetch(`${host.url}/app-api/events`);
    expect(refused.status).toBe(403);

    const controller = new AbortController();
    const res = await fetch(`${host.url}/app-api/events`, {
      headers: { 'x-app-secret': secret },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const read = async () => new TextDecoder().decode((await reader.read()).value);
    expect(await read()).toBe(`data: ${JSON.stringify({ name: 'syncStatus', payload: status })}\n\n`);
    const next = { ...status, phase: 'idle' as const };
    core.events.emit({ name: 'syncStatus', payload: next });
    expect(await read()).toBe(`data: ${JSON.stringify({ name: 'syncStatus', payload: next })}\n\n`);
    controller.abort();
  });

  it('injects a fresh secret and serves the page with a strict CSP', async () => {
    expect(secret).toMatch(/^[\w-]{40,}$/);
    const response = await fetch(host.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers app API calls that carry the secret', async () => {
    const response = await callApi('getConnection', { 'x-app-secret': secret });
    expect(await response.json()).toMatchObject({ ok: true, value: { reachable: false, mode: 'remote' } });
  });

  it('refuses calls without the right secret', async () => {
    expect((await callApi('getConnection', {})).status).toBe(403);
    expect((await callApi('getConnection', { 'x-app-secret': 'x'.repeat(secret.length) })).status).toBe(403);
  });

  it('validates the method and input like the IPC adapter', async () => {
    const unknown = await callApi('dropTables', { 'x-app-secret': secret });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    const bad = await callApi('login', { 'x-app-secret': secret }, { input: { identifier: 42 } });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
  });

  it('answers malformed JSON with a JSON error', async () => {
    const response = await fetch(`${host.url}/app-api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-app-secret': secret },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
