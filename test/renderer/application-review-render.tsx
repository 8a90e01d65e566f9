import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider } from 'antd';
import type { AppApi } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeEvents } from './application-review-fixtures';

/**
 * Renders the whole app with `events` as the host's event source: App finds it where Electron's preload
 * puts it (window.appEvents), as it would in the desktop client. Call `resetAppEvents` after each test.
 */
export function renderApp(api: AppApi, events = fakeEvents()) {
  window.appEvents = events.source;
  render(
    <ConfigProvider theme={{ token: { motion: false } }}>
      <App api={api} />
    </ConfigProvider>,
  );
  return events;
}

export function resetAppEvents() {
  delete window.appEvents;
}

/** 单位中心 → 职称申报审核, as the manual describes it. */
export async function openReview() {
  await userEvent.click(await screen.findByRole('menuitem', { name: '单位中心' }));
  await userEvent.click(await screen.findByRole('button', { name: /职称申报审核/ }));
}

/** rc-util gives every dialog the same aria-labelledby id under test, so find the dialog by its title. */
export function dialogOf(title: HTMLElement): HTMLElement {
  const dialog = title.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the title is not inside a dialog');
  return dialog;
}
