import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import type { SessionState } from '../../src-shared/contracts';
import { APP_API_CHANNEL } from '../../src-main/electron/app-api-channel';
import {
  handleAppApiCall,
  registerAppApiIpc,
  type AppApiCallEvent,
  type AppApiDeps,
} from '../../src-main/electron/ipc-adapter';
import type { electronModule } from './fake-electron';
import { handlersWith } from '../support/partial-api';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

const OUR_WINDOW = 7;
const session: SessionState = { user: null };

function fakeHandlers() {
  return handlersWith({
    getSession: vi.fn(async () => session),
    login: vi.fn(async () => session),
    logout: vi.fn(async () => ({ user: null })),
    getConnection: vi.fn(async () => ({
      serverUrl: 'http://127.0.0.1:1',
      mode: 'embedded' as const,
      demo: true,
      reachable: true,
      nativePrint: true,
    })),
  });
}

function deps(handlers = fakeHandlers()): AppApiDeps & { handlers: ReturnType<typeof fakeHandlers> } {
  return { handlers, getHandlers: () => handlers, isOwnWebContents: (id) => id === OUR_WINDOW };
}

function topFrame(url = 'app://zhicheng/index.html'): AppApiCallEvent {
  return { sender: { id: OUR_WINDOW }, senderFrame: { url, parent: null } };
}

describe('IPC adapter', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it('passes a valid call from our window to the handlers', async () => {
    const d = deps();
    const result = await handleAppApiCall(topFrame(), 'getSession', undefined, d);
    expect(result).toEqual({ ok: true, value: session });
    expect(d.handlers.getSession).toHaveBeenCalledOnce();
  });

  it('hands the handler the input as the contract parsed it', async () => {
    const d = deps();
    const input = { identifier: '  unitadmin ', password: 'Unit@2026' };
    expect(await handleAppApiCall(topFrame(), 'login', input, d)).toEqual({ ok: true, value: session });
    expect(d.handlers.login).toHaveBeenCalledExactlyOnceWith({
      identifier: 'unitadmin',
      password: 'Unit@2026',
    });
  });

  it.each([
    ['another origin', topFrame('https://evil.example/index.html')],
    ['a file:// page', topFrame('file:///tmp/index.html')],
    ['another app host', topFrame('app://evil/index.html')],
    [
      'a subframe',
      { sender: { id: OUR_WINDOW }, senderFrame: { url: 'app://zhicheng/index.html', parent: {} } },
    ],
    ['a frame that is gone', { sender: { id: OUR_WINDOW }, senderFrame: null }],
    [
      'a window we did not create',
      { sender: { id: 99 }, senderFrame: { url: 'app://zhicheng/', parent: null } },
    ],
  ])('refuses a call from %s with FORBIDDEN', async (_name, event) => {
    const d = deps();
    const result = await handleAppApiCall(event, 'getSession', undefined, d);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(d.handlers.getSession).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses a frame whose URL cannot be read any more', async () => {
    const event = {
      sender: { id: OUR_WINDOW },
      senderFrame: {
        parent: null,
        get url(): string {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    };
    expect(await handleAppApiCall(event, 'getSession', undefined, deps())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it.each(['deleteEverything', '__proto__', 'constructor', 'toString', 42, null])(
    'refuses the unknown method %s with INVALID_CALL',
    async (method) => {
      const result = await handleAppApiCall(topFrame(), method, undefined, deps());
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    },
  );

  it.each([
    ['no credentials', undefined],
    ['a string', 'unitadmin'],
    ['a missing password', { identifier: 'unitadmin' }],
    ['a wrongly typed password', { identifier: 'unitadmin', password: 123 }],
    ['an empty identifier', { identifier: ' ', password: 'Unit@2026' }],
  ])('refuses login with %s as INVALID_CALL, before the core sees it', async (_name, input) => {
    const d = deps();
    const result = await handleAppApiCall(topFrame(), 'login', input, d);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    expect(d.handlers.login).not.toHaveBeenCalled();
  });

  it('refuses input to a method that takes none', async () => {
    const d = deps();
    const result = await handleAppApiCall(topFrame(), 'logout', { everything: true }, d);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    expect(d.handlers.logout).not.toHaveBeenCalled();
  });

  it('registers on the app API channel and answers through the same gate', async () => {
    const d = deps();
    const dispose = registerAppApiIpc(d);
    const [channel, listener] = fake.ipcMain.handle.mock.calls[0] as [
      string,
      (event: AppApiCallEvent, method: unknown, input: unknown) => Promise<unknown>,
    ];
    expect(channel).toBe(APP_API_CHANNEL);
    expect(await listener(topFrame(), 'getSession', undefined)).toEqual({ ok: true, value: session });
    expect(await listener(topFrame('https://evil.example/'), 'getSession', undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    dispose();
    expect(fake.ipcMain.removeHandler).toHaveBeenCalledWith(APP_API_CHANNEL);
  });
});
