// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewDetail, row } from './application-review-fixtures';
import {
  buttonIn,
  dialogOf,
  openReview,
  openReviewDialog,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
} from './application-review-render';

/** 申请书审核 from the keyboard: fields and sections, the comment box, other applications, the decisions. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

function focused(): Element | null {
  return document.activeElement;
}

/** What has the focus, as the reviewer would name it. */
function focusName(): string {
  const element = focused();
  return element?.getAttribute('aria-label') ?? element?.textContent ?? '';
}

describe('申请书审核 from the keyboard', () => {
  it(
    'moves with J/K between fields and N/P between sections, opens the field’s box with Enter, types letters there, and leaves it with Esc',
    async () => {
      const { review } = renderReview();
      await openReview();
      const dialog = await openReviewDialog();

      await userEvent.keyboard('j');
      expect(focusName()).toBe('意见:申报信息 申请书编号');
      await userEvent.keyboard('j');
      expect(focusName()).toBe('意见:申报信息 年度');
      await userEvent.keyboard('K');
      expect(focusName()).toBe('意见:申报信息 申请书编号');
      // The one stop Tab comes back to is the one the reviewer is on.
      expect(focused()).toHaveAttribute('tabindex', '0');
      expect(within(dialog).getByLabelText('意见:申报信息 年度')).toHaveAttribute('tabindex', '-1');

      await userEvent.keyboard('n');
      expect(focused()?.tagName).toBe('SECTION');
      expect(focusName()).toBe('基本信息');
      await userEvent.keyboard('n');
      expect(focusName()).toBe('教育经历');
      await userEvent.keyboard('j');
      // A row section's stops are its rows.
      expect(focusName()).toBe('意见:教育经历第1行');
      await userEvent.keyboard('p');
      expect(focusName()).toBe('教育经历');
      await userEvent.keyboard('p');
      expect(focusName()).toBe('基本信息');
      await userEvent.keyboard('jjjjjjjj');
      expect(focusName()).toBe('意见:基本信息 手机号');

      // Enter opens the field's box and puts the cursor in it.
      await userEvent.keyboard('{Enter}');
      const box = within(dialog).getByLabelText('基本信息 手机号的修改意见');
      expect(focused()).toBe(box);
      // Letters are text in a box: nothing moves, nothing opens.
      await userEvent.keyboard('jknpth?');
      expect(box).toHaveValue('jknpth?');
      expect(focused()).toBe(box);
      expect(screen.queryByText(/公示表需在单位公示不少于/)).toBeNull();
      expect(screen.queryByText('键盘快捷键', { selector: '.ant-modal-title' })).toBeNull();

      // Esc goes back to the field; the dialog stays, with the text kept (and saved on leaving).
      await userEvent.keyboard('{Escape}');
      expect(focusName()).toBe('意见:基本信息 手机号');
      expect(screen.getByText('申请书审核')).toBeInTheDocument();
      expect(within(dialog).getByLabelText('基本信息 手机号的修改意见')).toHaveValue('jknpth?');
      await waitFor(() =>
        expect(review.calls.saves).toContainEqual({
          applicationId: 'app-1',
          target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'mobile' },
          text: 'jknpth?',
        }),
      );

      // A box opened with Enter and left empty is put away again.
      await userEvent.keyboard('k{Enter}');
      expect(focused()).toBe(within(dialog).getByLabelText('基本信息 身份证号的修改意见'));
      await userEvent.keyboard('{Escape}');
      expect(focusName()).toBe('意见:基本信息 身份证号');
      expect(within(dialog).queryByLabelText('基本信息 身份证号的修改意见')).toBeNull();

      // On a section, Enter goes to the section's own box.
      await userEvent.keyboard('p{Enter}');
      expect(focused()).toBe(within(dialog).getByLabelText('基本信息的修改意见'));

      // Out of the box, a second Esc closes the dialog as before.
      await userEvent.keyboard('{Escape}');
      expect(focusName()).toBe('基本信息');
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByText('申请书审核')).toBeNull());
    },
    REVIEW_TIMEOUT,
  );

  it(
    'opens the confirmations with T and H (never deciding), the next application of the list with Alt+↓, and ? lists the keys',
    async () => {
      const { review } = renderReview({
        rows: [
          row(1),
          // Past the unit: nothing to review, so Alt+↓ passes it by.
          row(2, { state: 'committee', applicantName: '申报人2' }),
          row(3, { applicantName: '申报人3' }),
        ],
        detail: (id) =>
          id === 'app-3'
            ? reviewDetail({ id, applicationNo: '20260300003', applicantName: '申报人3' })
            : reviewDetail(),
      });
      await openReview();
      const dialog = await openReviewDialog();

      // The buttons show their keys.
      const approve = buttonIn(dialog, '审核通过,打印公示表');
      expect(approve).toHaveAttribute('aria-keyshortcuts', 'T');
      expect(approve).toHaveTextContent('审核通过,打印公示表T');
      expect(buttonIn(dialog, '审核不通过,回退')).toHaveAttribute('aria-keyshortcuts', 'H');

      // H without a comment says why, as the disabled button does.
      await userEvent.keyboard('h');
      expect(await screen.findByText('请先填写至少一条修改意见')).toBeInTheDocument();
      expect(screen.queryByText(/将随本次退回发送/)).toBeNull();

      // T opens the publicity period to confirm, nothing decided yet (its keys are the journey's: under
      // test the focus lock and Esc of two modals are not the browser's).
      await userEvent.keyboard('t');
      const period = dialogOf(
        await screen.findByText('审核通过,打印公示表', { selector: '.ant-modal-title' }),
      );
      expect(within(period).getByText(/公示表需在单位公示不少于/)).toBeInTheDocument();
      await userEvent.click(buttonIn(period, '取消'));
      await waitFor(() => expect(period).not.toBeVisible());
      expect(review.calls.decides).toEqual([]);
      expect(screen.getByText('申请书审核')).toBeInTheDocument();

      // Alt+↓: the next application on the list that can be reviewed, in the same dialog.
      await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
      await waitFor(() =>
        expect(
          within(dialogOf(screen.getByText('申请书审核'))).getAllByText('20260300003').length,
        ).toBeGreaterThan(0),
      );
      const next = dialogOf(screen.getByText('申请书审核'));
      await within(next).findByLabelText('基本信息的修改意见');
      await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
      expect(await screen.findByText('已是列表中最后一份')).toBeInTheDocument();
      await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
      await waitFor(() =>
        expect(
          within(dialogOf(screen.getByText('申请书审核'))).getAllByText('20260300001').length,
        ).toBeGreaterThan(0),
      );

      // ? lists every key, 常用意见 included; Esc closes the list and leaves the review open.
      await userEvent.keyboard('?');
      const overlay = dialogOf(await screen.findByText('键盘快捷键', { selector: '.ant-modal-title' }));
      for (const label of [
        '下一个字段',
        '上一部分',
        '下一份申请书(按列表顺序)',
        '审核通过(先打开确认框)',
        '在意见框中插入常用意见',
      ]) {
        expect(within(overlay).getByText(label)).toBeInTheDocument();
      }
      // (Esc over two modals is the journey's: under test rc-util gives every modal the same id, and its
      // Esc stack keeps only the first.)
      const closeOverlay = overlay.querySelector<HTMLElement>('button.ant-modal-close');
      if (!closeOverlay) throw new Error('the overlay has no close button');
      await userEvent.click(closeOverlay);
      await waitFor(() => expect(overlay).not.toBeVisible());
      expect(screen.getByText('申请书审核')).toBeVisible();
    },
    REVIEW_TIMEOUT,
  );
});
