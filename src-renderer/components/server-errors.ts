import type { FormInstance } from 'antd';
import type { AppError } from '../../src-shared/contracts';

/** Request fields whose errors belong on another form field (the captcha id is not typed). */
const FIELD_ALIASES: Readonly<Record<string, string>> = { captchaId: 'captchaAnswer' };

/** Errors that are about one field even when the server names none. */
const CODE_FIELDS: Partial<Record<AppError['code'], string>> = {
  CAPTCHA_INVALID: 'captchaAnswer',
  CAPTCHA_REQUIRED: 'captchaAnswer',
  SMS_CODE_INVALID: 'smsCode',
};

/**
 * Puts a server error on the form fields it is about (the server keys `fields` by request field
 * name, which is usually also the form field name; `aliases` maps the others). Answers whether any
 * field took it; if none did, the caller shows the message elsewhere. Values are left alone: nothing
 * the user typed is lost.
 */
export function showFieldErrors(
  form: FormInstance,
  error: AppError,
  fieldNames: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): boolean {
  const known = new Set(fieldNames);
  const errors = new Map<string, string>();
  for (const [key, message] of Object.entries(error.fields ?? {})) {
    const name = aliases[key] ?? FIELD_ALIASES[key] ?? key;
    if (known.has(name) && !errors.has(name)) errors.set(name, message);
  }
  const byCode = CODE_FIELDS[error.code];
  if (errors.size === 0 && byCode && known.has(byCode)) errors.set(byCode, error.message);
  form.setFields([...errors].map(([name, message]) => ({ name, errors: [message] })));
  return errors.size > 0;
}

/** Whether the error concerns the image captcha, whose answer must then be typed again. */
export function isCaptchaError(error: AppError): boolean {
  return (
    error.code === 'CAPTCHA_INVALID' ||
    error.code === 'CAPTCHA_REQUIRED' ||
    Object.keys(error.fields ?? {}).some((key) => key === 'captchaId' || key === 'captchaAnswer')
  );
}

/** "30秒", "5分钟": how long to wait, for retry hints. */
export function formatWait(seconds: number): string {
  return seconds < 120 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`;
}
