import { Alert, Button, Drawer, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { RegistrationDetails } from './RegistrationDetails';
import { RejectModal } from './RejectModal';
import styles from './UnitReview.module.css';

interface RegistrationDrawerProps {
  registration: UnitRegistration | null;
  onClose(): void;
  /** The registration was approved or rejected; the answer is its new state. */
  onDecided(registration: UnitRegistration, approved: boolean): void;
}

/** One registration in full, with 审核通过 and 审核不通过 while it waits for a decision. */
export function RegistrationDrawer({ registration, onClose, onDecided }: RegistrationDrawerProps) {
  const call = useSession((s) => s.call);
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const approve = async (id: string) => {
    setApproving(true);
    setFailure(null);
    const result = await call((api) => api.approveUnitRegistration({ id }));
    setApproving(false);
    if (result.ok) onDecided(result.value, true);
    else if (result.error.code !== 'UNAUTHENTICATED') setFailure(result.error.message);
  };

  const close = () => {
    setFailure(null);
    onClose();
  };

  return (
    <Drawer
      open={registration !== null}
      title="单位注册详情"
      size={720}
      onClose={close}
      extra={
        registration?.status === 'pending' && (
          <Space>
            <Button danger onClick={() => setRejecting(true)}>
              审核不通过
            </Button>
            <Popconfirm
              title="确认审核通过?"
              description="通过后,注册人将成为该单位的管理员。"
              okText="确定"
              cancelText="取消"
              onConfirm={() => void approve(registration.id)}
            >
              <Button type="primary" loading={approving}>
                审核通过
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {failure && <Alert type="error" showIcon title={failure} className={styles.error} />}
      {registration && <RegistrationDetails registration={registration} />}
      <RejectModal
        registration={rejecting ? registration : null}
        onClose={() => setRejecting(false)}
        onRejected={(rejected) => {
          setRejecting(false);
          onDecided(rejected, false);
        }}
      />
    </Drawer>
  );
}
