import { z } from './zod-chinese';
import { checkPasswordConfirmation } from '../domain/validation';
import {
  accountField,
  captchaFields,
  idNumberField,
  mobileField,
  opaqueIdField,
  passwordField,
  personNameField,
  phoneOrLandlineField,
  smsCodeField,
} from './fields';

/**
 * Accounts: image captcha, SMS codes, 用户注册 (manual 2.2), 重置密码 (manual 2.3) and 人工找回.
 * Multi-step flows hand the client a ticket per step: bound on the server to the account (or the
 * pending registration) and the step, single-use, expiring in 10 minutes.
 */

// --- captcha -------------------------------------------------------------------------------------------

export const captchaSchema = z.object({
  captchaId: z.string(),
  /** An SVG image; the renderer shows it as a data: URL. */
  svg: z.string(),
  expiresInSeconds: z.number().int(),
});
export type Captcha = z.infer<typeof captchaSchema>;

// --- SMS codes -----------------------------------------------------------------------------------------

export const SMS_PURPOSES = ['register', 'reset'] as const;

/** Sending needs a solved captcha; for a reset the phone comes from the ticket, never from the client. */
export const sendSmsCodeRequestSchema = z.discriminatedUnion('purpose', [
  z.strictObject({ purpose: z.literal('register'), mobile: mobileField, ...captchaFields }),
  z.strictObject({ purpose: z.literal('reset'), ticket: opaqueIdField, ...captchaFields }),
]);
export type SendSmsCodeRequest = z.input<typeof sendSmsCodeRequestSchema>;

export const sendSmsCodeResponseSchema = z.object({
  maskedMobile: z.string(),
  /** Seconds until another code may be sent to this phone (the button's countdown). */
  cooldownSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type SendSmsCodeResponse = z.infer<typeof sendSmsCodeResponseSchema>;

// --- 用户注册 --------------------------------------------------------------------------------------------

export const ID_TYPES = ['身份证'] as const;

/** Step 1, 基本信息. The captcha was spent on sending the SMS code; the code proves the phone. */
export const registerBasicRequestSchema = z
  .strictObject({
    account: accountField,
    password: passwordField,
    confirmPassword: z.string().max(64),
    name: personNameField,
    idType: z.enum(ID_TYPES, '请选择证件类型'),
    idNumber: idNumberField,
    mobile: mobileField,
    smsCode: smsCodeField,
    agreed: z.literal(true, '请阅读并同意《重庆市政务服务网统一认证中心注册协议》'),
  })
  .superRefine((value, ctx) => {
    const confirmation = checkPasswordConfirmation(value.password, value.confirmPassword);
    if (!confirmation.ok)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: confirmation.message });
  });
export type RegisterBasicRequest = z.input<typeof registerBasicRequestSchema>;

export const registerBasicResponseSchema = z.object({
  ticket: z.string(),
  name: z.string(),
  maskedIdNumber: z.string(),
  expiresInSeconds: z.number().int(),
});
export type RegisterBasicResponse = z.infer<typeof registerBasicResponseSchema>;

/** Step 2, 实名认证: the verifier checks the name against the ID number; success creates the account. */
export const registerVerifyRequestSchema = z.strictObject({ ticket: opaqueIdField });
export const registerVerifyResponseSchema = z.object({ account: z.string(), name: z.string() });
export type RegisterVerifyResponse = z.infer<typeof registerVerifyResponseSchema>;

// --- 重置密码 --------------------------------------------------------------------------------------------

/** Step 1, 确认账号: 用户账号/手机号码/身份证号 and the captcha. */
export const resetStartRequestSchema = z.strictObject({
  identifier: z.string().trim().min(1, '请输入用户账号/手机号码/身份证号').max(64),
  ...captchaFields,
});

/** Step 2, 验证方式: only what the manual shows, masked. */
export const resetStartResponseSchema = z.object({
  ticket: z.string(),
  maskedAccount: z.string(),
  maskedMobile: z.string(),
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  expiresInSeconds: z.number().int(),
});
export type ResetStartResponse = z.infer<typeof resetStartResponseSchema>;

/** 通过刷脸找回 happens only in the government mobile app, so the phone is the one method chosen here. */
export const RESET_METHODS = ['phone'] as const;
export const resetChooseMethodRequestSchema = z.strictObject({
  ticket: opaqueIdField,
  method: z.enum(RESET_METHODS, '请选择验证方式'),
});
export const resetChooseMethodResponseSchema = z.object({
  ticket: z.string(),
  maskedMobile: z.string(),
  expiresInSeconds: z.number().int(),
});
export type ResetChooseMethodResponse = z.infer<typeof resetChooseMethodResponseSchema>;

/** Step 3, 安全验证: the SMS code sent with this step's ticket. */
export const resetVerifyRequestSchema = z.strictObject({ ticket: opaqueIdField, smsCode: smsCodeField });
export const resetVerifyResponseSchema = z.object({ ticket: z.string(), expiresInSeconds: z.number().int() });
export type ResetVerifyResponse = z.infer<typeof resetVerifyResponseSchema>;

/** Step 4, 重置密码. Success ends every session of the account. */
export const resetPasswordRequestSchema = z
  .strictObject({ ticket: opaqueIdField, password: passwordField, confirmPassword: z.string().max(64) })
  .superRefine((value, ctx) => {
    const confirmation = checkPasswordConfirmation(value.password, value.confirmPassword);
    if (!confirmation.ok)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: confirmation.message });
  });
export const resetPasswordResponseSchema = z.object({ account: z.string() });

// --- 人工找回 --------------------------------------------------------------------------------------------

export const manualResetRequestSchema = z.strictObject({
  name: personNameField,
  idNumber: idNumberField,
  /** 联系电话: a mobile or a Chongqing landline. */
  contact: phoneOrLandlineField,
  reason: z.string().trim().min(5, '请说明找回原因(至少5个字)').max(500, '找回原因不能超过500个字'),
  ...captchaFields,
});
export type ManualResetRequestInput = z.input<typeof manualResetRequestSchema>;

export const manualResetReceiptSchema = z.object({ requestId: z.string(), submittedAt: z.string() });

export const MANUAL_RESET_STATUSES = ['pending', 'resolved', 'rejected'] as const;
export const MANUAL_RESET_STATUS_LABELS: Record<(typeof MANUAL_RESET_STATUSES)[number], string> = {
  pending: '待处理',
  resolved: '已处理',
  rejected: '已驳回',
};

/** What 职改办 sees: the request as filed (it is theirs to verify) and the account it matches, if any. */
export const manualResetRequestViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  contact: z.string(),
  reason: z.string(),
  status: z.enum(MANUAL_RESET_STATUSES),
  submittedAt: z.string(),
  matchedAccount: z.string().nullable(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type ManualResetRequestView = z.infer<typeof manualResetRequestViewSchema>;

export const listManualResetRequestsSchema = z.strictObject({
  status: z.enum([...MANUAL_RESET_STATUSES, 'all']).default('pending'),
});

export const handleManualResetRequestSchema = z.strictObject({
  id: z.string().min(1).max(64),
  outcome: z.enum(['resolved', 'rejected'], '请选择处理结果'),
  note: z.string().trim().min(2, '请填写处理说明').max(500, '处理说明不能超过500个字'),
});

// --- demo outbox -----------------------------------------------------------------------------------------

/** Demo mode only: what the server "sent" and the captcha answers it issued, for trainers and tests. */
export const devOutboxSchema = z.object({
  sms: z.array(
    z.object({
      mobile: z.string(),
      purpose: z.string(),
      text: z.string(),
      code: z.string(),
      sentAt: z.string(),
    }),
  ),
  captchas: z.array(z.object({ captchaId: z.string(), answer: z.string(), issuedAt: z.string() })),
});
export type DevOutbox = z.infer<typeof devOutboxSchema>;
