import { Form, Input } from 'antd';
import { useState } from 'react';
import type { ResetStartResponse } from '../../../src-shared/contracts';
import { resetStartRequestSchema } from '../../../src-shared/contracts';
import { checkCaptchaAnswer } from '../../../src-shared/domain/validation';
import { useAppApi } from '../../api/app-api-context';
import { CaptchaInput } from '../../components/CaptchaInput';
import { checkRule, schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { useCaptcha } from '../../components/use-captcha';
import { FORM_LAYOUT } from './form-layout';
import { StepFooter } from './StepFooter';

interface ConfirmAccountValues {
  identifier: string;
  captchaAnswer: string;
}

interface ConfirmAccountStepProps {
  initialIdentifier: string;
  onStarted(start: ResetStartResponse, identifier: string): void;
}

/** 重置密码 step 1, 确认账号: 用户账号/手机号码/身份证号 and the image captcha. */
export function ConfirmAccountStep({ initialIdentifier, onStarted }: ConfirmAccountStepProps) {
  const api = useAppApi();
  const [form] = Form.useForm<ConfirmAccountValues>();
  const captcha = useCaptcha(form);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: ConfirmAccountValues) => {
    if (!captcha.captchaId) {
      captcha.refresh('图片验证码未加载,请点击图片重试');
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await api.resetStart({
      identifier: values.identifier,
      captchaId: captcha.captchaId,
      captchaAnswer: values.captchaAnswer,
    });
    setPending(false);
    if (result.ok) {
      onStarted(result.value, values.identifier.trim());
      return;
    }
    // The captcha is spent whatever the answer was.
    captcha.refresh();
    const fields = ['identifier', 'captchaAnswer'];
    const error =
      result.error.code === 'ACCOUNT_NOT_FOUND' && !result.error.fields
        ? { ...result.error, fields: { identifier: result.error.message } }
        : result.error;
    if (!showFieldErrors(form, error, fields)) setFailure(error.message);
  };

  return (
    <Form<ConfirmAccountValues>
      form={form}
      name="resetAccount"
      {...FORM_LAYOUT}
      autoComplete="off"
      validateTrigger={['onChange', 'onBlur']}
      initialValues={{ identifier: initialIdentifier }}
      onValuesChange={() => failure && setFailure(null)}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item
        label="用户账号"
        name="identifier"
        required
        rules={[schemaRule(resetStartRequestSchema.shape.identifier)]}
      >
        <Input placeholder="用户账号/手机号码/身份证号" maxLength={64} autoFocus />
      </Form.Item>
      <Form.Item label="验证码" name="captchaAnswer" required rules={[checkRule(checkCaptchaAnswer)]}>
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <StepFooter failure={failure} pending={pending} />
    </Form>
  );
}
