import { CommentOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip, Typography } from 'antd';
import type { CommentTarget, StoredComment } from '../../../../src-shared/contracts';
import { formatBeijingClock, formatBeijingDateTime } from '../../../../src-shared/time/beijing-time';
import { PhraseTextArea } from '../../comment-phrases/PhraseTextArea';
import { targetChanged } from './content-changes';
import { targetKey, targetLabel } from './comment-targets';
import type { DraftEntry } from './review-draft-store';
import { BOX_ATTRIBUTE, focusStopProps } from './keyboard/use-review-keyboard';
import { hasComments, useDrafts, useReviewModel } from './review-model';
import styles from './ReviewDialog.module.css';

/** 已修改, with the value before the applicant's change on hover. */
export function ChangedMark({ before, label = '已修改' }: { before?: string; label?: string }) {
  const tag = (
    <Tag color="gold" className={styles.mark}>
      {label}
    </Tag>
  );
  return before === undefined ? tag : <Tooltip title={`修改前:${before}`}>{tag}</Tooltip>;
}

/** Comments the server keeps for one target: earlier rounds as history, this round's as current. */
function StoredComments({ comments }: { comments: readonly StoredComment[] }) {
  const model = useReviewModel();
  if (comments.length === 0) return null;
  return (
    <ul className={styles.stored}>
      {comments.map((c, i) => {
        const changed =
          model.changes !== null && c.round === model.answeredRound && targetChanged(model.changes, c.target);
        return (
          <li key={`${c.round}-${c.at}-${i}`} className={c.round < model.round ? styles.history : undefined}>
            <Typography.Text type="secondary">
              第{c.round}轮{c.round === model.round ? '(本轮)' : ''} · {c.authorName} ·{' '}
              {formatBeijingDateTime(c.at)}:
            </Typography.Text>
            <span className={styles.storedText}>{c.text}</span>
            {changed && <ChangedMark />}
          </li>
        );
      })}
    </ul>
  );
}

function SaveStatus({ entry, locked }: { entry: DraftEntry | undefined; locked: boolean }) {
  const flush = useDrafts((s) => s.flush);
  if (locked) {
    return <Typography.Text type="secondary">审核结果待同步,修改意见暂不能修改</Typography.Text>;
  }
  if (!entry) return null;
  switch (entry.phase) {
    case 'idle':
      return null;
    case 'editing':
    case 'saving':
      return <Typography.Text type="secondary">保存中…</Typography.Text>;
    case 'saved':
      return (
        <Typography.Text type="secondary">
          已保存{entry.savedAt ? ` ${formatBeijingClock(entry.savedAt)}` : ''}
        </Typography.Text>
      );
    case 'failed':
      return (
        <>
          <Typography.Text type="danger">保存失败:{entry.error}</Typography.Text>
          <Button type="link" size="small" onClick={() => void flush(entry.target)}>
            重试
          </Button>
        </>
      );
  }
}

/**
 * One comment box: the server's comments on the target, then the reviewer's draft, saved as they type
 * and when they leave the box. The text stays in the box whatever the save answers.
 */
export function CommentBox({
  target,
  placeholder,
  closable = false,
}: {
  target: CommentTarget;
  placeholder?: string;
  /** Opened with 意见: can be put away again. */
  closable?: boolean;
}) {
  const model = useReviewModel();
  const key = targetKey(target);
  const entry = useDrafts((s) => s.drafts[key]);
  const edit = useDrafts((s) => s.edit);
  const flush = useDrafts((s) => s.flush);
  const label = targetLabel(target);
  return (
    <div className={styles.commentBox} role="group" {...{ [BOX_ATTRIBUTE]: key }}>
      <StoredComments comments={model.stored.get(key) ?? []} />
      <PhraseTextArea
        aria-label={`${label}的修改意见`}
        placeholder={placeholder ?? `可在这里填写${label}的修改意见`}
        value={entry?.text ?? ''}
        readOnly={model.locked}
        maxLength={1000}
        autoSize={{ minRows: 2, maxRows: 8 }}
        // Opened with 意见: the reviewer clicked to write.
        autoFocus={closable}
        onChange={(text) => edit(target, text)}
        onBlur={() => void flush(target)}
        addon={
          <div className={styles.commentStatus} aria-live="polite">
            <SaveStatus entry={entry} locked={model.locked} />
            {closable && (
              <Button type="link" size="small" onClick={() => model.setTargetOpen(target, false)}>
                收起
              </Button>
            )}
          </div>
        }
      />
    </div>
  );
}

/**
 * 意见 on a field or a row: opens its comment box. The count says how many comments it already has, so
 * they are found while the section's comments are folded away.
 */
export function CommentButton({
  target,
  filled,
  compact = false,
  stop = false,
}: {
  target: CommentTarget;
  filled: ReadonlySet<string>;
  /** In a table cell: the icon only. */
  compact?: boolean;
  /** A stop of J/K (a field of a section, or a row): the box it opens is the field's. */
  stop?: boolean;
}) {
  const model = useReviewModel();
  const key = targetKey(target);
  const count = (filled.has(key) ? 1 : 0) + (model.stored.get(key)?.length ?? 0);
  const open = model.openTargets.has(key);
  const has = hasComments(model, filled, target);
  return (
    <Button
      type="link"
      size="small"
      // Quiet until there is something to see: the application's values are what the eye should find.
      className={has || open ? styles.commentButton : `${styles.commentButton} ${styles.idle}`}
      icon={<CommentOutlined />}
      aria-label={`意见:${targetLabel(target)}`}
      aria-expanded={open}
      {...(stop ? focusStopProps(target, 'field') : {})}
      onClick={() => model.setTargetOpen(target, !open)}
    >
      {compact ? (has ? count : null) : `意见${has ? `(${count})` : ''}`}
    </Button>
  );
}
