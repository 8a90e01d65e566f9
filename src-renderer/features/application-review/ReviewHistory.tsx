import { Timeline, Typography } from 'antd';
import type { ApplicationHistoryEntry } from '../../../src-shared/contracts';
import { STATE_LABELS, transitionById, type ApplicationState } from '../../../src-shared/domain/workflow';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { transitionText } from './transition-label';

/** The applicant's own edits, which are not workflow steps. */
const EDIT_LABELS: Readonly<Record<string, string>> = { created: '创建申请书', saved: '保存草稿' };

/** "审核不通过,回退(退回单位)": the button's label, and for returns whom it went back to. */
export function actionLabel(entry: ApplicationHistoryEntry): string {
  const transition = transitionById(entry.action);
  if (transition) return transitionText(transition);
  return EDIT_LABELS[entry.action] ?? STATE_LABELS[entry.toState];
}

function colorOf(state: ApplicationState): string {
  if (state === 'unitReturned' || state === 'deptReturned') return 'red';
  if (state === 'unitPublicity' || state === 'committee') return 'green';
  if (state === 'withdrawn') return 'gray';
  return 'blue';
}

/** 审核历史: who did what when, from which state to which, and what they wrote. */
export function ReviewHistory({ history }: { history: readonly ApplicationHistoryEntry[] }) {
  if (history.length === 0) return <Typography.Text type="secondary">暂无审核记录</Typography.Text>;
  return (
    <Timeline
      items={history.map((h) => ({
        key: h.seq,
        color: colorOf(h.toState),
        content: (
          <>
            <div>
              {formatBeijingDateTime(h.at)} {h.actorName} {actionLabel(h)}
            </div>
            <Typography.Text type="secondary">
              {h.fromState ? `${STATE_LABELS[h.fromState]} → ` : ''}
              {STATE_LABELS[h.toState]}
            </Typography.Text>
            {h.comment && <div>意见:{h.comment}</div>}
          </>
        ),
      }))}
    />
  );
}
