import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Spin, Tooltip, Typography, message } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  commentPhraseProblem,
  MAX_COMMENT_PHRASES,
  mergeCommentPhrases,
} from '../../../src-shared/domain/comment-phrases';
import { useCommentPhrases, useCommentPhrasesStore } from './comment-phrases-context';
import styles from './CommentPhrases.module.css';

/**
 * 管理常用意见: the reviewer's phrases to add, edit, delete and put in order (上移/下移). 保存 keeps them in
 * the core, which sends them at once when online (正在保存… meanwhile, then 已保存); offline, or when the
 * server did not take them, it says 待同步 and the next sync sends them. What is typed and not saved
 * stays in the store for the session: closing the dialog or a failed save loses nothing. When a sync
 * brought another PC's list while this was edited, 保存 first merges the two (mergeCommentPhrases, the
 * sync's own rule) and shows the result, so the edit never overwrites what the other PC saved.
 */
export function CommentPhrasesManager() {
  const open = useCommentPhrases((s) => s.managerOpen);
  const close = useCommentPhrases((s) => s.closeManager);
  const list = useCommentPhrases((s) => s.list);
  const loadError = useCommentPhrases((s) => s.loadError);
  const draft = useCommentPhrases((s) => s.draft);
  const [toast, toastHolder] = message.useMessage();
  const ready = list !== null || draft !== null;
  return (
    <>
      {toastHolder}
      <Modal open={open} title="管理常用意见" width={720} destroyOnHidden onCancel={close} footer={null}>
        {ready ? (
          <PhraseEditor onClose={close} onSaved={(outcome) => void toast.success(SAVED_MESSAGES[outcome])} />
        ) : loadError ? (
          <Alert type="error" showIcon title={`常用意见读取失败:${loadError.message}`} />
        ) : (
          <Spin description="正在读取常用意见…" />
        )}
      </Modal>
    </>
  );
}

/** How a save ended: the core answers the list as the server has it, or as it waits to be sent. */
type SaveOutcome = 'sent' | 'merged' | 'pending';

const SAVED_MESSAGES: Record<SaveOutcome, string> = {
  sent: '常用意见已保存',
  // The server's list had moved on (another PC saved since the last sync): the core merged the two.
  merged: '常用意见已保存,并已与其他电脑上的修改合并',
  pending: '常用意见已保存在本机,待同步到服务器',
};

interface Row {
  /** Stable while the text changes and the row moves. */
  key: number;
  text: string;
}

let rowsMade = 0;

/** A row with a key no other row of the session has. */
function newRow(text: string): Row {
  rowsMade += 1;
  return { key: rowsMade, text };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((phrase, index) => phrase === b[index]);
}

function PhraseEditor({ onClose, onSaved }: { onClose(): void; onSaved(outcome: SaveOutcome): void }) {
  const list = useCommentPhrases((s) => s.list);
  const draft = useCommentPhrases((s) => s.draft);
  const keepDraft = useCommentPhrases((s) => s.keepDraft);
  const save = useCommentPhrases((s) => s.save);
  const store = useCommentPhrasesStore();
  const saved = list?.phrases ?? [];
  // Until the first change the rows are the core's list (a sync may bring a new one meanwhile).
  const [edited, setEdited] = useState<Row[] | null>(() =>
    draft === null ? null : draft.phrases.map(newRow),
  );
  const rows = edited ?? saved.map((text, index) => ({ key: -1 - index, text }));
  // The core's list the edit was made from: a sync may bring a newer one before 保存.
  const [base, setBase] = useState<readonly string[]>(() => draft?.base ?? saved);
  const [restored] = useState(() => draft !== null);
  const [merged, setMerged] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<number>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // What gets the focus after the rows changed: a new or faulty row's input, a moved row's button, the
  // button that took a deleted row's place.
  const focusOn = useRef<string | null>(null);
  const focusable = useRef(new Map<string, HTMLElement>());
  const keep = (name: string) => (element: HTMLElement | null) => {
    if (element) focusable.current.set(name, element);
    else focusable.current.delete(name);
  };

  const texts = rows.map((row) => row.text);
  const dirty = !sameList(texts, saved);
  const problem = commentPhraseProblem(texts);

  useEffect(() => {
    const name = focusOn.current;
    if (name === null) return;
    focusOn.current = null;
    focusable.current.get(name)?.focus();
  });

  const change = (next: Row[], from: readonly string[] = edited === null ? saved : base) => {
    setEdited(next);
    setBase(from);
    setFailure(null);
    const nextTexts = next.map((row) => row.text);
    keepDraft(sameList(nextTexts, saved) ? null : { phrases: nextTexts, base: from });
  };

  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + by, 0, row);
    change(next);
    // The focus follows the row, so the same button can be pressed again; at the end, the other one.
    const to = index + by;
    const direction = by === -1 ? (to === 0 ? 'down' : 'up') : to === rows.length - 1 ? 'up' : 'down';
    focusOn.current = `${row.key}:${direction}`;
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    change(next);
    // The focus would drop to the page with the removed button: it goes to the row that took its place
    // (or the one before it), so the keyboard goes on where it was.
    const neighbour = next[index] ?? next[index - 1];
    focusOn.current = neighbour ? `${neighbour.key}:delete` : 'add';
  };

  const add = () => {
    const row = newRow('');
    change([...rows, row]);
    focusOn.current = `${row.key}:input`;
  };

  const submit = async () => {
    setSubmitted(true);
    if (problem !== null) {
      const row = rows[problem[0]];
      if (row) focusable.current.get(`${row.key}:input`)?.focus();
      return;
    }
    if (!sameList(base, saved)) {
      // Another PC's list arrived while this was edited: both edits kept (the sync's rule), shown first.
      change(mergeCommentPhrases(base, texts, saved).map(newRow), saved);
      setMerged(true);
      return;
    }
    setSaving(true);
    const error = await save(texts);
    setSaving(false);
    if (error !== null) {
      setFailure(`保存失败:${error.message}`);
      return;
    }
    keepDraft(null);
    const answered = store?.getState().list ?? null;
    const sent = texts.map((text) => text.trim());
    onSaved(
      answered === null || answered.pending
        ? 'pending'
        : sameList(answered.phrases, sent)
          ? 'sent'
          : 'merged',
    );
    onClose();
  };

  const errorAt = (index: number, key: number): string | null =>
    problem !== null && problem[0] === index && (submitted || touched.has(key)) ? problem[1] : null;
  const listError = problem !== null && problem[0] >= rows.length && submitted ? problem[1] : null;

  return (
    <div>
      {list?.pending && (
        <Alert
          className={styles.notice}
          type="info"
          showIcon
          title="待同步:常用意见的修改已保存在本机,联网后自动同步到服务器"
        />
      )}
      {list?.problem && <Alert className={styles.notice} type="warning" showIcon title={list.problem} />}
      {merged && (
        <Alert
          className={styles.notice}
          type="warning"
          showIcon
          title="常用意见在其他电脑上也有修改,已与这里的修改合并,请确认后再保存"
        />
      )}
      {restored && dirty && (
        <Alert
          className={styles.notice}
          type="info"
          showIcon
          title="已恢复上次未保存的修改"
          action={
            <Button size="small" onClick={() => change(saved.map(newRow), saved)}>
              放弃修改
            </Button>
          }
        />
      )}
      <Typography.Paragraph type="secondary">
        在修改意见框中点击“常用意见”或输入“/”即可插入。每条不超过200字,最多{MAX_COMMENT_PHRASES}条。
      </Typography.Paragraph>
      <ol className={styles.rows} aria-label="常用意见列表">
        {rows.map((row, index) => {
          const error = errorAt(index, row.key);
          const label = `第${index + 1}条常用意见`;
          const errorId = `phrase-error-${row.key}`;
          return (
            <li key={row.key} className={styles.row}>
              <span className={styles.number} aria-hidden>
                {index + 1}.
              </span>
              <div>
                <Input
                  ref={(element) => keep(`${row.key}:input`)(element?.input ?? null)}
                  aria-label={label}
                  aria-invalid={error !== null}
                  aria-describedby={error ? errorId : undefined}
                  status={error ? 'error' : undefined}
                  value={row.text}
                  placeholder="请输入常用意见"
                  onChange={(event) =>
                    change(rows.map((r) => (r.key === row.key ? { ...r, text: event.target.value } : r)))
                  }
                  onBlur={() => setTouched((t) => new Set(t).add(row.key))}
                />
                {error && (
                  <Typography.Text type="danger" id={errorId} className={styles.rowError}>
                    {error}
                  </Typography.Text>
                )}
              </div>
              <Space.Compact>
                <Tooltip title="上移">
                  <Button
                    ref={keep(`${row.key}:up`)}
                    aria-label={`上移${label}`}
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  />
                </Tooltip>
                <Tooltip title="下移">
                  <Button
                    ref={keep(`${row.key}:down`)}
                    aria-label={`下移${label}`}
                    icon={<ArrowDownOutlined />}
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  />
                </Tooltip>
                <Tooltip title="删除">
                  <Button
                    ref={keep(`${row.key}:delete`)}
                    aria-label={`删除${label}`}
                    icon={<DeleteOutlined />}
                    danger
                    onClick={() => remove(index)}
                  />
                </Tooltip>
              </Space.Compact>
            </li>
          );
        })}
      </ol>
      {listError && (
        <Typography.Text type="danger" role="alert" className={styles.rowError}>
          {listError}
        </Typography.Text>
      )}
      {failure && <Alert className={styles.notice} type="error" showIcon title={failure} role="alert" />}
      <div className={styles.managerFooter}>
        <Button
          ref={(element) => keep('add')(element)}
          icon={<PlusOutlined />}
          disabled={rows.length >= MAX_COMMENT_PHRASES}
          onClick={add}
        >
          添加常用意见
        </Button>
        <Space>
          <Button onClick={onClose}>{dirty ? '稍后再改' : '关闭'}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {saving ? '正在保存…' : '保存'}
          </Button>
        </Space>
      </div>
    </div>
  );
}
