import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  AppApi,
  ApplicationDetail,
  ApplicationListRow,
  SessionUser,
  SyncStatus,
} from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import {
  fakeEvents,
  listDouble,
  reviewDetail,
  reviewDouble,
  row,
  syncStatus,
  unitAdmin,
} from './application-review-fixtures';
import { fakeApi } from './fake-app-api';

/**
 * Renders the whole app with `events` as the host's event source: App finds it where Electron's preload
 * puts it (window.appEvents), as it would in the desktop client. Call `resetAppEvents` after each test.
 */
export function renderApp(api: AppApi, events = fakeEvents()) {
  window.appEvents = events.source;
  render(<App api={api} />);
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

/**
 * The app signed in with the 职称申报审核 list (`rows`), the details of `detail` for any row, and the
 * review methods of `review`.
 */
export function renderReview(
  options: {
    user?: SessionUser;
    rows?: ApplicationListRow[];
    /** The details of every row, or of each by its id. */
    detail?: ApplicationDetail | ((applicationId: string) => ApplicationDetail);
    review?: ReturnType<typeof reviewDouble>;
    status?: SyncStatus;
    /** More of the app API (常用意见, …). */
    api?: Partial<AppApi>;
  } = {},
) {
  const review = options.review ?? reviewDouble();
  const rows = options.rows ?? [row(1)];
  const list = listDouble({ total: rows.length, rows: () => rows });
  const { detail = reviewDetail() } = options;
  const shown = (applicationId: string) => (typeof detail === 'function' ? detail(applicationId) : detail);
  const events = renderApp(
    fakeApi(
      {
        listApplications: list.listApplications,
        getSyncStatus: async () => ({ ok: true, value: options.status ?? syncStatus() }) as const,
        getApplicationDetail: async ({ id }) => ({ ok: true, value: shown(id) }) as const,
        ...review.api,
        ...options.api,
      },
      { user: options.user ?? unitAdmin },
    ),
  );
  return { review, list, events };
}

/** 审核 on the applicant's row (the list must be open): the dialog, once its content is there. */
export async function openReviewDialog(name = '申报人1'): Promise<HTMLElement> {
  const tr = (await screen.findByText(name)).closest('tr') ?? document.body;
  await userEvent.click(within(tr).getByRole('button', { name: '审核' }));
  const dialog = dialogOf(await screen.findByText('申请书审核'));
  await within(dialog).findByLabelText('基本信息的修改意见');
  return dialog;
}

/** The review dialog renders the whole application: in jsdom each opening takes seconds. */
export const REVIEW_TIMEOUT = 90_000;

/** The one button labelled `name` in `container` (text lookups: role queries are slow on a page this big). */
export function buttonIn(container: HTMLElement, name: string): HTMLButtonElement {
  const buttons = within(container)
    .getAllByText(name)
    .map((element) => element.closest('button'))
    .filter((button): button is HTMLButtonElement => button !== null);
  const [button] = buttons;
  if (!button || buttons.length > 1) throw new Error(`expected one button ${name}, found ${buttons.length}`);
  return button;
}

/** The save status (保存中…, 已保存 …, 保存失败) under a comment box. */
export function saveStatusOf(box: HTMLElement): HTMLElement {
  const status = box.closest('[role="group"]')?.querySelector<HTMLElement>('[aria-live]');
  if (!status) throw new Error('no save status beside the box');
  return status;
}
