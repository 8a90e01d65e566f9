// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../src-shared/contracts';
import type { Result } from '../../src-shared/contracts';
import { APPLICATION_CATALOG } from '../../src-shared/domain/catalog';
import { deferred, FULL_ID, reviewDouble, row } from './application-review-fixtures';
import {
  buttonIn,
  openReview,
  openReviewDialog,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
  saveStatusOf,
} from './application-review-render';

/** 申请书审核: opening from the list, every section with its comment boxes, and drafts saved as typed. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const BASIC_INFO_BOX = '基本信息的修改意见';

describe('申请书审核', () => {
  it(
    'is offered where the role has a step to take, and shows every section with its comment box',
    async () => {
      const review = reviewDouble({
        drafts: [
          {
            target: { sectionKey: 'education', rowIndex: null, fieldKey: null },
            text: '请补充学位证书',
            updatedAt: '2026-03-03T01:00:00.000Z',
          },
        ],
      });
      renderReview({ rows: [row(1), row(2, { state: 'committee', applicantName: '申报人2' })], review });
      await openReview();
      const done = (await screen.findByText('申报人2')).closest('tr') ?? document.body;
      // 待评委会受理 is past the unit: nothing to review there, only to look at.
      expect(within(done).queryByText('审核')).toBeNull();
      expect(within(done).getByText('查看')).toBeInTheDocument();

      const dialog = await openReviewDialog();
      const nav = within(dialog).getByLabelText('申请书目录');
      for (const section of APPLICATION_CATALOG) {
        expect(within(dialog).getByText(section.title, { selector: 'h4, h5' })).toBeInTheDocument();
        expect(within(dialog).getByPlaceholderText(section.commentPlaceholder)).toBeInTheDocument();
        expect(within(nav).getByText(section.title, { selector: 'a' })).toHaveAttribute(
          'href',
          `#review-section-${section.key}`,
        );
      }
      expect(within(nav).getByText('业绩成果', { selector: 'a' })).toBeInTheDocument();
      expect(within(dialog).getByPlaceholderText('可在这里填写基本信息的修改意见')).toBeInTheDocument();
      // Header.
      expect(within(dialog).getAllByText('20260300001').length).toBeGreaterThan(0);
      expect(within(dialog).getByText('待单位审核')).toBeInTheDocument();
      expect(within(dialog).getByText('提交次数')).toBeInTheDocument();
      // In full inside the review.
      expect(within(dialog).getByText(FULL_ID)).toBeInTheDocument();
      expect(within(dialog).getByText('15012345655')).toBeInTheDocument();
      // The draft the core kept is back in its box, and counted.
      expect(within(dialog).getByLabelText('教育经历的修改意见')).toHaveValue('请补充学位证书');
      expect(within(dialog).getByText('此申请书有1条修改意见,是否全部显示')).toBeInTheDocument();
      expect(within(dialog).getByLabelText('否')).toBeChecked();
      expect(review.calls.states).toEqual(['app-1']);
      // Scans open from here too.
      expect(within(dialog).getByLabelText('查看 存档查询.png')).toBeInTheDocument();

      fireEvent.change(within(dialog).getByLabelText(BASIC_INFO_BOX), {
        target: { value: '姓名与身份证不符' },
      });
      expect(within(dialog).getByText('此申请书有2条修改意见,是否全部显示')).toBeInTheDocument();
    },
    REVIEW_TIMEOUT,
  );

  it(
    'saves after a pause in typing, and says 已保存 only once the core answered',
    async () => {
      const held = deferred<Result<{ savedAt: string }>>();
      const review = reviewDouble({ save: () => held.promise });
      renderReview({ review });
      await openReview();
      const dialog = await openReviewDialog();
      const box = within(dialog).getByLabelText(BASIC_INFO_BOX);

      fireEvent.change(box, { target: { value: '请核' } });
      fireEvent.change(box, { target: { value: '请核对' } });
      expect(box).toHaveValue('请核对');
      // Not on every keystroke: one save after the pause, with everything typed.
      expect(review.calls.saves).toHaveLength(0);
      expect(saveStatusOf(box)).toHaveTextContent('保存中…');
      await waitFor(() => expect(review.calls.saves).toHaveLength(1), { timeout: 3000 });
      expect(review.calls.saves[0]).toEqual({
        applicationId: 'app-1',
        target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null },
        text: '请核对',
      });
      expect(saveStatusOf(box)).toHaveTextContent('保存中…');
      expect(saveStatusOf(box)).not.toHaveTextContent('已保存');

      held.resolve({ ok: true, value: { savedAt: '2026-03-03T02:15:30.000Z' } });
      // Beijing time, to the second.
      await waitFor(() => expect(saveStatusOf(box)).toHaveTextContent('已保存 10:15:30'));
      expect(review.calls.saves).toHaveLength(1);
    },
    REVIEW_TIMEOUT,
  );

  it(
    'keeps the text and shows the error when a save fails, and saves again with 重试',
    async () => {
      let fail = true;
      const review = reviewDouble({
        save: async () =>
          fail
            ? { ok: false, error: appError('SERVER_ERROR', '本机缓存无法写入,请检查磁盘空间') }
            : { ok: true, value: { savedAt: '2026-03-03T02:15:31.000Z' } },
      });
      renderReview({ review });
      await openReview();
      const dialog = await openReviewDialog();
      const box = within(dialog).getByLabelText(BASIC_INFO_BOX);

      fireEvent.change(box, { target: { value: '学历信息缺失' } });
      // Leaving the box saves at once.
      fireEvent.blur(box);
      await waitFor(() =>
        expect(saveStatusOf(box)).toHaveTextContent('保存失败:本机缓存无法写入,请检查磁盘空间'),
      );
      expect(box).toHaveValue('学历信息缺失');
      expect(saveStatusOf(box)).not.toHaveTextContent('已保存');
      expect(review.drafts.size).toBe(0);

      fail = false;
      await userEvent.click(buttonIn(saveStatusOf(box), '重试'));
      await waitFor(() => expect(saveStatusOf(box)).toHaveTextContent('已保存 10:15:31'));
      expect(review.calls.saves.at(-1)?.text).toBe('学历信息缺失');
      expect(review.drafts.size).toBe(1);
    },
    REVIEW_TIMEOUT,
  );

  it(
    'keeps the drafts when closed with 取消 and shows them on reopening, even one the core refused',
    async () => {
      const review = reviewDouble({
        save: async ({ target }) =>
          target.sectionKey === 'education'
            ? { ok: false, error: appError('SERVER_ERROR', '本机缓存无法写入') }
            : { ok: true, value: { savedAt: '2026-03-03T02:15:31.000Z' } },
      });
      renderReview({ review });
      await openReview();
      let dialog = await openReviewDialog();
      fireEvent.change(within(dialog).getByLabelText(BASIC_INFO_BOX), { target: { value: '请补充曾用名' } });
      fireEvent.change(within(dialog).getByLabelText('教育经历的修改意见'), {
        target: { value: '学位证书编号缺失' },
      });
      // Closing saves at once what waited for the pause.
      await userEvent.click(buttonIn(dialog, '取消'));
      await waitFor(() => expect(screen.queryByText('申请书审核')).toBeNull());
      const educationSaves = () => review.calls.saves.filter((c) => c.target.sectionKey === 'education');
      await waitFor(() => expect(educationSaves().length).toBeGreaterThan(0));
      await waitFor(() => expect([...review.drafts.values()].map((d) => d.text)).toEqual(['请补充曾用名']));
      const tried = educationSaves().length;

      dialog = await openReviewDialog();
      expect(review.calls.states).toEqual(['app-1', 'app-1']);
      expect(within(dialog).getByLabelText(BASIC_INFO_BOX)).toHaveValue('请补充曾用名');
      // The core never stored it, but it was typed: it is still there, and saving is tried again.
      const education = within(dialog).getByLabelText('教育经历的修改意见');
      expect(education).toHaveValue('学位证书编号缺失');
      await waitFor(() => expect(educationSaves().length).toBeGreaterThan(tried));
      await waitFor(() => expect(saveStatusOf(education)).toHaveTextContent('保存失败:本机缓存无法写入'));
      expect(within(dialog).getByText('此申请书有2条修改意见,是否全部显示')).toBeInTheDocument();
    },
    REVIEW_TIMEOUT,
  );

  it(
    'opens a box with 意见 on a field and on a row, and folds comments with 否',
    async () => {
      const review = reviewDouble({
        drafts: [
          {
            target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'mobile' },
            text: '手机号无法接通',
            updatedAt: '2026-03-03T01:00:00.000Z',
          },
        ],
      });
      renderReview({ review });
      await openReview();
      const dialog = await openReviewDialog();
      const mobileBox = '基本信息 手机号的修改意见';

      // 否: the field's comment is folded away; its button and the section say it is there.
      expect(within(dialog).queryByLabelText(mobileBox)).toBeNull();
      expect(within(dialog).getByLabelText('意见:基本信息 手机号')).toHaveTextContent('意见(1)');
      const basicInfo = dialog.querySelector<HTMLElement>('section[aria-label="基本信息"]') ?? dialog;
      expect(within(basicInfo).getByText('1条修改意见')).toBeInTheDocument();
      await userEvent.click(within(basicInfo).getByLabelText('展开基本信息的修改意见'));
      expect(within(dialog).getByLabelText(mobileBox)).toHaveValue('手机号无法接通');
      await userEvent.click(within(basicInfo).getByLabelText('收起基本信息的修改意见'));
      expect(within(dialog).queryByLabelText(mobileBox)).toBeNull();

      // 是: every comment open.
      await userEvent.click(within(dialog).getByLabelText('是'));
      expect(within(dialog).getByLabelText(mobileBox)).toHaveValue('手机号无法接通');
      await userEvent.click(within(dialog).getByLabelText('否'));
      expect(within(dialog).queryByLabelText(mobileBox)).toBeNull();

      // 意见 on a field of a single section.
      await userEvent.click(within(dialog).getByLabelText('意见:基本信息 身份证号'));
      const idBox = within(dialog).getByLabelText('基本信息 身份证号的修改意见');
      expect(idBox).toHaveFocus();
      fireEvent.change(idBox, { target: { value: '身份证号与姓名不符' } });
      fireEvent.blur(idBox);
      await waitFor(() =>
        expect(review.calls.saves).toContainEqual({
          applicationId: 'app-1',
          target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'idNumber' },
          text: '身份证号与姓名不符',
        }),
      );

      // 意见 on a row, and on a field of that row: their boxes open under the row.
      await userEvent.click(within(dialog).getByLabelText('意见:教育经历第1行'));
      const rowBox = within(dialog).getByLabelText('教育经历第1行的修改意见');
      fireEvent.change(rowBox, { target: { value: '请上传毕业证书' } });
      fireEvent.blur(rowBox);
      await userEvent.click(within(dialog).getByLabelText('意见:教育经历第1行 学校'));
      const schoolBox = within(dialog).getByLabelText('教育经历第1行 学校的修改意见');
      fireEvent.change(schoolBox, { target: { value: '学校名称应为全称' } });
      fireEvent.blur(schoolBox);
      await waitFor(() =>
        expect(review.calls.saves.map((s) => s.target)).toEqual(
          expect.arrayContaining([
            { sectionKey: 'education', rowIndex: 0, fieldKey: null },
            { sectionKey: 'education', rowIndex: 0, fieldKey: 'school' },
          ]),
        ),
      );
      expect(within(dialog).getByText('此申请书有4条修改意见,是否全部显示')).toBeInTheDocument();
    },
    REVIEW_TIMEOUT,
  );
});
