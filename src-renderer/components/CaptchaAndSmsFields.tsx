import { Form } from 'antd';
import { checkSmsCode } from '../../src-shared/domain/validation';
import { CaptchaInput } from './CaptchaInput';
import { checkRule, optionalCaptchaRule } from './field-rules';
import { SmsCodeInput } from './SmsCodeInput';
import { SmsNotice } from './SmsNotice';
import type { CaptchaController } from './use-captcha';
import type { SmsNotice as Notice } from './use-sms-code';

/**
 * 验证码 + 短信验证码 as the manual lays them out for 用户注册 and 重置密码: the captcha is spent on sending
 * the SMS code, so it is checked when sending, not when the form is submitted.
 */
export function CaptchaAndSmsFields({
  captcha,
  sms,
}: {
  captcha: CaptchaController;
  sms: { send(): Promise<number | null>; notice: Notice | null };
}) {
  return (
    <>
      <Form.Item label="验证码" name="captchaAnswer" required rules={[optionalCaptchaRule]}>
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <Form.Item
        label="短信验证码"
        name="smsCode"
        required
        rules={[checkRule(checkSmsCode)]}
        extra={<SmsNotice notice={sms.notice} />}
      >
        <SmsCodeInput onSend={sms.send} />
      </Form.Item>
    </>
  );
}
