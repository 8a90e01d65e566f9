import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../src-main/core/content-security-policy';
import {
  handleAppProtocol,
  registerAppSchemePrivileges,
  serveRendererRequest,
} from '../../src-main/electron/protocol';
import type { electronModule } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

let base: string;
let rendererDir: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'zd-protocol-'));
  rendererDir = path.join(base, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  // A file next to the renderer folder that no request may reach.
  await writeFile(path.join(base, 'secret.txt'), 'secret');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('declares app: standard and secure with fetch support', () => {
    registerAppSchemePrivileges();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer build through protocol.handle', async () => {
    handleAppProtocol(rendererDir);
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as [
      string,
      (request: { url: string }) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const response = await handler({ url: 'app://zhicheng/index.html' });
    expect(response.status).toBe(200);
  });

  it('serves files with their type and the CSP', async () => {
    const page = await serveRendererRequest(rendererDir, 'app://zhicheng/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>app</title>');

    const script = await serveRendererRequest(rendererDir, 'app://zhicheng/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers missing files with 404', async () => {
    expect((await serveRendererRequest(rendererDir, 'app://zhicheng/review/42')).status).toBe(404);
    const missing = await serveRendererRequest(rendererDir, 'app://zhicheng/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://zhicheng/..%2fsecret.txt',
    'app://zhicheng/%2e%2e%2fsecret.txt',
    'app://zhicheng/assets/..%2f..%2fsecret.txt',
    'app://zhicheng/..%5csecret.txt',
    'app://zhicheng/../../etc/passwd',
    'app://zhicheng/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://other/index.html',
  ])('answers 404 with the CSP for %s', async (url) => {
    const response = await serveRendererRequest(rendererDir, url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('secret');
  });
});
