import { CloseOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { LIST_FOCUS_LABELS } from '../../../src-shared/contracts';
import { useReviewList } from './review-list-context';

/**
 * The number of the 单位中心 the list was opened from (公示本周结束, ...), as a chip beside the tabs: the
 * list shows only those applications until its × is pressed.
 */
export function ListFocusChip() {
  const focus = useReviewList((s) => s.query.focus);
  const clearFocus = useReviewList((s) => s.clearFocus);
  if (focus === undefined) return null;
  const label = LIST_FOCUS_LABELS[focus];
  return (
    <Tag color="blue" role="status" aria-label={`筛选:${label}`}>
      筛选:{label}
      <Button
        type="text"
        size="small"
        aria-label={`取消“${label}”筛选`}
        icon={<CloseOutlined />}
        onClick={clearFocus}
      />
    </Tag>
  );
}
