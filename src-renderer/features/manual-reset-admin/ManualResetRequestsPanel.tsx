import { Alert, Button, Card, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import type { ManualResetRequestView } from '../../../src-shared/contracts';
import { MANUAL_RESET_STATUS_LABELS, MANUAL_RESET_STATUSES } from '../../../src-shared/contracts';
import { maskIdNumber, maskMobile } from '../../../src-shared/domain/masking';
import { StatusTabs } from '../../components/StatusTabs';
import { truncatedColumn } from '../../components/TruncatedText';
import { useStatusList } from '../../components/use-status-list';
import { useSession } from '../auth/session-context';
import { HandleRequestModal } from './HandleRequestModal';
import styles from './ManualResetAdmin.module.css';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';

type StatusFilter = (typeof MANUAL_RESET_STATUSES)[number] | 'all';

const FILTERS: { value: StatusFilter; label: string }[] = [
  ...MANUAL_RESET_STATUSES.map((status) => ({ value: status, label: MANUAL_RESET_STATUS_LABELS[status] })),
  { value: 'all', label: '全部' },
];

const STATUS_COLORS: Record<ManualResetRequestView['status'], string> = {
  pending: 'orange',
  resolved: 'green',
  rejected: 'red',
};

/**
 * 职改办: the 人工找回 requests. ID numbers and phones are masked in the list, as everywhere in lists,
 * and shown in full in the 处理 dialog, where they are verified.
 */
export function ManualResetRequestsPanel() {
  const call = useSession((s) => s.call);
  const load = useCallback(
    (status: StatusFilter) =>
      call((api) => api.listManualResetRequests({ status })).then((result) =>
        result.ok ? { ok: true as const, value: result.value.requests } : result,
      ),
    [call],
  );
  const list = useStatusList(load, 'pending' as StatusFilter);
  const [handling, setHandling] = useState<ManualResetRequestView | null>(null);

  return (
    <Card
      title="人工找回申请"
      extra={<StatusTabs label="处理状态" options={FILTERS} value={list.status} onChange={list.setStatus} />}
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} className={styles.error} />}
      <Table<ManualResetRequestView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无人工找回申请' }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (id: string) => maskIdNumber(id) },
          { title: '联系电话', dataIndex: 'contact', width: 130, render: (c: string) => maskMobile(c) },
          { title: '找回原因', dataIndex: 'reason', ...truncatedColumn<ManualResetRequestView>() },
          {
            title: '匹配账号',
            dataIndex: 'matchedAccount',
            width: 120,
            render: (account: string | null) => account ?? <Tag>未匹配</Tag>,
          },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 150,
            render: (at: string) => formatBeijingDateTime(at),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (status: ManualResetRequestView['status']) => (
              <Tag color={STATUS_COLORS[status]}>{MANUAL_RESET_STATUS_LABELS[status]}</Tag>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            fixed: 'right',
            render: (_: unknown, request) =>
              request.status === 'pending' ? (
                <Button type="link" size="small" onClick={() => setHandling(request)}>
                  处理
                </Button>
              ) : null,
          },
        ]}
      />
      <HandleRequestModal
        request={handling}
        onClose={() => setHandling(null)}
        onHandled={() => {
          setHandling(null);
          list.reload();
        }}
      />
    </Card>
  );
}
