import { describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { APP_METHODS, APP_METHOD_NAMES } from '../../src-shared/contracts';
import { APP_API_CHANNEL } from '../../src-main/electron/app-api-channel';
import { APP_EVENT_CHANNEL } from '../../src-shared/contracts/app-channels';
import type { electronModule } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

describe('preload', () => {
  it('takes its names from the list the contract declares exactly', () => {
    expect([...APP_METHOD_NAMES].sort()).toEqual(Object.keys(APP_METHODS).sort());
  });

  it('exposes window.api with exactly the named methods, each an invoke on the app API channel', async () => {
    await import('../../src-main/electron/preload');
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
    const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, unknown>,
    ];
    expect(key).toBe('api');
    expect(Object.keys(api).sort()).toEqual([...APP_METHOD_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of APP_METHOD_NAMES) expect(typeof api[name]).toBe('function');
    // Nothing that would let a page reach IPC itself.
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');

    const login = api.login as (input: unknown, ...extra: unknown[]) => Promise<unknown>;
    await login({ identifier: 'unitadmin', password: 'Unit@2026' }, 'extra', 'arguments');
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(APP_API_CHANNEL, 'login', {
      identifier: 'unitadmin',
      password: 'Unit@2026',
    });
    await (api.getSession as () => Promise<unknown>)();
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(APP_API_CHANNEL, 'getSession', undefined);
  });

  it('exposes window.appEvents, which hands the page the event data and never the IPC event', async () => {
    await import('../../src-main/electron/preload');
    const [key, events] = fake.contextBridge.exposeInMainWorld.mock.calls[1] as [
      string,
      { subscribe(listener: (event: unknown) => void): () => void },
    ];
    expect(key).toBe('appEvents');
    expect(Object.keys(events)).toEqual(['subscribe']);
    const received: unknown[] = [];
    const unsubscribe = events.subscribe((event) => received.push(event));
    const [channel, forward] = fake.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (ipcEvent: unknown, data: unknown) => void,
    ];
    expect(channel).toBe(APP_EVENT_CHANNEL);
    const status = { name: 'syncStatus', payload: { phase: 'idle' } };
    forward({ sender: 'ipcRenderer itself' }, status);
    expect(received).toEqual([status]);
    unsubscribe();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(APP_EVENT_CHANNEL, forward);
  });
});
