import { Alert, Button, Descriptions } from 'antd';
import { useState } from 'react';
import type { AppError, RegisterBasicResponse, RegisterVerifyResponse } from '../../../src-shared/contracts';
import { useAppApi } from '../../api/app-api-context';
import styles from './Registration.module.css';

interface RealNameStepProps {
  basic: RegisterBasicResponse;
  onVerified(response: RegisterVerifyResponse): void;
  /** Back to 基本信息, everything typed still there. */
  onBack(): void;
  onTicketInvalid(error: AppError): void;
}

/** 用户注册 step 2, 实名认证: the name is checked against the ID number; success creates the account. */
export function RealNameStep({ basic, onVerified, onBack, onTicketInvalid }: RealNameStepProps) {
  const api = useAppApi();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const verify = async () => {
    setPending(true);
    setFailure(null);
    const result = await api.registerVerify({ ticket: basic.ticket });
    setPending(false);
    if (result.ok) onVerified(result.value);
    else if (result.error.code === 'TICKET_INVALID') onTicketInvalid(result.error);
    else setFailure(result.error);
  };

  return (
    <>
      <Descriptions column={1} bordered size="middle">
        <Descriptions.Item label="用户姓名">{basic.name}</Descriptions.Item>
        <Descriptions.Item label="证件类型">身份证</Descriptions.Item>
        <Descriptions.Item label="身份证号码">{basic.maskedIdNumber}</Descriptions.Item>
      </Descriptions>
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className={styles.failure}
          title={failure.code === 'REAL_NAME_FAILED' ? '实名认证未通过' : failure.message}
          description={failure.code === 'REAL_NAME_FAILED' ? failure.message : undefined}
        />
      )}
      <div className={styles.actions}>
        <Button onClick={onBack}>返回修改基本信息</Button>
        {failure?.code !== 'REAL_NAME_FAILED' && (
          <Button type="primary" loading={pending} onClick={() => void verify()}>
            开始实名认证
          </Button>
        )}
      </div>
    </>
  );
}
