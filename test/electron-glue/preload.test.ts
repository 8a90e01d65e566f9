import { describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { APP_METHODS, APP_METHOD_NAMES } from '../../src-shared/contracts';
import { CORE_PORT, CORE_PORT_REQUEST } from '../../src-main/electron/app-api-channel';
import type { electronModule } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

/** The page's end of the port as Chromium gives it to the preload (a DOM MessagePort). */
class PagePort {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  readonly posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  answer(data: unknown) {
    this.onmessage?.({ data });
  }
}

// The preload runs once per page; the module (and the port it received) is shared by these tests.
let pagePort: PagePort;

describe('preload', () => {
  it('takes its names from the list the contract declares exactly', () => {
    expect([...APP_METHOD_NAMES].sort()).toEqual(Object.keys(APP_METHODS).sort());
  });

  it('exposes window.api with exactly the named methods, queued until the port to the core arrives', async () => {
    await import('../../src-main/electron/preload');
    expect(fake.ipcRenderer.send).toHaveBeenCalledExactlyOnceWith(CORE_PORT_REQUEST);
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
    const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, unknown>,
    ];
    expect(key).toBe('api');
    expect(Object.keys(api).sort()).toEqual([...APP_METHOD_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of APP_METHOD_NAMES) expect(typeof api[name]).toBe('function');
    // Nothing that would let a page reach IPC or the port itself.
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('port');

    const login = api.login as (input: unknown, ...extra: unknown[]) => Promise<unknown>;
    const early = login({ identifier: 'unitadmin', password: 'Unit@2026' }, 'extra', 'arguments');

    const [channel, onPort] = fake.ipcRenderer.on.mock.calls.find((call) => call[0] === CORE_PORT) as [
      string,
      (event: { ports: PagePort[] }) => void,
    ];
    expect(channel).toBe(CORE_PORT);
    const port = new PagePort();
    pagePort = port;
    onPort({ ports: [port] });
    expect(port.posted).toEqual([
      { id: 1, method: 'login', input: { identifier: 'unitadmin', password: 'Unit@2026' } },
    ]);
    port.answer({ type: 'result', id: 1, result: { ok: true, value: { user: null } } });
    await expect(early).resolves.toEqual({ ok: true, value: { user: null } });

    const session = (api.getSession as () => Promise<unknown>)();
    expect(port.posted.at(-1)).toEqual({ id: 2, method: 'getSession', input: undefined });
    port.answer({ type: 'result', id: 2, result: { ok: true, value: { user: null } } });
    await expect(session).resolves.toEqual({ ok: true, value: { user: null } });
    // A second port (another page's request answered late) does not replace the first.
    onPort({ ports: [new PagePort()] });
    void (api.getSession as () => Promise<unknown>)();
    expect(port.posted).toHaveLength(3);
  });

  it('exposes window.appEvents, which hands the page the event data, latest first', async () => {
    await import('../../src-main/electron/preload');
    const [key, events] = fake.contextBridge.exposeInMainWorld.mock.calls[1] as [
      string,
      { subscribe(listener: (event: unknown) => void): () => void },
    ];
    expect(key).toBe('appEvents');
    expect(Object.keys(events)).toEqual(['subscribe']);
    const port = pagePort;
    const status = { name: 'syncStatus', payload: { phase: 'idle' } };
    port.answer({ type: 'event', event: status });
    const received: unknown[] = [];
    const unsubscribe = events.subscribe((event) => received.push(event));
    // The event that came before the page subscribed, then the next one.
    const next = { name: 'syncStatus', payload: { phase: 'syncing' } };
    port.answer({ type: 'event', event: next });
    unsubscribe();
    port.answer({ type: 'event', event: status });
    expect(received).toEqual([status, next]);
  });
});
