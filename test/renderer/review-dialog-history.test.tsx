// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredComment } from '../../src-shared/contracts';
import { detail, reviewDetail, row } from './application-review-fixtures';
import {
  buttonIn,
  openReview,
  openReviewDialog,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
} from './application-review-render';

/** 申请书审核 of a resubmitted application: what was asked before, and what the applicant changed since. */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

function comment(
  round: number,
  target: StoredComment['target'],
  text: string,
  authorName = '李娜',
  at = '2026-02-10T02:00:00.000Z',
): StoredComment {
  return { round, target, text, authorName, action: 'unitReturn', at };
}

/** The content at the return: another phone number, 20 hours of 继续教育, and a second paper since removed. */
const previousContent = {
  ...detail.content,
  basicInfo: { ...detail.content.basicInfo, mobile: '15000000000' },
  continuingEducation: [{ year: '2025', project: '心血管新进展', hours: 20, category: '专业课' }],
  papers: [
    ...(Array.isArray(detail.content.papers) ? detail.content.papers : []),
    { title: '旧论文', journal: '某期刊', serialNo: '', publishedMonth: '2020-01', authorRank: 2 },
  ],
};

const resubmitted = reviewDetail({
  // Second submission: round 1's comments are history.
  submitCount: 2,
  previousContent,
  comments: [
    comment(1, { sectionKey: 'continuingEducation', rowIndex: null, fieldKey: null }, '请补充继续教育学时'),
    comment(1, { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'mobile' }, '手机号有误'),
    comment(1, { sectionKey: 'education', rowIndex: 0, fieldKey: null }, '请补充学位'),
  ],
});

async function hoverFor(element: HTMLElement, text: string) {
  await userEvent.hover(element);
  expect(await screen.findByText(text)).toBeInTheDocument();
  await userEvent.unhover(element);
}

describe('申请书审核 of a resubmission', () => {
  it(
    'shows earlier rounds under their targets and marks what changed since the return',
    async () => {
      renderReview({ rows: [row(1, { submitCount: 2 })], detail: resubmitted });
      await openReview();
      const dialog = await openReviewDialog();
      const section = (title: string) =>
        dialog.querySelector<HTMLElement>(`section[aria-label="${title}"]`) ?? dialog;

      // History is not this round's: nothing to count yet.
      expect(within(dialog).getByText('此申请书有0条修改意见,是否全部显示')).toBeInTheDocument();

      // A section's comment stays under its box; the section changed since, so it is marked.
      const education = section('继续教育');
      const sectionComment = within(education).getByText('请补充继续教育学时').closest('li') ?? education;
      expect(sectionComment).toHaveTextContent('第1轮 · 李娜 · 2026-02-10 10:00:请补充继续教育学时');
      expect(within(sectionComment).getByText('已修改')).toBeInTheDocument();
      // The row and its field: changed, with the value before on hover.
      const hours = within(education).getByText('30').closest('td') ?? education;
      await hoverFor(within(hours).getByText('已修改'), '修改前:20');
      const rowTools = within(education).getByLabelText('意见:继续教育第1行').closest('td') ?? education;
      expect(within(rowTools).getByText('已修改')).toBeInTheDocument();

      // A field's comment is folded with its section until opened; the field is marked.
      const basicInfo = section('基本信息');
      expect(within(basicInfo).getByText('1条历史意见')).toBeInTheDocument();
      expect(within(basicInfo).queryByText('手机号有误')).toBeNull();
      const mobile = within(basicInfo).getByText('15012345655').closest('td') ?? basicInfo;
      await hoverFor(within(mobile).getByText('已修改'), '修改前:15000000000');
      await userEvent.click(within(basicInfo).getByLabelText('展开基本信息的修改意见'));
      const mobileComment = within(basicInfo).getByText('手机号有误').closest('li') ?? basicInfo;
      expect(mobileComment).toHaveTextContent('第1轮 · 李娜');
      expect(within(mobileComment).getByText('已修改')).toBeInTheDocument();
      // Unchanged fields carry no mark.
      const idCell = within(basicInfo).getByText('360426199101010071').closest('td') ?? basicInfo;
      expect(within(idCell).queryByText('已修改')).toBeNull();

      // 是: the row comment opens under its row; the row did not change, so no mark on the comment.
      await userEvent.click(within(dialog).getByLabelText('是'));
      const rowComment = within(section('教育经历')).getByText('请补充学位').closest('li');
      expect(rowComment).toHaveTextContent('第1轮 · 李娜');
      expect(within(rowComment ?? dialog).queryByText('已修改')).toBeNull();

      // A removed row is said.
      expect(within(section('论文')).getByText('申报人在上次退回后删除了1行')).toBeInTheDocument();
    },
    REVIEW_TIMEOUT,
  );

  it(
    "counts this round's comments of the department beside the unit's drafts",
    async () => {
      renderReview({
        rows: [row(1, { state: 'deptReturned', submitCount: 2 })],
        detail: reviewDetail({
          state: 'deptReturned',
          submitCount: 2,
          comments: [
            comment(
              2,
              { sectionKey: 'papers', rowIndex: 0, fieldKey: 'serialNo' },
              '刊号无法查证',
              '张伟',
              '2026-03-05T06:00:00.000Z',
            ),
          ],
        }),
      });
      await openReview();
      const dialog = await openReviewDialog();
      expect(within(dialog).getByText('此申请书有1条修改意见,是否全部显示')).toBeInTheDocument();
      // The field's 意见 says it has one.
      expect(within(dialog).getByLabelText('意见:论文第1行 刊号(ISSN/CN)')).toHaveTextContent('1');
      await userEvent.click(within(dialog).getByLabelText('是'));
      const current = within(dialog).getByText('刊号无法查证').closest('li') ?? dialog;
      expect(current).toHaveTextContent('第2轮(本轮) · 张伟 · 2026-03-05 14:00:刊号无法查证');
      // From 主管部门退回 the unit passes it on to the applicant or reports it up again.
      expect(buttonIn(dialog, '上报主管部门')).toBeEnabled();
      expect(buttonIn(dialog, '审核不通过,回退')).toBeDisabled();
    },
    REVIEW_TIMEOUT,
  );
});
