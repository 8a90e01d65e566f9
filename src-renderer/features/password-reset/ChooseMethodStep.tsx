import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { AppError, ResetChooseMethodResponse, ResetStartResponse } from '../../../src-shared/contracts';
import { useAppApi } from '../../api/app-api-context';
import { FaceResetNotice } from './FaceResetNotice';
import styles from './PasswordReset.module.css';

interface ChooseMethodStepProps {
  start: ResetStartResponse;
  onPhoneChosen(chosen: ResetChooseMethodResponse): void;
  onManual(): void;
  onTicketInvalid(error: AppError): void;
}

/**
 * 重置密码 step 2, 验证方式 (manual 2.3): 通过手机找回, 通过刷脸找回 (only in the government app, so
 * this client explains that and nothing more), or 通过人工找回.
 */
export function ChooseMethodStep({ start, onPhoneChosen, onManual, onTicketInvalid }: ChooseMethodStepProps) {
  const api = useAppApi();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [faceOpen, setFaceOpen] = useState(false);
  const hasMobile = start.maskedMobile !== '';

  const choosePhone = async () => {
    setPending(true);
    setFailure(null);
    const result = await api.resetChooseMethod({ ticket: start.ticket, method: 'phone' });
    setPending(false);
    if (result.ok) onPhoneChosen(result.value);
    else if (result.error.code === 'TICKET_INVALID') onTicketInvalid(result.error);
    else setFailure(result.error.message);
  };

  return (
    <>
      <Typography.Paragraph className={styles.lead}>
        您正在为【{start.maskedAccount}】找回密码,请选择验证方式
      </Typography.Paragraph>
      <div className={styles.method}>
        <div>
          <Typography.Text strong>通过手机找回</Typography.Text>
          <div className={styles.methodHint}>
            {hasMobile
              ? `如果您的手机${start.maskedMobile}还在正常使用请选择此方式`
              : '您的账号未绑定手机号码,请选择其他方式'}
          </div>
        </div>
        <Button type="primary" loading={pending} disabled={!hasMobile} onClick={() => void choosePhone()}>
          手机找回
        </Button>
      </div>
      <div className={styles.method}>
        <div>
          <Typography.Text strong>通过刷脸找回</Typography.Text>
          <Typography.Text type="secondary">:仅支持身份证</Typography.Text>
          <div className={styles.methodHint}>
            您的姓名:{start.maskedName},身份证号:{start.maskedIdNumber}
          </div>
        </div>
        <Button onClick={() => setFaceOpen(true)}>刷脸找回</Button>
      </div>
      {failure && <Alert type="error" showIcon role="alert" title={failure} className={styles.failure} />}
      <Typography.Paragraph className={styles.manualLink}>
        没有绑定手机号和邮箱?
        <Typography.Link onClick={onManual}>通过人工找回&gt;&gt;</Typography.Link>
      </Typography.Paragraph>
      <FaceResetNotice open={faceOpen} onClose={() => setFaceOpen(false)} />
    </>
  );
}
