import { Button, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { manualResetRequestSchema } from '../../../src-shared/contracts';
import {
  checkCaptchaAnswer,
  checkIdNumber,
  checkPersonName,
  checkPhoneOrLandline,
} from '../../../src-shared/domain/validation';
import { useAppApi } from '../../api/app-api-context';
import { CaptchaInput } from '../../components/CaptchaInput';
import { checkRule, schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { useCaptcha } from '../../components/use-captcha';
import { FORM_LAYOUT } from './form-layout';
import { StepFooter } from './StepFooter';
import styles from './PasswordReset.module.css';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';

interface ManualResetValues {
  name: string;
  idNumber: string;
  contact: string;
  reason: string;
  captchaAnswer: string;
}

const FIELD_NAMES = ['name', 'idNumber', 'contact', 'reason', 'captchaAnswer'] as const;

interface ManualResetFormProps {
  onBack(): void;
  onBackToLogin(): void;
}

/** 通过人工找回: a request that 职改办 verifies by hand before contacting the person. */
export function ManualResetForm({ onBack, onBackToLogin }: ManualResetFormProps) {
  const api = useAppApi();
  const [form] = Form.useForm<ManualResetValues>();
  const captcha = useCaptcha(form);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<{ requestId: string; submittedAt: string } | null>(null);

  const submit = async (values: ManualResetValues) => {
    if (!captcha.captchaId) {
      captcha.refresh('图片验证码未加载,请点击图片重试');
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await api.submitManualResetRequest({ ...values, captchaId: captcha.captchaId });
    setPending(false);
    if (result.ok) {
      setReceipt(result.value);
      return;
    }
    captcha.refresh();
    if (!showFieldErrors(form, result.error, FIELD_NAMES)) setFailure(result.error.message);
  };

  if (receipt) {
    return (
      <Result
        status="success"
        title="人工找回申请已提交"
        subTitle={
          <>
            申请编号:
            <Typography.Text copyable strong>
              {receipt.requestId}
            </Typography.Text>
            <br />
            提交时间:{formatBeijingDateTime(receipt.submittedAt)}
            <br />
            职改办工作人员将核实您的身份后,通过您留下的联系电话与您联系,请保持电话畅通。
          </>
        }
        extra={
          <Button type="primary" onClick={onBackToLogin}>
            返回登录
          </Button>
        }
      />
    );
  }

  return (
    <>
      <p className={styles.lead}>通过人工找回</p>
      <Typography.Paragraph type="secondary">
        请填写本人的身份信息和联系电话,职改办工作人员核实后将与您联系,协助您找回账号密码。
      </Typography.Paragraph>
      <Form<ManualResetValues>
        form={form}
        name="manualReset"
        {...FORM_LAYOUT}
        autoComplete="off"
        validateTrigger={['onChange', 'onBlur']}
        onValuesChange={() => failure && setFailure(null)}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="姓名" name="name" required rules={[checkRule(checkPersonName)]}>
          <Input placeholder="请输入您的真实姓名" maxLength={30} />
        </Form.Item>
        <Form.Item
          label="身份证号"
          name="idNumber"
          required
          rules={[checkRule((value) => checkIdNumber(value))]}
        >
          <Input placeholder="请输入您的身份证号码" maxLength={18} />
        </Form.Item>
        <Form.Item label="联系电话" name="contact" required rules={[checkRule(checkPhoneOrLandline)]}>
          <Input placeholder="手机号码或固定电话(023-xxxxxxxx)" maxLength={20} />
        </Form.Item>
        <Form.Item
          label="找回原因"
          name="reason"
          required
          rules={[schemaRule(manualResetRequestSchema.shape.reason)]}
        >
          <Input.TextArea
            placeholder="请说明无法通过手机找回的原因,如原手机号已停用"
            rows={4}
            maxLength={500}
            showCount
          />
        </Form.Item>
        <Form.Item label="验证码" name="captchaAnswer" required rules={[checkRule(checkCaptchaAnswer)]}>
          <CaptchaInput captcha={captcha} />
        </Form.Item>
        <StepFooter failure={failure} pending={pending}>
          <div className={styles.buttons}>
            <Button onClick={onBack}>返回</Button>
            <Button type="primary" htmlType="submit" loading={pending}>
              提交申请
            </Button>
          </div>
        </StepFooter>
      </Form>
    </>
  );
}
