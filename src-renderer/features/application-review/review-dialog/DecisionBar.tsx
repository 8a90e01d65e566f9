import { Alert, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode, Ref } from 'react';
import { useImperativeHandle, useState } from 'react';
import type { AppError, ApplicationDetail } from '../../../../src-shared/contracts';
import type { Role } from '../../../../src-shared/domain/roles';
import {
  allowedTransitions,
  publicityOverProblem,
  transitionById,
  type PublicityPeriod,
  type Transition,
  type TransitionId,
} from '../../../../src-shared/domain/workflow';
import { useCalendar } from '../../calendar/calendar-context';
import { transitionText } from '../transition-label';
import { ShortcutHint } from './keyboard/ShortcutHint';
import { ariaKeyShortcuts, type ReviewAction } from './keyboard/review-shortcuts';
import { PublicityPeriodModal } from './PublicityPeriodModal';
import type { Decision } from './review-draft-store';
import { useDrafts, useFilledKeys } from './review-model';
import { ReturnModal } from './ReturnModal';
import styles from './ReviewDialog.module.css';

export const NEEDS_COMMENT = '请先填写至少一条修改意见';
const RETURN_LABEL = '审核不通过,回退';

/** Why no decision can be made now, or null. */
function blockedBy(decision: Decision | null, loaded: boolean): string | null {
  if (!loaded) return '正在读取修改意见…';
  if (decision?.status === 'pending' || decision?.status === 'sending') {
    return '审核结果待同步,同步完成后才能再次审核';
  }
  if (decision?.status === 'conflict' || decision?.status === 'rejected') {
    return '请先处理未被服务器接受的审核结果';
  }
  return null;
}

function decisionLabel(transitionId: string): string {
  const transition = transitionById(transitionId);
  return transition ? transitionText(transition) : transitionId;
}

/** 待同步 / 已生效 / 冲突 for the decision made in this dialog. */
export function DecisionStatus() {
  const decision = useDrafts((s) => s.decision);
  if (!decision) return null;
  const label = decisionLabel(decision.transitionId);
  let tag: ReactNode;
  let text: string;
  switch (decision.status) {
    case 'pending':
    case 'sending':
      tag = <Tag color="orange">待同步</Tag>;
      text = `“${label}”已保存在本机,将在同步时发送到服务器`;
      break;
    case 'applied':
      tag = <Tag color="green">已生效</Tag>;
      text = `“${label}”已生效`;
      break;
    case 'conflict':
      tag = <Tag color="red">冲突</Tag>;
      text = `“${label}”未能生效,请在上方选择处理方式`;
      break;
    case 'rejected':
      tag = <Tag color="red">未生效</Tag>;
      text = `“${label}”未能生效,请在上方选择处理方式`;
      break;
  }
  return (
    <span className={styles.status} data-testid="decision-status">
      {tag}
      <Typography.Text type="secondary">{text}</Typography.Text>
    </span>
  );
}

/** A button that cannot be used now, with the reason on hover (a disabled button gets no hover itself). */
function Unavailable({
  reason,
  shortcut,
  children,
}: {
  reason: string;
  shortcut?: ReviewAction;
  children: ReactNode;
}) {
  return (
    <Tooltip title={reason}>
      <span>
        <Button disabled aria-keyshortcuts={shortcut && ariaKeyShortcuts(shortcut)}>
          {children}
          {shortcut && <ShortcutHint action={shortcut} />}
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * The decisions the keyboard asks for (T, H): each opens its confirmation, never decides at once. Each
 * answers why it cannot now (the reason its disabled button shows), or null once it opened.
 */
export interface DecisionShortcuts {
  approve(): string | null;
  returnBack(): string | null;
}

/** The approvals T opens: the unit's (with a publicity period) and the department's. */
const APPROVALS: readonly TransitionId[] = ['unitApprove', 'deptApprove'];

/**
 * The dialog's buttons (manual 4): only the steps the workflow allows from this state for this role,
 * each disabled with its reason while its rule does not hold yet.
 */
export function DecisionBar({
  detail,
  role,
  onClose,
  onDecided,
  onFailed,
  onPrint,
  ref,
}: {
  detail: ApplicationDetail;
  role: Role;
  onClose(): void;
  /** 再次打印公示表: the form of this application, approved (or its approval waiting to be sent). */
  onPrint(): void;
  onDecided(transition: Transition, publicity?: PublicityPeriod): void;
  /** A failure outside the forms (a confirmation's decision). */
  onFailed(error: AppError): void;
  ref?: Ref<DecisionShortcuts>;
}) {
  const comments = useFilledKeys().size;
  const decision = useDrafts((s) => s.decision);
  const loaded = useDrafts((s) => s.loaded);
  const busy = useDrafts((s) => s.busy);
  const decide = useDrafts((s) => s.decide);
  const [returning, setReturning] = useState<{ title: string; transitions: Transition[] } | null>(null);
  const [approving, setApproving] = useState(false);
  // The confirmation open (a popconfirm): controlled, so T can open the department's 审核通过 too. With it,
  // where the focus was (a field, the button): a popconfirm does not give it back, so after Esc, 取消 or
  // 确定 it would fall to the page, where it is not seen.
  const [confirm, setConfirm] = useState<{ id: TransitionId; opener: HTMLElement | null } | null>(null);
  const confirming = confirm?.id ?? null;
  const setConfirming = (transitionId: TransitionId | null) => {
    if (transitionId !== null) {
      const active = document.activeElement;
      setConfirm({
        id: transitionId,
        opener: active instanceof HTMLElement && active !== document.body ? active : null,
      });
      return;
    }
    setConfirm(null);
    if (confirm?.opener?.isConnected) confirm.opener.focus();
  };
  const calendar = useCalendar((s) => s.calendar);

  const transitions = allowedTransitions(detail.state, role);
  const blocked = blockedBy(decision, loaded);
  const returnsBack = transitions.filter((t) => t.label === RETURN_LABEL);

  useImperativeHandle(ref, () => ({
    approve() {
      const approval = transitions.find((t) => APPROVALS.includes(t.id));
      if (!approval) return '此申请书当前不能审核通过';
      if (blocked) return blocked;
      if (approval.id === 'unitApprove') setApproving(true);
      else setConfirming(approval.id);
      return null;
    },
    returnBack() {
      if (returnsBack.length === 0) return '此申请书当前不能审核不通过,回退';
      const reason = blocked ?? (comments === 0 ? NEEDS_COMMENT : null);
      if (reason) return reason;
      setReturning({ title: RETURN_LABEL, transitions: returnsBack });
      return null;
    },
  }));

  const run = async (transitionId: TransitionId, publicity?: PublicityPeriod): Promise<AppError | null> => {
    const error = await decide(transitionId, publicity);
    const transition = transitionById(transitionId);
    if (!error && transition) {
      setReturning(null);
      setApproving(false);
      setConfirming(null);
      onDecided(transition, publicity);
    }
    return error;
  };
  const confirmed = async (transitionId: TransitionId) => {
    const error = await run(transitionId);
    if (error && error.code !== 'UNAUTHENTICATED') onFailed(error);
  };

  const buttons: ReactNode[] = [];
  const withReturns = (title: string, returns: Transition[], key: string, shortcut?: ReviewAction) => {
    if (returns.length === 0) return;
    const reason = blocked ?? (comments === 0 ? NEEDS_COMMENT : null);
    buttons.push(
      reason ? (
        <Unavailable key={key} reason={reason} shortcut={shortcut}>
          {title}
        </Unavailable>
      ) : (
        <Button
          key={key}
          danger
          aria-keyshortcuts={shortcut && ariaKeyShortcuts(shortcut)}
          onClick={() => setReturning({ title, transitions: returns })}
        >
          {title}
          {shortcut && <ShortcutHint action={shortcut} />}
        </Button>
      ),
    );
  };
  const withConfirm = (transition: Transition, question: string, reason: string | null, primary = false) => {
    const why = blocked ?? reason;
    const shortcut = APPROVALS.includes(transition.id) ? 'approve' : undefined;
    buttons.push(
      why ? (
        <Unavailable key={transition.id} reason={why} shortcut={shortcut}>
          {transition.label}
        </Unavailable>
      ) : (
        <Popconfirm
          key={transition.id}
          title={question}
          okText="确定"
          cancelText="取消"
          open={confirming === transition.id}
          onOpenChange={(open) => setConfirming(open ? transition.id : null)}
          // Opened from the keyboard too: Enter confirms, Esc cancels. Made anew at each opening, so 确定
          // has the focus every time, not only the first.
          destroyOnHidden
          okButtonProps={{ autoFocus: true }}
          onConfirm={() => confirmed(transition.id)}
        >
          <Button
            type={primary ? 'primary' : 'default'}
            loading={busy}
            aria-keyshortcuts={shortcut && ariaKeyShortcuts(shortcut)}
          >
            {transition.label}
            {shortcut && <ShortcutHint action={shortcut} />}
          </Button>
        </Popconfirm>
      ),
    );
  };

  const reprint = (
    <Button key="reprint" onClick={onPrint}>
      再次打印公示表
    </Button>
  );
  // Approved here and not sent yet (offline): the form is printed from the cache on the same day.
  const approvalWaiting =
    decision?.transitionId === 'unitApprove' &&
    (decision.status === 'pending' || decision.status === 'sending' || decision.status === 'applied');
  if (approvalWaiting && !transitions.some((t) => t.id === 'reportUp')) buttons.push(reprint);

  withReturns(RETURN_LABEL, returnsBack, 'return', 'return');
  withReturns(
    '公示有异议',
    transitions.filter((t) => t.id === 'publicityObjection'),
    'objection',
  );
  for (const transition of transitions) {
    switch (transition.id) {
      case 'unitApprove':
        buttons.push(
          blocked ? (
            <Unavailable key={transition.id} reason={blocked} shortcut="approve">
              {transition.label}
            </Unavailable>
          ) : (
            <Button
              key={transition.id}
              type="primary"
              aria-keyshortcuts={ariaKeyShortcuts('approve')}
              onClick={() => setApproving(true)}
            >
              {transition.label}
              <ShortcutHint action="approve" />
            </Button>
          ),
        );
        break;
      case 'reportUp':
        buttons.push(reprint);
        withConfirm(
          transition,
          '公示已结束,确定上报主管部门?',
          publicityOverProblem(detail.publicity ?? undefined, new Date(), calendar),
          true,
        );
        break;
      case 'reportUpAgain':
        withConfirm(transition, '确定重新上报主管部门?', null, true);
        break;
      case 'deptApprove':
        withConfirm(transition, '确定审核通过,报送评委会?', null, true);
        break;
      default:
        break;
    }
  }

  return (
    <div className={styles.footer}>
      <DecisionStatus />
      <div className={styles.footerButtons}>
        <Button onClick={onClose}>取消</Button>
        {buttons}
      </div>
      <ReturnModal
        title={returning?.title ?? null}
        transitions={returning?.transitions ?? []}
        comments={comments}
        busy={busy}
        onCancel={() => setReturning(null)}
        onSubmit={(id) => run(id)}
      />
      <PublicityPeriodModal
        open={approving}
        busy={busy}
        onCancel={() => setApproving(false)}
        onSubmit={(period) => run('unitApprove', period)}
      />
    </div>
  );
}

/**
 * A decision the server refused, beside the drafts it was made with: keep the comments and decide again,
 * send the same decision on the server's newest version, or drop both.
 */
export function ConflictAlert({ onFailed }: { onFailed(error: AppError): void }) {
  const decision = useDrafts((s) => s.decision);
  const busy = useDrafts((s) => s.busy);
  const resolve = useDrafts((s) => s.resolveConflict);
  const comments = useFilledKeys().size;
  if (decision?.status !== 'conflict' && decision?.status !== 'rejected') return null;
  const act = async (action: 'keep' | 'reapply' | 'discard') => {
    const error = await resolve(action);
    if (error && error.code !== 'UNAUTHENTICATED') onFailed(error);
  };
  return (
    <Alert
      type="error"
      showIcon
      className={styles.conflict}
      title={
        decision.status === 'conflict'
          ? `“${decisionLabel(decision.transitionId)}”与服务器上的最新版本冲突`
          : `“${decisionLabel(decision.transitionId)}”未被服务器接受`
      }
      description={
        <>
          {decision.message && <div>{decision.message}</div>}
          <div>您填写的{comments}条修改意见仍保留在下方,请选择如何处理。</div>
        </>
      }
      action={
        <Space orientation="vertical" size="small">
          <Button size="small" disabled={busy} onClick={() => void act('keep')}>
            保留意见
          </Button>
          <Button size="small" type="primary" disabled={busy} onClick={() => void act('reapply')}>
            按最新版本重新提交
          </Button>
          <Popconfirm
            title="放弃后,本次填写的修改意见将被删除,确定放弃?"
            okText="放弃"
            cancelText="取消"
            onConfirm={() => act('discard')}
          >
            <Button size="small" danger disabled={busy}>
              放弃
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}
