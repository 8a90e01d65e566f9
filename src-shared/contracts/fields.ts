import { z } from './zod-chinese';
import type { FieldCheck } from '../domain/validation';
import {
  checkAccount,
  checkCaptchaAnswer,
  checkIdNumber,
  checkMobile,
  checkPassword,
  checkPersonName,
  checkPhoneOrLandline,
  checkSmsCode,
} from '../domain/validation';

/**
 * zod fields built from the domain's checks, so the form's as-you-type messages (which call the same
 * checks) and the server's validation can never disagree. A field parses to the normalised value.
 */
export function checkedField(check: (s: string) => FieldCheck, maxLength = 64) {
  return z
    .string()
    .max(maxLength)
    .transform((value, ctx) => {
      const result = check(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.value;
    });
}

export const accountField = checkedField(checkAccount);
export const passwordField = checkedField(checkPassword);
export const personNameField = checkedField(checkPersonName);
export const idNumberField = checkedField((s) => checkIdNumber(s));
export const mobileField = checkedField(checkMobile);
export const phoneOrLandlineField = checkedField(checkPhoneOrLandline);
export const smsCodeField = checkedField(checkSmsCode, 16);
export const captchaAnswerField = checkedField(checkCaptchaAnswer, 16);

/** An opaque server-issued id (captcha, ticket): long enough to be unguessable, short enough to bound. */
export const opaqueIdField = z.string().min(16, '凭证无效,请重新操作').max(128, '凭证无效,请重新操作');

/** The image captcha a form sends with its request. */
export const captchaFields = {
  captchaId: opaqueIdField,
  captchaAnswer: captchaAnswerField,
};
