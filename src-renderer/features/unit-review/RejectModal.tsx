import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { rejectUnitRegistrationSchema } from '../../../src-shared/contracts';
import { schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { useSession } from '../auth/session-context';
import { PhraseTextArea } from '../comment-phrases/PhraseTextArea';
import styles from './UnitReview.module.css';

interface RejectValues {
  reason: string;
}

interface RejectModalProps {
  registration: UnitRegistration | null;
  onClose(): void;
  onRejected(registration: UnitRegistration): void;
}

/** 审核不通过 needs a reason: the registrant reads it and corrects the registration. */
export function RejectModal({ registration, onClose, onRejected }: RejectModalProps) {
  const call = useSession((s) => s.call);
  const [form] = Form.useForm<RejectValues>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async ({ reason }: RejectValues) => {
    if (!registration) return;
    setPending(true);
    setFailure(null);
    const result = await call((api) => api.rejectUnitRegistration({ id: registration.id, reason }));
    setPending(false);
    if (result.ok) {
      form.resetFields();
      onRejected(result.value);
      return;
    }
    if (result.error.code === 'UNAUTHENTICATED') return;
    if (!showFieldErrors(form, result.error, ['reason'])) setFailure(result.error.message);
  };

  return (
    <Modal
      open={registration !== null}
      title="审核不通过"
      okText="确定"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={pending}
      onCancel={() => {
        setFailure(null);
        onClose();
      }}
    >
      <Form<RejectValues>
        form={form}
        name="rejectUnitRegistration"
        layout="vertical"
        className={styles.form}
        validateTrigger={['onChange', 'onBlur']}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label="审核不通过原因"
          name="reason"
          required
          rules={[schemaRule(rejectUnitRegistrationSchema.shape.reason)]}
        >
          <PhraseTextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder="请写明需要修改的内容,如:营业执照扫描件不清晰,请重新上传"
          />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
