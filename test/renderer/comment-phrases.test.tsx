// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider, Modal } from 'antd';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppApiProvider } from '../../src-renderer/api/app-api-context';
import { SessionProvider } from '../../src-renderer/features/auth/session-context';
import { CommentPhrasesProvider } from '../../src-renderer/features/comment-phrases/comment-phrases-context';
import { PhraseTextArea } from '../../src-renderer/features/comment-phrases/PhraseTextArea';
import { PRESET_COMMENT_PHRASES } from '../../src-shared/domain/comment-phrases';
import { fakeEvents, reviewDouble, syncStatus } from './application-review-fixtures';
import {
  openReview,
  openReviewDialog,
  renderReview,
  resetAppEvents,
  REVIEW_TIMEOUT,
} from './application-review-render';
import { commentPhrasesDouble, fakeApi } from './fake-app-api';

/**
 * 常用意见 in a comment box: the 常用意见 button and a typed `/` open the reviewer's phrases, filtered by
 * what is typed; ↑/↓/Enter choose, Esc closes without closing the dialog around the box; the phrase goes
 * in at the caret. 管理常用意见 adds, edits, deletes and reorders, says what to fix, and loses nothing
 * typed when the save fails.
 */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const BOX = '基本信息的修改意见';

/** A comment box in a dialog (as in 申请书审核), whose text the test reads back. */
function Box({
  initial,
  readOnly,
  onDialogClose,
}: {
  initial: string;
  readOnly: boolean;
  onDialogClose(): void;
}) {
  const [text, setText] = useState(initial);
  return (
    <Modal open title="申请书审核" onCancel={onDialogClose} footer={null}>
      <PhraseTextArea aria-label={BOX} value={text} onChange={setText} readOnly={readOnly} maxLength={1000} />
    </Modal>
  );
}

function renderBox(options: { phrases?: readonly string[]; initial?: string; readOnly?: boolean } = {}) {
  const phrases = commentPhrasesDouble(options.phrases ?? PRESET_COMMENT_PHRASES);
  const events = fakeEvents();
  const onDialogClose = vi.fn();
  render(
    <ConfigProvider theme={{ token: { motion: false } }} button={{ autoInsertSpace: false }}>
      <AppApiProvider api={fakeApi(phrases.api)} events={events.source}>
        <SessionProvider>
          <CommentPhrasesProvider>
            <Box
              initial={options.initial ?? ''}
              readOnly={options.readOnly ?? false}
              onDialogClose={onDialogClose}
            />
          </CommentPhrasesProvider>
        </SessionProvider>
      </AppApiProvider>
    </ConfigProvider>,
  );
  return { phrases, events, onDialogClose, box: screen.getByLabelText<HTMLTextAreaElement>(BOX) };
}

const options = () => screen.getAllByRole('option').map((option) => option.textContent);

describe('the 常用意见 picker', () => {
  it('inserts a phrase from the button at the caret, searched and chosen with the keyboard', async () => {
    const { box } = renderBox({ initial: '附件:。' });
    await waitFor(() => expect(screen.getByText('常用意见')).toBeInTheDocument());
    box.focus();
    box.setSelectionRange(3, 3);
    await userEvent.click(screen.getByRole('button', { name: /常用意见/ }));

    expect(await screen.findAllByRole('option')).toHaveLength(PRESET_COMMENT_PHRASES.length);
    const search = screen.getByLabelText('搜索常用意见');
    expect(search).toHaveFocus();
    // What is typed in the search is the picker's alone: the dialog's keyboard shortcuts never see it.
    const dialogKeys = vi.fn();
    window.addEventListener('keydown', dialogKeys);
    await userEvent.type(search, '工作');
    expect(options()).toEqual(['请核对参加工作时间', '工作经历时间不连续,请补充说明']);
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    window.removeEventListener('keydown', dialogKeys);
    expect(dialogKeys).not.toHaveBeenCalled();

    expect(box).toHaveValue('附件:工作经历时间不连续,请补充说明。');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveFocus();
    expect(box.selectionStart).toBe(3 + '工作经历时间不连续,请补充说明'.length);
  });

  it('opens on a typed / filtered by what follows it, and the phrase replaces the /…', async () => {
    const { box } = renderBox();
    await userEvent.type(box, '材料不全 /扫描');
    expect(options()).toEqual(['请上传清晰的扫描件', '请补充上传学历、学位证书扫描件']);
    expect(box).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0]?.id);
    // ↑ from the first wraps to the last.
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(box).toHaveValue('材料不全 请补充上传学历、学位证书扫描件');
    expect(screen.queryByRole('listbox')).toBeNull();

    // With the mouse, at the start of the box; then Enter is a line break again.
    await userEvent.clear(box);
    await userEvent.type(box, '/');
    expect(options()).toHaveLength(PRESET_COMMENT_PHRASES.length);
    await userEvent.click(screen.getByRole('option', { name: '请核对参加工作时间' }));
    expect(box).toHaveValue('请核对参加工作时间');
    await userEvent.type(box, '{Enter}谢谢');
    expect(box).toHaveValue('请核对参加工作时间\n谢谢');
  });

  it('does not open for a / inside a word, and says when nothing matches', async () => {
    const { box } = renderBox();
    await userEvent.type(box, '1/2 页');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box, ' /无此意见');
    expect(screen.getByText('没有包含“无此意见”的常用意见')).toBeInTheDocument();
    // Nothing to choose: Enter goes into the box.
    await userEvent.keyboard('{Enter}');
    expect(box).toHaveValue('1/2 页 /无此意见\n');
    expect(screen.queryByText(/没有包含/)).toBeNull();
  });

  it('closes with Esc and leaves the dialog around the box open', async () => {
    const { box, onDialogClose } = renderBox();
    await userEvent.type(box, '/请');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onDialogClose).not.toHaveBeenCalled();
    // Writing on after that / does not open it again.
    await userEvent.type(box, '核对');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue('/请核对');

    // From the button: Esc goes back to the box.
    await userEvent.click(screen.getByRole('button', { name: /常用意见/ }));
    expect(screen.getByLabelText('搜索常用意见')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveFocus();
    expect(onDialogClose).not.toHaveBeenCalled();

    // From the list's own buttons (Tab leads there from the box): Esc closes the list, back in the box.
    await userEvent.type(box, ' /');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    // The list itself is no Tab stop (Chromium would make a scrolling list one).
    expect(screen.getByRole('listbox')).toHaveAttribute('tabindex', '-1');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: '管理常用意见…' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveFocus();
    expect(onDialogClose).not.toHaveBeenCalled();

    // With the list closed, Esc is the dialog's again.
    await userEvent.keyboard('{Escape}');
    expect(onDialogClose).toHaveBeenCalledTimes(1);
  });

  it('never opens again by itself when it closes: only a newly typed / opens it', async () => {
    const { box, onDialogClose } = renderBox({ initial: 'a /' });
    await waitFor(() => expect(screen.getByText('常用意见')).toBeInTheDocument());
    box.focus();
    box.setSelectionRange(3, 3);
    // A `/` already before the caret is no typed one.
    expect(screen.queryByRole('listbox')).toBeNull();

    // From the button, closed with Esc: back in the box after the `/`, and closed.
    await userEvent.click(screen.getByRole('button', { name: /常用意见$/ }));
    expect(screen.getByLabelText('搜索常用意见')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(box).toHaveFocus();
    expect(box.selectionStart).toBe(3);
    expect(screen.queryByRole('listbox')).toBeNull();
    // One Esc closed the picker; the next is the dialog's.
    await userEvent.keyboard('{Escape}');
    expect(onDialogClose).toHaveBeenCalledTimes(1);

    // From the button, closed by choosing nothing (the button again).
    await userEvent.click(screen.getByRole('button', { name: /常用意见$/ }));
    await userEvent.click(screen.getByRole('button', { name: /常用意见$/ }));
    expect(box).toHaveFocus();
    expect(screen.queryByRole('listbox')).toBeNull();

    // A phrase inserted after the `/`: the caret after it, and closed.
    await userEvent.click(screen.getByRole('button', { name: /常用意见$/ }));
    await userEvent.keyboard('{Enter}');
    expect(box).toHaveValue(`a /${PRESET_COMMENT_PHRASES[0]}`);
    expect(box).toHaveFocus();
    expect(screen.queryByRole('listbox')).toBeNull();

    // A `/` typed opens it; Esc keeps the `/` and its filter as typed, and typing on goes on as usual.
    await userEvent.type(box, ' /核对');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box, '时间');
    expect(box).toHaveValue(`a /${PRESET_COMMENT_PHRASES[0]} /核对时间`);
    expect(screen.queryByRole('listbox')).toBeNull();
    // The caret moved back into that `/…` does not open it either.
    box.setSelectionRange(box.value.length - 2, box.value.length - 2);
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.queryByRole('listbox')).toBeNull();
    // A further typed `/` does.
    await userEvent.type(box, ' /');
    expect(screen.getAllByRole('option')).toHaveLength(PRESET_COMMENT_PHRASES.length);
    expect(onDialogClose).toHaveBeenCalledTimes(1);
  });

  it('inserts nothing that would make the comment longer than the box takes, and says so', async () => {
    const long = `${'意'.repeat(994)} `;
    const { box } = renderBox({ initial: long });
    await userEvent.type(box, '/');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('插入后超过1000字,未插入;请先删减意见');
    expect(box).toHaveValue(`${long}/`);
  });

  it('offers nothing in a read-only box', async () => {
    const { phrases } = renderBox({ readOnly: true, initial: '已提交' });
    await waitFor(() => expect(phrases.state.reads).toBe(1));
    expect(screen.queryByRole('button', { name: /常用意见/ })).toBeNull();
    await userEvent.type(screen.getByLabelText(BOX), '/');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows the list a sync brought', async () => {
    const { box, phrases, events } = renderBox({ phrases: ['旧的意见'] });
    await waitFor(() => expect(phrases.state.reads).toBe(1));
    phrases.synced(['另一台电脑添加的意见']);
    events.emitStatus(syncStatus({ phase: 'idle' }));
    await waitFor(() => expect(phrases.state.reads).toBe(2));
    await userEvent.type(box, '/');
    await waitFor(() => expect(options()).toEqual(['另一台电脑添加的意见']));
  });
});

describe('管理常用意见', () => {
  async function openManager() {
    const rendered = renderBox({ phrases: ['请上传清晰的扫描件', '请核对参加工作时间', '请补充说明'] });
    await userEvent.click(screen.getByRole('button', { name: /常用意见/ }));
    await userEvent.click(screen.getByRole('button', { name: '管理常用意见…' }));
    const dialog = (await screen.findByText('管理常用意见')).closest<HTMLElement>('[role="dialog"]');
    if (!dialog) throw new Error('no manager dialog');
    return { ...rendered, dialog };
  }
  const phraseInputs = (dialog: HTMLElement) =>
    within(dialog)
      .getAllByRole('textbox')
      .map((input) => (input as HTMLInputElement).value);

  it('adds, edits, deletes and reorders, then saves the list offline (待同步 until the sync)', async () => {
    const { dialog, phrases, box } = await openManager();
    expect(phraseInputs(dialog)).toEqual(['请上传清晰的扫描件', '请核对参加工作时间', '请补充说明']);

    await userEvent.click(within(dialog).getByRole('button', { name: /添加常用意见/ }));
    const added = within(dialog).getByLabelText('第4条常用意见');
    expect(added).toHaveFocus();
    await userEvent.type(added, '请补充近三年年度考核表');
    // Moved up with the keyboard: the focus stays on the moved row's button.
    const up = within(dialog).getByRole('button', { name: '上移第4条常用意见' });
    up.focus();
    await userEvent.keyboard('{Enter}');
    expect(within(dialog).getByRole('button', { name: '上移第3条常用意见' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.clear(within(dialog).getByLabelText('第1条常用意见'));
    await userEvent.type(within(dialog).getByLabelText('第1条常用意见'), '请上传清晰完整的扫描件');
    await userEvent.click(within(dialog).getByRole('button', { name: '删除第4条常用意见' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '下移第1条常用意见' }));
    expect(phraseInputs(dialog)).toEqual([
      '请补充近三年年度考核表',
      '请上传清晰完整的扫描件',
      '请核对参加工作时间',
    ]);

    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toEqual([
      ['请补充近三年年度考核表', '请上传清晰完整的扫描件', '请核对参加工作时间'],
    ]);
    expect(await screen.findByText('常用意见已保存在本机,待同步到服务器')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('管理常用意见')).toBeNull());

    // The picker offers the new list at once, and says it waits for the sync.
    await userEvent.type(box, '/考核');
    expect(options()).toEqual(['请补充近三年年度考核表']);
    expect(
      within(screen.getByRole('listbox').parentElement ?? document.body).getByText('待同步'),
    ).toBeInTheDocument();
  });

  it('saves online: 正在保存… while the list is on its way, then 已保存, and nothing says 待同步', async () => {
    const { dialog, phrases, box } = await openManager();
    phrases.state.online = true;
    let arrive = () => {};
    phrases.state.held = new Promise((resolve) => {
      arrive = resolve;
    });
    await userEvent.type(within(dialog).getByLabelText('第3条常用意见'), ',并附证明');
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByRole('button', { name: /正在保存…/ })).toBeInTheDocument();
    expect(screen.queryByText(/待同步/)).toBeNull();

    arrive();
    expect(await screen.findByText('常用意见已保存')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('管理常用意见')).toBeNull());
    expect(screen.queryByText(/待同步/)).toBeNull();
    await userEvent.type(box, '/证明');
    expect(options()).toEqual(['请补充说明,并附证明']);
    expect(screen.queryByText('待同步')).toBeNull();
  });

  it('says so when the list saved online was merged with another PC’s, and offers the merge', async () => {
    const { dialog, phrases, box } = await openManager();
    phrases.state.online = true;
    // Another PC saved since the last sync: the core merged its phrase in before the list was taken.
    phrases.state.serverAnswers = [
      '办公室添加的意见',
      '请上传清晰的扫描件',
      '请核对参加工作时间',
      '请补充证明',
    ];
    await userEvent.click(within(dialog).getByRole('button', { name: /添加常用意见/ }));
    await userEvent.type(within(dialog).getByLabelText('第4条常用意见'), '请补充证明');
    await userEvent.click(within(dialog).getByRole('button', { name: '删除第3条常用意见' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toEqual([['请上传清晰的扫描件', '请核对参加工作时间', '请补充证明']]);
    expect(await screen.findByText('常用意见已保存,并已与其他电脑上的修改合并')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('管理常用意见')).toBeNull());
    await userEvent.type(box, '/');
    expect(options()).toEqual(['办公室添加的意见', '请上传清晰的扫描件', '请核对参加工作时间', '请补充证明']);
    expect(screen.queryByText('待同步')).toBeNull();
  });

  it('opened from a box’s list with the keyboard, gives the focus back to the box when it closes', async () => {
    const { box } = renderBox();
    await userEvent.type(box, '请核对 /');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: '管理常用意见…' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const dialog = (await screen.findByText('管理常用意见')).closest<HTMLElement>('[role="dialog"]');
    if (!dialog) throw new Error('no manager dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveValue('请核对 /');
  });

  it('keeps the focus in the list when a phrase is deleted with the keyboard', async () => {
    const { dialog } = await openManager();
    within(dialog).getByRole('button', { name: '删除第2条常用意见' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(phraseInputs(dialog)).toEqual(['请上传清晰的扫描件', '请补充说明']);
    // The row that took its place: Enter again deletes the next one.
    expect(within(dialog).getByRole('button', { name: '删除第2条常用意见' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    // The last row gone: the one before it.
    expect(within(dialog).getByRole('button', { name: '删除第1条常用意见' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(within(dialog).queryAllByRole('textbox')).toEqual([]);
    expect(within(dialog).getByRole('button', { name: /添加常用意见/ })).toHaveFocus();
  });

  it('says what to fix beside the phrase and saves nothing until it is fixed', async () => {
    const { dialog, phrases } = await openManager();
    await userEvent.click(within(dialog).getByRole('button', { name: /添加常用意见/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(within(dialog).getByText('第4条常用意见是空的,请填写或删除')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('第4条常用意见')).toHaveFocus();
    expect(within(dialog).getByLabelText('第4条常用意见')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(within(dialog).getByLabelText('第4条常用意见'), '请核对参加工作时间');
    expect(within(dialog).getByText('第4条常用意见与第2条重复')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText('第4条常用意见'), '和聘任时间');
    expect(within(dialog).queryByText(/重复/)).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toHaveLength(1);
  });

  it('merges with a list another PC saved while this one was edited, and shows the merge before saving', async () => {
    const { dialog, phrases, events } = await openManager();
    await userEvent.click(within(dialog).getByRole('button', { name: '删除第1条常用意见' }));
    await userEvent.click(within(dialog).getByRole('button', { name: /添加常用意见/ }));
    await userEvent.type(within(dialog).getByLabelText('第3条常用意见'), '这台电脑添加的意见');

    // A sync brings the office PC's list: one phrase added at the top.
    const reads = phrases.state.reads;
    phrases.synced(['办公室添加的意见', '请上传清晰的扫描件', '请核对参加工作时间', '请补充说明']);
    events.emitStatus(syncStatus({ phase: 'idle' }));
    await waitFor(() => expect(phrases.state.reads).toBe(reads + 1));

    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(
      await within(dialog).findByText('常用意见在其他电脑上也有修改,已与这里的修改合并,请确认后再保存'),
    ).toBeInTheDocument();
    expect(phraseInputs(dialog)).toEqual([
      '办公室添加的意见',
      '请核对参加工作时间',
      '请补充说明',
      '这台电脑添加的意见',
    ]);
    expect(phrases.saved).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toEqual([
      ['办公室添加的意见', '请核对参加工作时间', '请补充说明', '这台电脑添加的意见'],
    ]);
  });

  it('keeps what was typed when the save fails, and after the dialog is closed', async () => {
    const { dialog, phrases } = await openManager();
    phrases.state.failSaves = true;
    await userEvent.type(within(dialog).getByLabelText('第3条常用意见'), ',并附证明');
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('保存失败:本机数据写入失败,请重试')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('第3条常用意见')).toHaveValue('请补充说明,并附证明');

    await userEvent.click(within(dialog).getByRole('button', { name: '稍后再改' }));
    await waitFor(() => expect(screen.queryByText('管理常用意见')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: /常用意见/ }));
    await userEvent.click(screen.getByRole('button', { name: '管理常用意见…' }));
    const again = (await screen.findByText('已恢复上次未保存的修改')).closest<HTMLElement>('[role="dialog"]');
    if (!again) throw new Error('no manager dialog');
    expect(within(again).getByLabelText('第3条常用意见')).toHaveValue('请补充说明,并附证明');

    phrases.state.failSaves = false;
    await userEvent.click(within(again).getByRole('button', { name: '保存' }));
    expect(phrases.saved).toEqual([['请上传清晰的扫描件', '请核对参加工作时间', '请补充说明,并附证明']]);
  });
});

describe('常用意见 in 申请书审核', () => {
  it(
    'inserts a phrase into a section’s comment box, and the draft is saved as typed text is',
    async () => {
      const phrases = commentPhrasesDouble(PRESET_COMMENT_PHRASES);
      const review = reviewDouble();
      renderReview({ review, api: phrases.api });
      await openReview();
      const dialog = await openReviewDialog();
      const box = within(dialog).getByLabelText(BOX);
      await userEvent.type(box, '/参加工作');
      await userEvent.keyboard('{Enter}');
      expect(box).toHaveValue('请核对参加工作时间');
      // The review dialog is still open: Enter and the list were the picker's.
      expect(within(dialog).getByLabelText(BOX)).toBeInTheDocument();
      await waitFor(() =>
        expect(review.calls.saves.at(-1)).toMatchObject({
          applicationId: 'app-1',
          target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null },
          text: '请核对参加工作时间',
        }),
      );
    },
    REVIEW_TIMEOUT,
  );
});
