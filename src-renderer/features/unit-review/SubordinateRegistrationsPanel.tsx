import { Alert, Button, Card, Table, message } from 'antd';
import { useCallback, useState } from 'react';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { maskMobile } from '../../../src-shared/domain/masking';
import { UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { UNIT_STATUS_LABELS, UNIT_STATUSES, type UnitStatus } from '../../../src-shared/domain/units';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { StatusTabs } from '../../components/StatusTabs';
import { truncatedColumn } from '../../components/TruncatedText';
import { UnitStatusTag } from '../../components/UnitStatusTag';
import { useStatusList } from '../../components/use-status-list';
import { useSession } from '../auth/session-context';
import { RegistrationDrawer } from './RegistrationDrawer';
import styles from './UnitReview.module.css';

type StatusFilter = UnitStatus | 'all';

const FILTERS: { value: StatusFilter; label: string }[] = [
  ...UNIT_STATUSES.map((status) => ({ value: status, label: UNIT_STATUS_LABELS[status] })),
  { value: 'all', label: '全部' },
];

/**
 * 下级单位注册审核: registrations naming a department (or the 职改办) the person administers as their
 * superior. Phones are masked in the list and shown in full in the details, where they are checked.
 */
export function SubordinateRegistrationsPanel() {
  const call = useSession((s) => s.call);
  const load = useCallback(
    (status: StatusFilter) =>
      call((api) => api.listSubordinateRegistrations({ status })).then((result) =>
        result.ok ? { ok: true as const, value: result.value.registrations } : result,
      ),
    [call],
  );
  const list = useStatusList(load, 'pending' as StatusFilter);
  const [open, setOpen] = useState<UnitRegistration | null>(null);
  const [toast, toastHolder] = message.useMessage();

  return (
    <Card
      title="下级单位注册审核"
      extra={<StatusTabs label="审核状态" options={FILTERS} value={list.status} onChange={list.setStatus} />}
    >
      {toastHolder}
      {list.error && <Alert type="error" showIcon title={list.error.message} className={styles.error} />}
      <Table<UnitRegistration>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无下级单位注册申请' }}
        scroll={{ x: 1100 }}
        columns={[
          { title: '单位名称', dataIndex: 'name', ...truncatedColumn<UnitRegistration>() },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
          {
            title: '单位类别',
            dataIndex: 'kind',
            width: 90,
            render: (kind: UnitRegistration['kind']) => UNIT_KIND_LABELS[kind],
          },
          { title: '所在区县', dataIndex: 'districtName', width: 100 },
          { title: '联系人', dataIndex: 'contactName', width: 90 },
          {
            title: '联系电话',
            dataIndex: 'contactPhone',
            width: 130,
            render: (phone: string) => maskMobile(phone),
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
            width: 100,
            render: (status: UnitStatus) => <UnitStatusTag status={status} />,
          },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            fixed: 'right',
            render: (_: unknown, registration) => (
              <Button type="link" size="small" onClick={() => setOpen(registration)}>
                {registration.status === 'pending' ? '审核' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      <RegistrationDrawer
        registration={open}
        onClose={() => setOpen(null)}
        onDecided={(_registration, approved) => {
          void toast.success(approved ? '已审核通过' : '已审核不通过');
          setOpen(null);
          list.reload();
        }}
      />
    </Card>
  );
}
