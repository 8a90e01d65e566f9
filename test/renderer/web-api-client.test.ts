// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppApi, AppEventSource } from '../../src-shared/contracts';
import { detectAppApi, detectAppEvents } from '../../src-renderer/api/app-api-context';
import { createWebApiClient } from '../../src-renderer/api/web-api-client';

/** The web client's app API: the session cookie proves the browser, the page sends no secret of its own. */

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  delete window.api;
  delete window.appEvents;
});

describe('createWebApiClient', () => {
  it('POSTs each call to ./app-api/<method> with the cookie (same origin) and no secret header', async () => {
    const fetchImpl = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      answer({ ok: true, value: { reachable: true } }),
    );
    const api = createWebApiClient(fetchImpl as typeof fetch);

    const result = await api.login({ identifier: 'unitadmin', password: 'Unit@2026' });

    expect(result).toEqual({ ok: true, value: { reachable: true } });
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('./app-api/login');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect([...new Headers(init?.headers).keys()]).toEqual(['content-type']);
    expect(JSON.parse(String(init?.body))).toEqual({
      input: { identifier: 'unitadmin', password: 'Unit@2026' },
    });
  });

  it("passes the host's refusal of a browser without the cookie on as the call's error", async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '未获授权:请在浏览器中打开…' } };
    const api = createWebApiClient((async () => answer(refusal, 401)) as typeof fetch);
    expect(await api.getConnection()).toEqual(refusal);
  });

  it('says the local client is gone when the host cannot be reached', async () => {
    const api = createWebApiClient((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(await api.getConnection()).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
  });
});

describe('detectAppApi', () => {
  it("uses Electron's window.api and window.appEvents where the preload exposed them", () => {
    const api = {} as AppApi;
    const events: AppEventSource = { subscribe: () => () => {} };
    window.api = api;
    window.appEvents = events;
    expect(detectAppApi()).toBe(api);
    expect(detectAppEvents()).toBe(events);
  });

  it('falls back to the web client in a browser, reading nothing from the page', async () => {
    const fetchImpl = vi.fn(async () => answer({ ok: true, value: null }));
    vi.stubGlobal('fetch', fetchImpl);
    try {
      await detectAppApi().getConnection();
      expect(fetchImpl).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
