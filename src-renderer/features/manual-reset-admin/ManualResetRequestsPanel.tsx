import { Alert, Button, Card, Segmented, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { AppError, ManualResetRequestView } from '../../../src-shared/contracts';
import { MANUAL_RESET_STATUS_LABELS, MANUAL_RESET_STATUSES } from '../../../src-shared/contracts';
import { maskIdNumber, maskMobile } from '../../../src-shared/domain/masking';
import { useSession } from '../auth/session-context';
import { HandleRequestModal } from './HandleRequestModal';
import styles from './ManualResetAdmin.module.css';

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

interface Query {
  status: StatusFilter;
  /** Bumped to load the same filter again (after handling a request). */
  version: number;
}

interface Answer {
  query: Query;
  requests: ManualResetRequestView[];
  error: AppError | null;
}

/**
 * 职改办: the 人工找回 requests. ID numbers and phones are masked in the list, as everywhere in lists,
 * and shown in full in the 处理 dialog, where they are verified.
 */
export function ManualResetRequestsPanel() {
  const call = useSession((s) => s.call);
  const [query, setQuery] = useState<Query>({ status: 'pending', version: 0 });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [handling, setHandling] = useState<ManualResetRequestView | null>(null);

  useEffect(() => {
    let live = true;
    void call((api) => api.listManualResetRequests({ status: query.status })).then((result) => {
      if (!live) return;
      setAnswer({
        query,
        requests: result.ok ? result.value.requests : [],
        error: result.ok ? null : result.error,
      });
    });
    return () => {
      live = false;
    };
  }, [call, query]);

  const loading = answer?.query !== query;
  const error = answer?.error?.code === 'UNAUTHENTICATED' ? null : answer?.error;

  return (
    <Card
      title="人工找回申请"
      extra={
        <Segmented<StatusFilter>
          options={FILTERS}
          value={query.status}
          onChange={(status) => setQuery((q) => ({ status, version: q.version + 1 }))}
        />
      }
    >
      {error && <Alert type="error" showIcon title={error.message} className={styles.error} />}
      <Table<ManualResetRequestView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={answer?.requests ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无人工找回申请' }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (id: string) => maskIdNumber(id) },
          { title: '联系电话', dataIndex: 'contact', width: 130, render: (c: string) => maskMobile(c) },
          { title: '找回原因', dataIndex: 'reason', ellipsis: true },
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
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
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
          setQuery((q) => ({ ...q, version: q.version + 1 }));
        }}
      />
    </Card>
  );
}
