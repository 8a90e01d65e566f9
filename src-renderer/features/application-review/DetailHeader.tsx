import { Descriptions } from 'antd';
import type { ApplicationDetail } from '../../../src-shared/contracts';
import { ApplicationStateTag } from './ApplicationStateTag';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { PublicityPeriodText } from './PublicityPeriodText';

/** Which application this is and where it stands. */
export function DetailHeader({ detail }: { detail: ApplicationDetail }) {
  return (
    <Descriptions bordered size="small" column={3}>
      <Descriptions.Item label="申请书编号">{detail.applicationNo}</Descriptions.Item>
      <Descriptions.Item label="姓名">{detail.applicantName}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <ApplicationStateTag state={detail.state} />
      </Descriptions.Item>
      <Descriptions.Item label="提交次数">{detail.submitCount}</Descriptions.Item>
      <Descriptions.Item label="提交时间">{formatBeijingDateTime(detail.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label="所在单位">{detail.unitName}</Descriptions.Item>
      {detail.publicity && (
        <Descriptions.Item label="公示期" span={3}>
          <PublicityPeriodText period={detail.publicity} />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
