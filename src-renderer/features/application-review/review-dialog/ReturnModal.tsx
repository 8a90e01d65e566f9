import { Alert, Button, Modal, Radio, Space, Typography } from 'antd';
import { useRef, useState, type RefObject } from 'react';
import type { AppError } from '../../../../src-shared/contracts';
import {
  RETURN_TARGET_LABELS,
  type Transition,
  type TransitionId,
} from '../../../../src-shared/domain/workflow';
import styles from './ReviewDialog.module.css';

/**
 * 审核不通过,回退 (and 公示有异议): whom the application goes back to, and how many comments go with it.
 * A department chooses 退回单位 or 退回个人; a unit can only send it back to the applicant. Opened (with H
 * too), the chosen target has the focus: ↑/↓ or ←/→ choose another, Enter sends, Esc cancels.
 */
export function ReturnModal({
  title,
  transitions,
  comments,
  busy,
  onCancel,
  onSubmit,
}: {
  title: string | null;
  /** The returns to choose from, all with returnTo. */
  transitions: readonly Transition[];
  comments: number;
  busy: boolean;
  onCancel(): void;
  onSubmit(transitionId: TransitionId): Promise<AppError | null>;
}) {
  const targets = useRef<HTMLDivElement>(null);
  return (
    <Modal
      open={title !== null}
      title={title}
      onCancel={onCancel}
      afterOpenChange={(opened) => {
        if (opened) targets.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
      }}
      footer={null}
      destroyOnHidden
      width={480}
    >
      {title !== null && (
        <ReturnForm
          targetsRef={targets}
          transitions={transitions}
          comments={comments}
          busy={busy}
          onCancel={onCancel}
          onSubmit={onSubmit}
        />
      )}
    </Modal>
  );
}

function ReturnForm({
  targetsRef,
  transitions,
  comments,
  busy,
  onCancel,
  onSubmit,
}: {
  targetsRef: RefObject<HTMLDivElement | null>;
  transitions: readonly Transition[];
  comments: number;
  busy: boolean;
  onCancel(): void;
  onSubmit(transitionId: TransitionId): Promise<AppError | null>;
}) {
  const [chosen, setChosen] = useState<TransitionId | undefined>(transitions[0]?.id);
  const [failure, setFailure] = useState<AppError | null>(null);
  const submit = async () => {
    if (chosen) setFailure(await onSubmit(chosen));
  };
  return (
    <Space orientation="vertical" size="middle" className={styles.fullWidth}>
      <div
        ref={targetsRef}
        onKeyDown={(event) => {
          // On a target, Enter is 确定退回 (a radio button has no Enter of its own).
          if (event.key !== 'Enter' || event.nativeEvent.isComposing || busy) return;
          event.preventDefault();
          void submit();
        }}
      >
        <Typography.Text>退回到:</Typography.Text>
        <Radio.Group
          aria-label="退回到"
          value={chosen}
          onChange={(e) => setChosen(e.target.value as TransitionId)}
          options={transitions.map((t) => ({
            value: t.id,
            label: t.returnTo ? RETURN_TARGET_LABELS[t.returnTo] : t.label,
          }))}
        />
      </div>
      <Typography.Text type="secondary">将随本次退回发送{comments}条修改意见。</Typography.Text>
      {failure && failure.code !== 'UNAUTHENTICATED' && (
        <Alert type="error" showIcon title={failure.message} />
      )}
      <div className={styles.formButtons}>
        <Button onClick={onCancel}>取消</Button>
        <Button type="primary" danger loading={busy} disabled={!chosen} onClick={() => void submit()}>
          确定退回
        </Button>
      </div>
    </Space>
  );
}
