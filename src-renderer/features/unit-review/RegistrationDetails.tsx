import { Descriptions, Timeline, Typography } from 'antd';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { UnitStatusTag } from '../../components/UnitStatusTag';
import { LicenceView } from './LicenceView';
import styles from './UnitReview.module.css';

const ACTION_LABELS: Record<UnitRegistration['history'][number]['action'], string> = {
  submitted: '提交注册',
  resubmitted: '修改后重新提交',
  approved: '审核通过',
  rejected: '审核不通过',
};

/** Everything a reviewer checks: the form in full (phone unmasked), the scan and the history. */
export function RegistrationDetails({ registration: r }: { registration: UnitRegistration }) {
  return (
    <>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="单位名称">{r.name}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{r.creditCode}</Descriptions.Item>
        <Descriptions.Item label="单位类别">{UNIT_KIND_LABELS[r.kind]}</Descriptions.Item>
        <Descriptions.Item label="单位性质">{r.nature}</Descriptions.Item>
        <Descriptions.Item label="所属行业">{r.industry}</Descriptions.Item>
        <Descriptions.Item label="所在区县">{r.districtName}</Descriptions.Item>
        <Descriptions.Item label="上级主管部门">{r.parentName}</Descriptions.Item>
        <Descriptions.Item label="单位地址">{r.address}</Descriptions.Item>
        <Descriptions.Item label="单位负责人">{r.leaderName}</Descriptions.Item>
        <Descriptions.Item label="联系人">{r.contactName}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{r.contactPhone}</Descriptions.Item>
        <Descriptions.Item label="营业执照/法人证书">
          <LicenceView registrationId={r.id} />
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <UnitStatusTag status={r.status} />
        </Descriptions.Item>
        {r.rejectReason && <Descriptions.Item label="审核不通过原因">{r.rejectReason}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} className={styles.section}>
        审核记录
      </Typography.Title>
      <Timeline
        items={r.history.map((h) => ({
          key: `${h.at}-${h.action}`,
          color: h.action === 'rejected' ? 'red' : h.action === 'approved' ? 'green' : 'blue',
          content: (
            <>
              {formatBeijingDateTime(h.at)} {h.actorName} {ACTION_LABELS[h.action]}
              {h.reason && `:${h.reason}`}
            </>
          ),
        }))}
      />
    </>
  );
}
