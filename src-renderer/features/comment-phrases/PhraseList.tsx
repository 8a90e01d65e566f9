import { Button, Input, Tag, Typography } from 'antd';
import { useEffect, useImperativeHandle, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useStore } from 'zustand';
import { filterCommentPhrases } from '../../../src-shared/domain/comment-phrases';
import type { CommentPhrasesStore } from './comment-phrases-store';
import styles from './CommentPhrases.module.css';

export interface PhraseListHandle {
  /** ↑/↓ move the choice, Enter takes it; true when the key was the list's. */
  handleKey(key: string): boolean;
}

/**
 * The phrases a comment box offers, filtered by `query`: a listbox whose active option follows ↑/↓ (the
 * focus stays in the box, or in the list's own search box when the button opened it), and 管理常用意见….
 */
export function PhraseList({
  ref,
  store,
  id,
  query,
  search,
  refused,
  onActive,
  onChoose,
  onManage,
}: {
  ref: Ref<PhraseListHandle>;
  store: CommentPhrasesStore;
  id: string;
  query: string;
  /** Opened with the button: a search box of its own, which the list's keys come from. */
  search: { onQuery(query: string): void; onKeyDown(event: KeyboardEvent<HTMLInputElement>): void } | null;
  /** Why the last choice did not go in, in Chinese. */
  refused: string | null;
  /** The active option's element id, for the box's aria-activedescendant. */
  onActive(id: string | undefined): void;
  onChoose(phrase: string): void;
  onManage(): void;
}) {
  const list = useStore(store, (s) => s.list);
  const loadError = useStore(store, (s) => s.loadError);
  const shown = useMemo(
    () => (list === null ? [] : filterCommentPhrases(list.phrases, query)),
    [list, query],
  );
  // A new query starts at its first match.
  const [chosen, setChosen] = useState({ query, index: 0 });
  const current = chosen.query === query ? Math.min(chosen.index, Math.max(shown.length - 1, 0)) : 0;
  const setActive = (index: number) => setChosen({ query, index });
  const optionId = (index: number) => `${id}-option-${index}`;

  const activeId = shown.length > 0 ? optionId(current) : undefined;
  useEffect(() => {
    onActive(activeId);
    if (activeId !== undefined) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId, onActive]);

  useImperativeHandle(ref, () => ({
    handleKey(key) {
      if (shown.length === 0) return false;
      if (key === 'ArrowDown') setActive((current + 1) % shown.length);
      else if (key === 'ArrowUp') setActive((current - 1 + shown.length) % shown.length);
      else if (key === 'Enter') onChoose(shown[current] ?? '');
      else return false;
      return true;
    },
  }));

  const empty = (() => {
    if (list === null) return loadError ? `常用意见读取失败:${loadError.message}` : '正在读取常用意见…';
    if (list.phrases.length === 0) return '还没有常用意见,可在“管理常用意见”中添加';
    return `没有包含“${query.trim()}”的常用意见`;
  })();

  return (
    <div className={styles.panel}>
      {search && (
        <Input
          size="small"
          autoFocus
          allowClear
          aria-label="搜索常用意见"
          placeholder="搜索常用意见"
          aria-controls={id}
          aria-activedescendant={activeId}
          value={query}
          onChange={(event) => search.onQuery(event.target.value)}
          onKeyDown={search.onKeyDown}
        />
      )}
      {shown.length > 0 ? (
        <ul
          className={styles.options}
          role="listbox"
          id={id}
          aria-label="常用意见"
          // Chromium makes a scrolling list a Tab stop of its own, where ↑/↓/Enter/Esc would do nothing of
          // the list's: its keys are the box's (or the search box's), which keep the focus.
          tabIndex={-1}
        >
          {shown.map((phrase, index) => (
            <li
              key={phrase}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              className={index === current ? `${styles.option} ${styles.active}` : styles.option}
              // The focus stays in the box: the phrase goes in at its caret.
              onMouseDown={(event) => event.preventDefault()}
              // Moving, not entering: a list that opens under a resting pointer keeps the keyboard's
              // choice (Enter takes the first match, not the one the pointer happens to be over).
              onMouseMove={() => setActive(index)}
              onClick={() => onChoose(phrase)}
            >
              {phrase}
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary" className={styles.empty}>
          {empty}
        </Typography.Text>
      )}
      {refused && (
        <Typography.Text type="danger" role="alert" className={styles.empty}>
          {refused}
        </Typography.Text>
      )}
      <div className={styles.panelFooter}>
        <Typography.Text type="secondary">↑↓ 选择 · Enter 插入 · Esc 关闭</Typography.Text>
        {list?.pending && <Tag color="orange">待同步</Tag>}
        <Button type="link" size="small" onMouseDown={(event) => event.preventDefault()} onClick={onManage}>
          管理常用意见…
        </Button>
      </div>
    </div>
  );
}
