import { Tag } from 'antd';
import { STATE_LABELS, type ApplicationState } from '../../../src-shared/domain/workflow';

const COLORS: Readonly<Record<ApplicationState, string>> = {
  draft: 'default',
  unitReview: 'orange',
  unitReturned: 'red',
  unitPublicity: 'cyan',
  deptReview: 'gold',
  deptReturned: 'volcano',
  committee: 'green',
  withdrawn: 'default',
};

/** 待单位审核, 单位退回, ...: in the same colours in the list and in the details. */
export function ApplicationStateTag({ state }: { state: ApplicationState }) {
  return <Tag color={COLORS[state]}>{STATE_LABELS[state]}</Tag>;
}
