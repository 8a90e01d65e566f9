import { AuditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { rememberedPlace, rememberPlace } from '../../components/remembered-place';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { ApplicationReviewPage } from '../application-review/ApplicationReviewPage';
import { ApplicationReviewScope } from '../application-review/ApplicationReviewScope';
import { useSession } from '../auth/session-context';
import styles from './UnitCenter.module.css';

type UnitCenterView = 'overview' | 'applicationReview';

/**
 * 单位中心 (manual chapter 4) of the chosen unit, and 职称申报审核 opened from it. Plain state, no router,
 * like the home's pages; the review's list state lives in the scope around both views, so going back to
 * the 单位中心 and in again keeps the filter, search and page.
 */
export function UnitCenterPage({ unit }: { unit: UnitMembership }) {
  const userId = useSession((s) => s.user?.id);
  const [view, setView] = useState<UnitCenterView>(() =>
    userId === undefined ? 'overview' : (rememberedPlace(userId)?.unitView ?? 'overview'),
  );
  useEffect(() => {
    if (userId !== undefined) rememberPlace(userId, { unitView: view });
  }, [userId, view]);
  return (
    <ApplicationReviewScope unit={unit}>
      {view === 'applicationReview' ? (
        <ApplicationReviewPage key={unit.unitId} unit={unit} onBack={() => setView('overview')} />
      ) : (
        <UnitOverview unit={unit} onOpenReview={() => setView('applicationReview')} />
      )}
    </ApplicationReviewScope>
  );
}

function UnitOverview({ unit, onOpenReview }: { unit: UnitMembership; onOpenReview(): void }) {
  return (
    <Space orientation="vertical" size="middle" className={styles.page}>
      <Card title="单位中心">
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label="单位名称">{unit.unitName}</Descriptions.Item>
          <Descriptions.Item label="单位类别">{UNIT_KIND_LABELS[unit.unitKind]}</Descriptions.Item>
          <Descriptions.Item label="我的角色">{ROLE_LABELS[unit.role]}</Descriptions.Item>
        </Descriptions>
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
