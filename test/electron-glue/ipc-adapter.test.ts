import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CORE_PORT, CORE_PORT_REQUEST } from '../../src-main/electron/app-api-channel';
import {
  handleCorePortRequest,
  registerCorePortIpc,
  type CorePortDeps,
  type CorePortRequestEvent,
} from '../../src-main/electron/ipc-adapter';
import type { electronModule, FakeMessagePortMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((fake) => fake.electronModule()));

const fake = electron as unknown as ReturnType<typeof electronModule>;

const OUR_WINDOW = 7;

/** Main's side: a new channel per request; the core's ends are kept to look at. */
function deps() {
  const coreEnds: FakeMessagePortMain[] = [];
  const connectWindow = vi.fn((_id: number) => {
    const channel = new fake.MessageChannelMain();
    coreEnds.push(channel.port1);
    return channel.port2;
  });
  const d = {
    isOwnWebContents: (id: number) => id === OUR_WINDOW,
    connectWindow: connectWindow as unknown as CorePortDeps['connectWindow'],
  };
  return { d, connectWindow, coreEnds };
}

function request(senderFrame: CorePortRequestEvent['senderFrame'], id = OUR_WINDOW) {
  const postMessage = vi.fn((_channel: string, _message: unknown, _transfer: unknown[]) => {});
  return { sender: { id, postMessage }, senderFrame } satisfies CorePortRequestEvent;
}

const topFrame = (url = 'app://zhicheng/index.html') => ({ url, parent: null });

describe('the core port gate in main', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it('hands our window on app:// one end of a new channel to the core, and keeps none', () => {
    const { d, connectWindow, coreEnds } = deps();
    const event = request(topFrame());
    expect(handleCorePortRequest(event, d)).toBe(true);
    expect(connectWindow).toHaveBeenCalledExactlyOnceWith(OUR_WINDOW);
    const [channel, message, transfer] = event.sender.postMessage.mock.calls[0] as [
      string,
      unknown,
      unknown[],
    ];
    expect(channel).toBe(CORE_PORT);
    expect(message).toBeNull();
    expect(transfer).toHaveLength(1);
    // What the window posts on its end reaches the core's end.
    const received: unknown[] = [];
    coreEnds[0]?.on('message', ({ data }) => received.push(data));
    (transfer[0] as FakeMessagePortMain).postMessage({ id: 1, method: 'getSession' });
    expect(received).toEqual([{ id: 1, method: 'getSession' }]);
  });

  it.each([
    ['another origin', request(topFrame('https://evil.example/index.html'))],
    ['a file:// page', request(topFrame('file:///tmp/index.html'))],
    ['another app host', request(topFrame('app://evil/index.html'))],
    ['a subframe', request({ url: 'app://zhicheng/index.html', parent: {} })],
    ['a frame that is gone', request(null)],
    ['a window we did not create', request(topFrame('app://zhicheng/'), 99)],
  ])('gives %s no port to the core', (_name, event) => {
    const { d, connectWindow } = deps();
    expect(handleCorePortRequest(event, d)).toBe(false);
    expect(connectWindow).not.toHaveBeenCalled();
    expect(event.sender.postMessage).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses a frame whose URL cannot be read any more', () => {
    const { d, connectWindow } = deps();
    const event = request({
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(handleCorePortRequest(event, d)).toBe(false);
    expect(connectWindow).not.toHaveBeenCalled();
  });

  it('listens on the port request channel through the same gate', () => {
    const { d, connectWindow } = deps();
    const dispose = registerCorePortIpc(d);
    const [channel, listener] = fake.ipcMain.on.mock.calls[0] as [
      string,
      (event: CorePortRequestEvent) => void,
    ];
    expect(channel).toBe(CORE_PORT_REQUEST);
    listener(request(topFrame('https://evil.example/')));
    expect(connectWindow).not.toHaveBeenCalled();
    listener(request(topFrame()));
    expect(connectWindow).toHaveBeenCalledOnce();
    dispose();
    expect(fake.ipcMain.removeListener).toHaveBeenCalledWith(CORE_PORT_REQUEST, listener);
  });
});
