import { Alert, Descriptions, Form, Input, Modal, Radio, message } from 'antd';
import { useState } from 'react';
import type { ManualResetRequestView } from '../../../src-shared/contracts';
import { handleManualResetRequestSchema } from '../../../src-shared/contracts';
import { schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { useSession } from '../auth/session-context';
import styles from './ManualResetAdmin.module.css';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';

interface HandleValues {
  outcome: 'resolved' | 'rejected';
  note: string;
}

interface HandleRequestModalProps {
  request: ManualResetRequestView | null;
  onClose(): void;
  onHandled(): void;
}

/** 处理 a 人工找回 request: the request in full for verification, 处理结果 and 处理说明. */
export function HandleRequestModal({ request, onClose, onHandled }: HandleRequestModalProps) {
  const call = useSession((s) => s.call);
  const [form] = Form.useForm<HandleValues>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [toast, toastHolder] = message.useMessage();

  const submit = async (values: HandleValues) => {
    if (!request) return;
    setPending(true);
    setFailure(null);
    const result = await call((api) => api.handleManualResetRequest({ id: request.id, ...values }));
    setPending(false);
    if (result.ok) {
      void toast.success(values.outcome === 'resolved' ? '已处理' : '已驳回');
      form.resetFields();
      onHandled();
      return;
    }
    // An expired session is answered by the re-login modal; the dialog keeps what was typed.
    if (result.error.code === 'UNAUTHENTICATED') return;
    if (!showFieldErrors(form, result.error, ['outcome', 'note'])) setFailure(result.error.message);
  };

  return (
    <>
      {toastHolder}
      <Modal
        open={request !== null}
        title="处理人工找回申请"
        okText="确定"
        onOk={() => form.submit()}
        confirmLoading={pending}
        onCancel={() => {
          setFailure(null);
          form.resetFields();
          onClose();
        }}
        width={640}
      >
        {request && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="姓名">{request.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{request.idNumber}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{request.contact}</Descriptions.Item>
            <Descriptions.Item label="找回原因">{request.reason}</Descriptions.Item>
            <Descriptions.Item label="匹配账号">{request.matchedAccount ?? '未匹配到账号'}</Descriptions.Item>
            <Descriptions.Item label="提交时间">
              {formatBeijingDateTime(request.submittedAt)}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Form<HandleValues>
          form={form}
          name="handleManualReset"
          layout="vertical"
          className={styles.form}
          initialValues={{ outcome: 'resolved' }}
          validateTrigger={['onChange', 'onBlur']}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item label="处理结果" name="outcome" required>
            <Radio.Group
              options={[
                { value: 'resolved', label: '已处理' },
                { value: 'rejected', label: '驳回' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label="处理说明"
            name="note"
            required
            rules={[schemaRule(handleManualResetRequestSchema.shape.note)]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder="如:已电话核实本人身份,已协助重置密码;或驳回的原因"
            />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
      </Modal>
    </>
  );
}
