// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, Result } from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { fakeEvents, unitAdmin } from './application-review-fixtures';
import { renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** The 无法连接到服务器 bar comes and goes with the connection, not with the page's load. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const SERVER = 'http://127.0.0.1:8787';
const BAR = `无法连接到服务器(${SERVER}),请检查网络连接或服务器设置`;

function connection(reachable: boolean): Result<ConnectionInfo> {
  return {
    ok: true,
    value: { serverUrl: SERVER, mode: 'remote', demo: false, reachable, nativePrint: false },
  };
}

function reachable(events: ReturnType<typeof fakeEvents>, value: boolean) {
  act(() => {
    for (const listener of [...events.listeners])
      listener({ name: 'connection', payload: { reachable: value } });
  });
}

describe('the connection bar', () => {
  it('leaves once the core finds the server answering again, and comes back when it stops', async () => {
    const events = renderApp(
      fakeApi({ getConnection: async () => connection(false) }, { user: unitAdmin }),
      fakeEvents(),
    );
    expect(await screen.findByText(BAR)).toBeInTheDocument();
    await waitFor(() => expect(events.listeners.size).toBeGreaterThan(0));

    reachable(events, true);
    expect(screen.queryByText(BAR)).toBeNull();
    reachable(events, false);
    expect(screen.getByText(BAR)).toBeInTheDocument();
  });

  it('is not brought back by the page check answered after the core found the server again', async () => {
    let answer: (result: Result<ConnectionInfo>) => void = () => undefined;
    const events = renderApp(
      fakeApi(
        { getConnection: () => new Promise<Result<ConnectionInfo>>((resolve) => (answer = resolve)) },
        { user: unitAdmin },
      ),
      fakeEvents(),
    );
    await waitFor(() => expect(events.listeners.size).toBeGreaterThan(0));
    reachable(events, true);
    await act(async () => answer(connection(false)));
    expect(await screen.findByText('您好,李娜')).toBeInTheDocument();
    expect(screen.queryByText(BAR)).toBeNull();
  });

  it('leaves when a login reaches the server, and shows when a login cannot', async () => {
    let loginAnswer: Result<{ user: typeof unitAdmin | null }> = {
      ok: false,
      error: appError('SERVER_UNREACHABLE'),
    };
    renderApp(
      fakeApi(
        { getConnection: async () => connection(true), login: async () => loginAnswer },
        { user: null },
      ),
      fakeEvents(),
    );
    await userEvent.type(await screen.findByPlaceholderText('用户名/手机号码/身份证号'), 'unitadmin');
    await userEvent.type(screen.getByLabelText('密码'), 'Unit@2026');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText(BAR)).toBeInTheDocument();

    loginAnswer = { ok: true, value: { user: unitAdmin } };
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('您好,李娜')).toBeInTheDocument();
    expect(screen.queryByText(BAR)).toBeNull();
  });
});
