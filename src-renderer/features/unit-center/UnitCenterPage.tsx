import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import styles from './UnitCenter.module.css';

/**
 * 单位中心 (manual chapter 4) of the chosen unit. Its one entry, 职称申报审核, needs the applications,
 * which arrive with the application sync; until then the entry says so rather than show an empty list
 * that would look like "nothing to review".
 */
export function UnitCenterPage({ unit }: { unit: UnitMembership }) {
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
          <Space>
            <Button disabled>职称申报审核</Button>
            <Tag>即将开放</Tag>
          </Space>
          <Typography.Text type="secondary">
            申报书的审核列表将随申报书同步功能一起提供(下一步),目前还不能在这里审核申报书。
          </Typography.Text>
        </Space>
      </Card>
      {unit.role === 'deptAdmin' && (
        <Alert type="info" showIcon title="下级单位的注册申请请在左侧“下级单位注册审核”中审核。" />
      )}
    </Space>
  );
}
