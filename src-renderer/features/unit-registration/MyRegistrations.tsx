import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Typography } from 'antd';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { UnitStatusTag } from '../../components/UnitStatusTag';
import styles from './UnitRegistration.module.css';

interface MyRegistrationsProps {
  registrations: readonly UnitRegistration[];
  loading: boolean;
  error: string | null;
  onRegister(): void;
  onResubmit(registration: UnitRegistration): void;
}

const NEXT_STEP: Record<UnitRegistration['status'], string> = {
  pending: '等待上级主管部门审核',
  approved: '审核通过,可在“单位中心”进入本单位的管理后台',
  rejected: '',
};

/** 注册管理员: the person's own unit registrations and where each stands. */
export function MyRegistrations({
  registrations,
  loading,
  error,
  onRegister,
  onResubmit,
}: MyRegistrationsProps) {
  return (
    <Card
      title="注册管理员"
      extra={
        <Button type="primary" onClick={onRegister}>
          注册单位
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} className={styles.error} />}
      <Spin spinning={loading}>
        {registrations.length === 0 ? (
          <Empty description={loading ? '正在加载…' : '您还没有提交单位注册申请,点击“注册单位”开始'} />
        ) : (
          <Space orientation="vertical" size="middle" className={styles.page}>
            {registrations.map((r) => (
              <Card
                key={r.id}
                type="inner"
                title={r.name}
                extra={<UnitStatusTag status={r.status} />}
                data-testid="my-registration"
              >
                <Descriptions column={2} size="small">
                  <Descriptions.Item label="统一社会信用代码">{r.creditCode}</Descriptions.Item>
                  <Descriptions.Item label="单位类别">{UNIT_KIND_LABELS[r.kind]}</Descriptions.Item>
                  <Descriptions.Item label="上级主管部门">{r.parentName}</Descriptions.Item>
                  <Descriptions.Item label="提交时间">
                    {formatBeijingDateTime(r.submittedAt)}
                  </Descriptions.Item>
                </Descriptions>
                {r.status === 'rejected' ? (
                  <>
                    <Alert
                      type="error"
                      showIcon
                      className={styles.reason}
                      title={`审核不通过原因:${r.rejectReason ?? '未填写'}`}
                    />
                    <Button onClick={() => onResubmit(r)}>修改后重新提交</Button>
                  </>
                ) : (
                  <Typography.Text type="secondary">{NEXT_STEP[r.status]}</Typography.Text>
                )}
              </Card>
            ))}
          </Space>
        )}
      </Spin>
    </Card>
  );
}
