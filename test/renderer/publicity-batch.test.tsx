// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintSettings, Result } from '../../src-shared/contracts';
import { deferred, deptAdmin, reviewDouble, row } from './application-review-fixtures';
import {
  buttonIn,
  dialogOf,
  openReview,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
} from './application-review-render';

/** Batch printing from the list: any row can be picked, the approved ones print, as forms or a 公示名单. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const rows = [
  row(1, { state: 'unitPublicity' }),
  row(2, { state: 'unitPublicity' }),
  row(3, { state: 'unitReview' }),
  row(4, { state: 'deptReview' }),
];

describe('批量打印', () => {
  it(
    'prints the forms and the 公示名单 of the approved applications picked',
    async () => {
      const review = reviewDouble();
      renderReview({ rows, review });
      await openReview();
      await screen.findByText('申报人1');
      expect(screen.queryByRole('toolbar', { name: '批量打印' })).toBeNull();

      // Any row may be picked (for 导出Excel); one not approved yet has no 公示表 to print.
      await userEvent.click(screen.getByLabelText('选择申报人3'));
      const bar = screen.getByRole('toolbar', { name: '批量打印' });
      expect(bar).toHaveTextContent('已选择1份申报书,其中0份可打印公示表');
      expect(buttonIn(bar, '打印公示表')).toBeDisabled();
      await userEvent.click(screen.getByLabelText('选择申报人1'));
      await userEvent.click(screen.getByLabelText('选择申报人4'));
      expect(bar).toHaveTextContent('已选择3份申报书,其中2份可打印公示表');

      await userEvent.click(buttonIn(bar, '打印公示表'));
      await waitFor(() =>
        expect(review.calls.prints).toEqual([{ applicationIds: ['app-1', 'app-4'], document: 'forms' }]),
      );
      const forms = (
        await screen.findByText('打印公示表', { selector: '.ant-modal-title' })
      ).closest<HTMLElement>('.ant-modal');
      // The core's reason is shown in the dialog, nothing printed.
      expect(within(forms ?? document.body).getByText(/无法打印:申报人1的姓名中的“𠈌”/)).toBeInTheDocument();
      await userEvent.click(buttonIn(forms ?? document.body, '关闭'));

      await userEvent.click(buttonIn(bar, '打印公示名单'));
      await waitFor(() =>
        expect(review.calls.prints.at(-1)).toEqual({ applicationIds: ['app-1', 'app-4'], document: 'list' }),
      );
      await screen.findByText('打印公示名单', { selector: '.ant-modal-title' });
    },
    REVIEW_TIMEOUT,
  );

  it(
    'gives the focus back to the button the preview was opened from, or to the row when the toolbar is gone',
    async () => {
      renderReview({ rows });
      await openReview();
      await userEvent.click(await screen.findByLabelText('选择申报人1'));
      const bar = screen.getByRole('toolbar', { name: '批量打印' });

      // Opened from the keyboard, closed with Esc: back on 打印公示表, not on the page.
      buttonIn(bar, '打印公示表').focus();
      await userEvent.keyboard('{Enter}');
      await screen.findByText('打印公示表', { selector: '.ant-modal-title' });
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(buttonIn(bar, '打印公示表')).toHaveFocus());

      await userEvent.click(buttonIn(bar, '打印公示名单'));
      const list = dialogOf(await screen.findByText('打印公示名单', { selector: '.ant-modal-title' }));
      await userEvent.click(buttonIn(list, '关闭'));
      await waitFor(() => expect(buttonIn(bar, '打印公示名单')).toHaveFocus());

      // The toolbar goes while the preview is open (the selection is cleared behind it): the focus lands on
      // the list's row instead of the page.
      await userEvent.click(buttonIn(bar, '打印公示表'));
      const forms = dialogOf(await screen.findByText('打印公示表', { selector: '.ant-modal-title' }));
      await userEvent.click(buttonIn(bar, '取消选择'));
      expect(bar).not.toBeInTheDocument();
      await userEvent.click(buttonIn(forms, '关闭'));
      await waitFor(() => expect(screen.getByText('申报人1').closest('tr')).toHaveFocus());
    },
    REVIEW_TIMEOUT,
  );

  it(
    'keeps the unit settings typed, says what to fix, and saves them for the next forms',
    async () => {
      const review = reviewDouble();
      renderReview({ rows, review });
      await openReview();
      await userEvent.click(await screen.findByLabelText('选择申报人1'));
      await userEvent.click(buttonIn(screen.getByRole('toolbar', { name: '批量打印' }), '打印公示表'));
      const phone = await screen.findByLabelText('受理(监督)部门及电话');
      await userEvent.type(phone, '院人事科 023-63891234'.padEnd(61, '0'));
      expect(await screen.findByText('受理(监督)部门及电话不能超过60个字')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '保存并重新生成' })).toBeDisabled();

      await userEvent.clear(phone);
      await userEvent.type(phone, '院人事科 023-63891234');
      await userEvent.type(screen.getByLabelText('公示地点'), '门诊楼一楼公示栏');
      await userEvent.click(screen.getByRole('button', { name: '保存并重新生成' }));
      await waitFor(() =>
        expect(review.calls.printSettings).toEqual([
          { supervisingPhone: '院人事科 023-63891234', publicityPlace: '门诊楼一楼公示栏' },
        ]),
      );
      // Drawn again with them.
      await waitFor(() => expect(review.calls.prints).toHaveLength(2));
    },
    REVIEW_TIMEOUT,
  );

  it(
    'keeps the focus in the dialog when 保存并重新生成 takes the preview’s buttons away',
    async () => {
      const review = reviewDouble({
        nativePrint: 'printed',
        print: () => ({
          ok: true,
          value: { fileName: '公示表-1份.pdf', pdfBase64: 'JVBERi0=', pageCount: 1, formCount: 1 },
        }),
      });
      const saved = deferred<Result<PrintSettings>>();
      renderReview({ rows, review, api: { savePrintSettings: () => saved.promise } });
      await openReview();
      await userEvent.click(await screen.findByLabelText('选择申报人1'));
      await userEvent.click(buttonIn(screen.getByRole('toolbar', { name: '批量打印' }), '打印公示表'));
      const forms = dialogOf(await screen.findByText('打印公示表', { selector: '.ant-modal-title' }));
      await within(forms).findByRole('button', { name: '另存为PDF' });

      await userEvent.type(within(forms).getByLabelText('受理(监督)部门及电话'), '院人事科 023-63891234');
      const regenerate = within(forms).getByRole('button', { name: '保存并重新生成' });
      regenerate.focus();
      await userEvent.keyboard('{Enter}');
      // On to the preview's 打印 while the settings are on their way: the spinner takes it away.
      await userEvent.tab();
      expect(within(forms).getByRole('button', { name: '打印' })).toHaveFocus();
      saved.resolve({ ok: true, value: { supervisingPhone: '院人事科 023-63891234', publicityPlace: '' } });
      await within(forms).findByText('正在生成公示表(共1份)…');
      expect(regenerate).toHaveFocus();
      await within(forms).findByRole('button', { name: '另存为PDF' });
      expect(review.calls.prints).toHaveLength(2);
      expect(regenerate).toHaveFocus();
    },
    REVIEW_TIMEOUT,
  );

  it(
    'prints through the system print dialog in the desktop app, or says where the file opened',
    async () => {
      const review = reviewDouble({
        nativePrint: 'openedInViewer',
        print: () => ({
          ok: true,
          value: { fileName: '公示表-2份.pdf', pdfBase64: 'JVBERi0=', pageCount: 2, formCount: 2 },
        }),
      });
      renderReview({ rows, review });
      await openReview();
      await userEvent.click(await screen.findByLabelText('选择申报人1'));
      await userEvent.click(buttonIn(screen.getByRole('toolbar', { name: '批量打印' }), '打印公示表'));
      const printButton = await screen.findByRole('button', { name: '打印' });
      await userEvent.click(printButton);
      await waitFor(() => expect(review.calls.nativePrints).toEqual(['公示表-2份.pdf']));
      expect(await screen.findByText('已在系统的PDF阅读器中打开,请在阅读器中打印')).toBeInTheDocument();
    },
    REVIEW_TIMEOUT,
  );

  it(
    'is not offered to a department, which reviews what the unit posted',
    async () => {
      renderReview({ user: deptAdmin, rows: [row(4, { state: 'deptReview' })] });
      await openReview();
      await screen.findByText('申报人4');
      // Picked for 导出Excel, never for printing.
      await userEvent.click(screen.getByLabelText('选择申报人4'));
      expect(screen.queryByRole('toolbar', { name: '批量打印' })).toBeNull();
    },
    REVIEW_TIMEOUT,
  );
});
