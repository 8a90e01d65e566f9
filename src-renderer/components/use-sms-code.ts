import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { AppError, Result, SendSmsCodeResponse } from '../../src-shared/contracts';
import { checkCaptchaAnswer } from '../../src-shared/domain/validation';
import type { CaptchaController } from './use-captcha';
import { showFieldErrors } from './server-errors';

export interface SmsNotice {
  type: 'success' | 'error';
  text: string;
}

interface SmsCodeOptions {
  form: FormInstance;
  captcha: CaptchaController;
  /** Fields to validate before sending besides the captcha answer (the mobile, where it is typed). */
  validate: readonly string[];
  /** The form's field names, for placing server field errors. */
  fieldNames: readonly string[];
  /** Sends with the captcha id and the form's current values. */
  send(captchaId: string): Promise<Result<SendSmsCodeResponse>>;
  /** Errors the caller handles itself (e.g. an expired ticket); answer true to stop here. */
  intercept?(error: AppError): boolean;
}

/**
 * Sending an SMS code with an image captcha: validate the fields it needs, send, and because the
 * server spends the captcha on the send, show a new image with an empty answer field afterwards.
 * Answers the countdown for SmsCodeButton and a notice to show under the field.
 */
export function useSmsCode(options: SmsCodeOptions) {
  const [notice, setNotice] = useState<SmsNotice | null>(null);

  const send = async (): Promise<number | null> => {
    const { form, captcha } = options;
    const fieldsValid = await form.validateFields([...options.validate]).then(
      () => true,
      () => false,
    );
    // The captcha field may be empty when a form is submitted (see optionalCaptchaRule), never here.
    const answer = checkCaptchaAnswer(String(form.getFieldValue('captchaAnswer') ?? ''));
    if (!answer.ok) form.setFields([{ name: 'captchaAnswer', errors: [answer.message] }]);
    if (!fieldsValid || !answer.ok) return null;
    if (!captcha.captchaId) {
      captcha.refresh('图片验证码未加载,请点击图片重试');
      return null;
    }
    const result = await options.send(captcha.captchaId);
    captcha.refresh();
    if (result.ok) {
      const minutes = Math.max(1, Math.round(result.value.expiresInSeconds / 60));
      setNotice({
        type: 'success',
        text: `短信验证码已发送至${result.value.maskedMobile},${minutes}分钟内有效`,
      });
      return result.value.cooldownSeconds;
    }
    const { error } = result;
    if (options.intercept?.(error)) return null;
    const onField = showFieldErrors(form, error, options.fieldNames);
    setNotice(onField ? null : { type: 'error', text: error.message });
    return error.retryAfterSeconds ?? null;
  };

  return { send, notice, clearNotice: () => setNotice(null) };
}
