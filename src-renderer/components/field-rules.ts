import type { FormRule } from 'antd';
import type { ZodType } from 'zod';
import {
  checkCaptchaAnswer,
  checkPasswordConfirmation,
  type FieldCheck,
} from '../../src-shared/domain/validation';

/**
 * antd form rules built from the shared checks and schemas, so a form says exactly what the server
 * would say about a field, as the user types, from one definition of each rule.
 */

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A rule from one of the domain's `check…` functions (its message says what to fix). */
export function checkRule(check: (value: string) => FieldCheck): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = check(text(value));
      if (!result.ok) throw new Error(result.message);
    },
  };
}

/**
 * A rule from a field of a contract schema, for fields without a `check…` function (e.g. 找回原因). An
 * untouched field is undefined; it is checked as empty, so the schema's own "请填写…" message shows.
 */
export function schemaRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写的内容不正确');
    },
  };
}

/** 确认密码 must repeat the field `passwordField`; pair it with `dependencies={[passwordField]}`. */
export function confirmationRule(passwordField: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      const result = checkPasswordConfirmation(text(getFieldValue(passwordField)), text(value));
      if (!result.ok) throw new Error(result.message);
    },
  });
}

/**
 * The image captcha of a form whose captcha only guards sending the SMS code: the server spends the
 * captcha on that send and the field is emptied, so an empty field must not block the form's own
 * submit. What is typed is still checked as it is typed, and sending checks it in full.
 */
export const optionalCaptchaRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (text(value).trim() === '') return;
    const result = checkCaptchaAnswer(text(value));
    if (!result.ok) throw new Error(result.message);
  },
};
