import { Form, Input } from 'antd';
import { useState } from 'react';
import type { AppError, ResetChooseMethodResponse } from '../../../src-shared/contracts';
import { useAppApi } from '../../api/app-api-context';
import { CaptchaAndSmsFields } from '../../components/CaptchaAndSmsFields';
import { showFieldErrors } from '../../components/server-errors';
import { useCaptcha } from '../../components/use-captcha';
import { useSmsCode } from '../../components/use-sms-code';
import { FORM_LAYOUT } from './form-layout';
import { StepFooter } from './StepFooter';
import styles from './PasswordReset.module.css';

interface PhoneVerifyValues {
  captchaAnswer: string;
  smsCode: string;
}

const FIELD_NAMES = ['captchaAnswer', 'smsCode'] as const;

interface PhoneVerifyStepProps {
  chosen: ResetChooseMethodResponse;
  onVerified(ticket: string): void;
  onTicketInvalid(error: AppError): void;
}

/**
 * 重置密码 step 3, 安全验证 (manual 2.3 "您正在使用手机进行校验"): the code goes to the phone on the
 * account, which the client never learns beyond its mask.
 */
export function PhoneVerifyStep({ chosen, onVerified, onTicketInvalid }: PhoneVerifyStepProps) {
  const api = useAppApi();
  const [form] = Form.useForm<PhoneVerifyValues>();
  const captcha = useCaptcha(form);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const intercept = (error: AppError) => {
    if (error.code !== 'TICKET_INVALID') return false;
    onTicketInvalid(error);
    return true;
  };
  const sms = useSmsCode({
    form,
    captcha,
    validate: [],
    fieldNames: FIELD_NAMES,
    send: (captchaId) =>
      api.sendSmsCode({
        purpose: 'reset',
        ticket: chosen.ticket,
        captchaId,
        captchaAnswer: form.getFieldValue('captchaAnswer') as string,
      }),
    intercept,
  });

  const submit = async (values: PhoneVerifyValues) => {
    setPending(true);
    setFailure(null);
    const result = await api.resetVerify({ ticket: chosen.ticket, smsCode: values.smsCode });
    setPending(false);
    if (result.ok) onVerified(result.value.ticket);
    else if (!intercept(result.error) && !showFieldErrors(form, result.error, FIELD_NAMES))
      setFailure(result.error.message);
  };

  return (
    <>
      <p className={styles.lead}>您正在使用手机进行校验</p>
      <Form<PhoneVerifyValues>
        form={form}
        name="resetPhone"
        {...FORM_LAYOUT}
        autoComplete="off"
        validateTrigger={['onChange', 'onBlur']}
        onValuesChange={() => failure && setFailure(null)}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="手机号" htmlFor="resetPhone_mobile" required>
          <Input id="resetPhone_mobile" value={chosen.maskedMobile} readOnly variant="filled" />
        </Form.Item>
        <CaptchaAndSmsFields captcha={captcha} sms={sms} />
        <StepFooter failure={failure} pending={pending} />
      </Form>
    </>
  );
}
