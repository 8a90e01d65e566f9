import { Tag } from 'antd';
import { UNIT_STATUS_LABELS, type UnitStatus } from '../../src-shared/domain/units';

const COLORS: Readonly<Record<UnitStatus, string>> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};

/** 待审核 / 审核通过 / 审核不通过, in the same colours wherever a unit registration is listed. */
export function UnitStatusTag({ status }: { status: UnitStatus }) {
  return <Tag color={COLORS[status]}>{UNIT_STATUS_LABELS[status]}</Tag>;
}
