import { AuditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { stateOfFocus } from '../../../src-shared/contracts';
import type { ListFocus, UnitMembership } from '../../../src-shared/contracts';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { useReviewList } from '../application-review/review-list-context';
import { OverviewChart } from './OverviewChart';
import { useUnitOverview } from './use-unit-overview';
import { WorkTiles } from './WorkTiles';
import styles from './UnitCenter.module.css';

/**
 * The 单位中心's start page: which unit this is, what needs doing there (each number opens 职称申报审核
 * narrowed to those applications), and the applications by status and series. Needs
 * ApplicationReviewScope above it: a number sets the list's focus there.
 */
export function UnitOverview({ unit, onOpenReview }: { unit: UnitMembership; onOpenReview(): void }) {
  const { overview, error } = useUnitOverview(unit.unitId);
  const showFocus = useReviewList((s) => s.showFocus);
  const openFocused = (focus: ListFocus) => {
    showFocus(focus, stateOfFocus(focus, unit.unitKind) ?? 'all');
    onOpenReview();
  };

  return (
    <Space orientation="vertical" size="middle" className={styles.page}>
      <Card title="单位中心">
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label="单位名称">{unit.unitName}</Descriptions.Item>
          <Descriptions.Item label="单位类别">{UNIT_KIND_LABELS[unit.unitKind]}</Descriptions.Item>
          <Descriptions.Item label="我的角色">{ROLE_LABELS[unit.role]}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="待办事项"
        extra={<Typography.Text type="secondary">点击数字查看对应的申报书</Typography.Text>}
      >
        {error && <Alert type="warning" showIcon title={`待办数量暂时无法显示:${error.message}`} />}
        {overview ? (
          <WorkTiles overview={overview} onOpen={openFocused} />
        ) : (
          !error && <Skeleton active paragraph={{ rows: 2 }} />
        )}
      </Card>
      <Card title="申报书统计">
        {overview ? (
          <OverviewChart overview={overview} />
        ) : (
          !error && <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Card>
      <Card title="功能">
        <Space orientation="vertical" size="small">
          <Button type="primary" icon={<AuditOutlined />} onClick={onOpenReview}>
            职称申报审核
          </Button>
          <Typography.Text type="secondary">
            {unit.role === 'deptAdmin'
              ? '审核下级单位上报的职称申报书;申报书保存在本机,离线时也可查看。'
              : '审核本单位人员提交的职称申报书;申报书保存在本机,离线时也可查看。'}
          </Typography.Text>
        </Space>
      </Card>
      {unit.role === 'deptAdmin' && (
        <Alert type="info" showIcon title="下级单位的注册申请请在左侧“下级单位注册审核”中审核。" />
      )}
    </Space>
  );
}
