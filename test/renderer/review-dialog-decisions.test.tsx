import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { appError } from '../../src-shared/contracts';
import { earliestPublicityEnd } from '../../src-shared/domain/workflow';
import {
  decision,
  deptAdmin,
  reviewDetail,
  reviewDouble,
  row,
  syncStatus,
} from './application-review-fixtures';
import {
  buttonIn,
  openReview,
  openReviewDialog,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
} from './application-review-render';

/** 申请书审核's decisions: only the steps the workflow allows, each with its rule, then 待同步 until applied. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const RETURN = '审核不通过,回退';
const APPROVE = '审核通过,打印公示表';

/** The popup a hover or click opened (tooltip, popconfirm) with this text. */
async function popupWith(text: string): Promise<HTMLElement> {
  const found = await screen.findByText(text);
  return found.closest<HTMLElement>('.ant-popover, .ant-tooltip') ?? document.body;
}

async function expectReason(button: HTMLElement, reason: string) {
  expect(button).toBeDisabled();
  // A disabled button gets no pointer events; its wrapper shows the reason.
  await userEvent.hover(button.parentElement ?? button);
  expect(await screen.findByText(reason)).toBeInTheDocument();
  await userEvent.unhover(button.parentElement ?? button);
}

function statusIn(dialog: HTMLElement): HTMLElement {
  return within(dialog).getByTestId('decision-status');
}

describe('申请书审核 decisions', () => {
  it(
    'needs a comment to return, sends it with the decision and shows 待同步, then 已生效',
    async () => {
      const rows = [row(1)];
      const review = reviewDouble({
        decide: (input) => {
          // The list reads the outbox: the row says 待同步 once the decision is queued.
          rows[0] = row(1, { outboxStatus: 'pending' });
          return { ok: true, value: decision({ transitionId: input.transitionId }) };
        },
      });
      const { list, events } = renderReview({ rows, review });
      await openReview();
      const dialog = await openReviewDialog();

      // Only the unit's steps from 待单位审核.
      expect(within(dialog).queryByText('上报主管部门')).toBeNull();
      expect(within(dialog).queryByText('审核通过')).toBeNull();
      expect(buttonIn(dialog, APPROVE)).toBeEnabled();
      await expectReason(buttonIn(dialog, RETURN), '请先填写至少一条修改意见');

      const box = within(dialog).getByLabelText('继续教育的修改意见');
      fireEvent.change(box, { target: { value: '继续教育学时不足' } });
      expect(buttonIn(dialog, RETURN)).toBeEnabled();
      await userEvent.click(buttonIn(dialog, RETURN));
      const modal = (await screen.findByText('将随本次退回发送1条修改意见。')).closest<HTMLElement>(
        '.ant-modal',
      );
      if (!modal) throw new Error('no return dialog');
      // A unit sends it back to the applicant.
      expect(within(modal).getByLabelText('退回个人')).toBeChecked();
      expect(within(modal).queryByLabelText('退回单位')).toBeNull();
      const listed = list.requests.length;
      await userEvent.click(buttonIn(modal, '确定退回'));

      await waitFor(() =>
        expect(review.calls.decides).toEqual([{ applicationId: 'app-1', transitionId: 'unitReturn' }]),
      );
      // The comment was on disk before the decision, which takes the saved drafts.
      expect(review.calls.saves).toContainEqual({
        applicationId: 'app-1',
        target: { sectionKey: 'continuingEducation', rowIndex: null, fieldKey: null },
        text: '继续教育学时不足',
      });
      await waitFor(() => expect(statusIn(dialog)).toHaveTextContent('待同步'));
      expect(statusIn(dialog)).toHaveTextContent(
        '“审核不通过,回退(退回个人)”已保存在本机,将在同步时发送到服务器',
      );
      expect(await screen.findByText('已提交“审核不通过,回退(退回个人)”,待同步到服务器')).toBeInTheDocument();
      // Its comments go as they were: the boxes are read-only until the decision is through.
      expect(within(dialog).getByLabelText('继续教育的修改意见')).toHaveAttribute('readonly');
      expect(buttonIn(dialog, APPROVE)).toBeDisabled();
      // The list behind shows it too.
      await waitFor(() => expect(list.requests.length).toBeGreaterThan(listed));
      const tr =
        screen
          .getAllByText('申报人1')
          .map((name) => name.closest('tr'))
          .find((found) => found !== null) ?? document.body;
      await waitFor(() => expect(within(tr).getByText('待同步')).toBeInTheDocument());

      // The next sync sent it and the server applied it: the core no longer lists it as waiting.
      review.state.decision = null;
      act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-03T03:00:00.000Z' })));
      await waitFor(() => expect(statusIn(dialog)).toHaveTextContent('已生效'));

      // Opened again later, the dialog is about the application as it is now, not the last decision.
      await userEvent.click(buttonIn(dialog, '取消'));
      await waitFor(() => expect(screen.queryByText('已生效')).toBeNull());
      const again = await openReviewDialog();
      expect(within(again).queryByText('已生效')).toBeNull();
      expect(within(again).getByLabelText('继续教育的修改意见')).not.toHaveAttribute('readonly');
    },
    REVIEW_TIMEOUT,
  );

  it(
    'lets a department return to the unit or to the applicant, and approve',
    async () => {
      const review = reviewDouble();
      renderReview({
        user: deptAdmin,
        rows: [row(1, { state: 'deptReview' })],
        detail: reviewDetail({ state: 'deptReview', publicity: { start: '2026-02-02', end: '2026-02-06' } }),
        review,
      });
      await openReview();
      const dialog = await openReviewDialog();
      expect(buttonIn(dialog, '审核通过')).toBeEnabled();
      expect(within(dialog).queryByText(APPROVE)).toBeNull();
      expect(within(dialog).queryByText('上报主管部门')).toBeNull();
      await expectReason(buttonIn(dialog, RETURN), '请先填写至少一条修改意见');

      fireEvent.change(within(dialog).getByLabelText('论文的修改意见'), {
        target: { value: '论文刊号无法查证' },
      });
      await userEvent.click(buttonIn(dialog, RETURN));
      const modal = (await screen.findByText('退回到:')).closest<HTMLElement>('.ant-modal');
      if (!modal) throw new Error('no return dialog');
      expect(within(modal).getByLabelText('退回单位')).toBeChecked();
      await userEvent.click(within(modal).getByLabelText('退回个人'));
      await userEvent.click(buttonIn(modal, '确定退回'));
      await waitFor(() =>
        expect(review.calls.decides).toEqual([
          { applicationId: 'app-1', transitionId: 'deptReturnToIndividual' },
        ]),
      );
      await waitFor(() =>
        expect(statusIn(dialog)).toHaveTextContent('“审核不通过,回退(退回个人)”已保存在本机'),
      );
    },
    REVIEW_TIMEOUT,
  );

  it(
    'says so, not a cache failure, when the sync takes a returned application out of the department’s sight',
    async () => {
      const review = reviewDouble();
      const shown = reviewDetail({
        state: 'deptReview',
        publicity: { start: '2026-02-02', end: '2026-02-06' },
      });
      let inCache = true;
      const { events } = renderReview({
        user: deptAdmin,
        rows: [row(1, { state: 'deptReview' })],
        review,
        api: {
          getApplicationDetail: async () =>
            inCache
              ? ({ ok: true, value: shown } as const)
              : ({
                  ok: false,
                  error: appError('NOT_FOUND', '本机缓存中没有这份申报书,请同步后重试'),
                } as const),
        },
      });
      await openReview();
      const dialog = await openReviewDialog();

      // 退回个人 was applied: the application is the unit's and the applicant's now, no longer the department's.
      inCache = false;
      review.state.decision = null;
      act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-03-03T03:00:00.000Z' })));
      expect(
        await within(dialog).findByText(
          '这份申请书已不在您的审核范围内(如已退回申报人),本机不再保留它的内容',
        ),
      ).toBeInTheDocument();
      expect(within(dialog).queryByText('本机缓存中没有这份申报书,请同步后重试')).toBeNull();
    },
    REVIEW_TIMEOUT,
  );

  it(
    'asks for the publicity period on approval: defaults, the workflow rule beside the dates, then 待同步',
    async () => {
      const review = reviewDouble();
      renderReview({ review });
      await openReview();
      const dialog = await openReviewDialog();
      const today = chinaDateOf(new Date());
      const earliestEnd = earliestPublicityEnd(today, SHIPPED_CALENDAR);

      await userEvent.click(buttonIn(dialog, APPROVE));
      const modal = (await screen.findByText(/公示表需在单位公示不少于5个工作日/)).closest<HTMLElement>(
        '.ant-modal',
      );
      if (!modal) throw new Error('no publicity dialog');
      const start = within(modal).getByLabelText('公示开始日期');
      const end = within(modal).getByLabelText('公示结束日期');
      expect(start).toHaveValue(today);
      expect(end).toHaveValue(earliestEnd);
      expect(buttonIn(modal, '确定')).toBeEnabled();

      // Too short: the reason is shown beside the dates, and the dates stay as typed.
      await userEvent.clear(end);
      await userEvent.type(end, `${today}{enter}`);
      const problem = `公示期不少于5个工作日(节假日不计),结束日期最早为${earliestEnd}`;
      expect(await within(modal).findByText(problem)).toBeInTheDocument();
      expect(end).toHaveValue(today);
      expect(buttonIn(modal, '确定')).toBeDisabled();

      const later = SHIPPED_CALENDAR.addWorkingDays(earliestEnd, 2);
      await userEvent.clear(end);
      await userEvent.type(end, `${later}{enter}`);
      await waitFor(() => expect(within(modal).queryByText(problem)).toBeNull());
      await userEvent.click(buttonIn(modal, '确定'));

      await waitFor(() =>
        expect(review.calls.decides).toEqual([
          { applicationId: 'app-1', transitionId: 'unitApprove', publicity: { start: today, end: later } },
        ]),
      );
      expect(await screen.findByText(`已审核通过,公示期${today}至${later},请打印公示表`)).toBeInTheDocument();
      await waitFor(() => expect(statusIn(dialog)).toHaveTextContent('待同步'));
      // The 公示表 opens right away, from the cache; a character the font lacks is said before printing.
      await waitFor(() =>
        expect(review.calls.prints).toEqual([{ applicationIds: ['app-1'], document: 'forms' }]),
      );
      const printDialog = (
        await screen.findByText('以下内容含有打印字体中没有的字,无法打印:申报人1的姓名中的“𠈌”')
      ).closest<HTMLElement>('.ant-modal');
      expect(within(printDialog ?? document.body).getByText('打印公示表')).toBeInTheDocument();
      // Printing again stays at hand while the approval waits to be sent.
      await userEvent.click(buttonIn(printDialog ?? document.body, '关闭'));
      await userEvent.click(buttonIn(dialog, '再次打印公示表'));
      await waitFor(() => expect(review.calls.prints).toHaveLength(2));
    },
    REVIEW_TIMEOUT,
  );

  it(
    'waits for the end of the publicity before 上报主管部门, and prints the 公示表 again',
    async () => {
      const today = chinaDateOf(new Date());
      // Long enough by any calendar, so the dialog shows this end and no later one.
      const end = SHIPPED_CALENDAR.addWorkingDays(today, 5);
      const review = reviewDouble();
      renderReview({
        rows: [row(1, { state: 'unitPublicity' })],
        detail: reviewDetail({ state: 'unitPublicity', publicity: { start: today, end } }),
        review,
      });
      await openReview();
      const dialog = await openReviewDialog();
      expect(within(dialog).getByText(`${today} 至 ${end}`)).toBeInTheDocument();
      expect(within(dialog).queryByText(APPROVE)).toBeNull();
      await expectReason(buttonIn(dialog, '上报主管部门'), `公示期至${end}结束,结束后才能上报主管部门`);
      await expectReason(buttonIn(dialog, '公示有异议'), '请先填写至少一条修改意见');
      await userEvent.click(buttonIn(dialog, '再次打印公示表'));
      await waitFor(() =>
        expect(review.calls.prints).toEqual([{ applicationIds: ['app-1'], document: 'forms' }]),
      );
    },
    REVIEW_TIMEOUT,
  );

  it(
    'reports up once the publicity is over',
    async () => {
      const review = reviewDouble();
      const today = chinaDateOf(new Date());
      const publicity = {
        start: SHIPPED_CALENDAR.addWorkingDays(today, -10),
        end: SHIPPED_CALENDAR.addWorkingDays(today, -1),
      };
      renderReview({
        rows: [row(1, { state: 'unitPublicity' })],
        detail: reviewDetail({ state: 'unitPublicity', publicity }),
        review,
      });
      await openReview();
      const dialog = await openReviewDialog();
      await userEvent.click(buttonIn(dialog, '上报主管部门'));
      const confirm = await popupWith('公示已结束,确定上报主管部门?');
      await userEvent.click(buttonIn(confirm, '确定'));
      await waitFor(() =>
        expect(review.calls.decides).toEqual([{ applicationId: 'app-1', transitionId: 'reportUp' }]),
      );
      await waitFor(() => expect(statusIn(dialog)).toHaveTextContent('待同步'));
    },
    REVIEW_TIMEOUT,
  );

  it(
    'shows a refused decision beside the drafts with 保留意见, 按最新版本重新提交 and 放弃',
    async () => {
      const conflict = decision({ status: 'conflict', message: '申请书已被申报人撤回,当前状态为“已撤回”' });
      const review = reviewDouble({
        decision: conflict,
        drafts: [
          {
            target: { sectionKey: 'workExperience', rowIndex: null, fieldKey: null },
            text: '工作经历不连续',
            updatedAt: '2026-03-03T01:00:00.000Z',
          },
        ],
      });
      const { events } = renderReview({ review });
      await openReview();
      const dialog = await openReviewDialog();
      const nextSync = (minute: number) =>
        act(() => events.emitStatus(syncStatus({ lastSyncedAt: `2026-03-03T03:${minute}:00.000Z` })));

      const alert = (
        await within(dialog).findByText('“审核不通过,回退(退回个人)”与服务器上的最新版本冲突')
      ).closest<HTMLElement>('.ant-alert');
      if (!alert) throw new Error('no conflict alert');
      expect(alert).toHaveTextContent('申请书已被申报人撤回,当前状态为“已撤回”');
      expect(alert).toHaveTextContent('您填写的1条修改意见仍保留在下方');
      expect(statusIn(dialog)).toHaveTextContent('冲突');
      expect(within(dialog).getByLabelText('工作经历的修改意见')).toHaveValue('工作经历不连续');
      // Nothing new until the reviewer decided what to do with this one.
      expect(buttonIn(dialog, APPROVE)).toBeDisabled();

      await userEvent.click(buttonIn(alert, '保留意见'));
      await waitFor(() =>
        expect(review.calls.resolves).toEqual([{ applicationId: 'app-1', action: 'keep' }]),
      );
      await waitFor(() =>
        expect(within(dialog).queryByText('申请书已被申报人撤回,当前状态为“已撤回”')).toBeNull(),
      );
      expect(within(dialog).getByLabelText('工作经历的修改意见')).toHaveValue('工作经历不连续');
      expect(buttonIn(dialog, APPROVE)).toBeEnabled();

      review.state.decision = conflict;
      nextSync(10);
      await userEvent.click(buttonIn(await alertIn(dialog), '按最新版本重新提交'));
      await waitFor(() =>
        expect(review.calls.resolves.at(-1)).toEqual({ applicationId: 'app-1', action: 'reapply' }),
      );
      await waitFor(() => expect(statusIn(dialog)).toHaveTextContent('待同步'));

      review.state.decision = decision({
        status: 'rejected',
        message: '主管部门不能执行“审核通过,打印公示表”',
      });
      nextSync(20);
      const rejected = await alertIn(dialog);
      expect(rejected).toHaveTextContent('未被服务器接受');
      await userEvent.click(buttonIn(rejected, '放弃'));
      const confirm = await popupWith('放弃后,本次填写的修改意见将被删除,确定放弃?');
      await userEvent.click(buttonIn(confirm, '放弃'));
      await waitFor(() =>
        expect(review.calls.resolves.at(-1)).toEqual({ applicationId: 'app-1', action: 'discard' }),
      );
      await waitFor(() => expect(within(dialog).getByLabelText('工作经历的修改意见')).toHaveValue(''));
      expect(within(dialog).queryByTestId('decision-status')).toBeNull();
    },
    REVIEW_TIMEOUT,
  );
});

async function alertIn(dialog: HTMLElement): Promise<HTMLElement> {
  const alert = await waitFor(() => {
    const found = dialog.querySelector<HTMLElement>('.ant-alert-error');
    if (!found) throw new Error('no alert yet');
    return found;
  });
  return alert;
}
