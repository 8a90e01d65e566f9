import { z } from './zod-chinese';

/**
 * Error codes shared by every layer. The server answers `{ error: { code, message } }`; the core turns
 * transport failures into the same shape, so the renderer shows one kind of error whatever failed.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_CREDENTIALS',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'SERVER_UNREACHABLE',
  'SERVER_ERROR',
  'INVALID_CALL',
  'CAPTCHA_REQUIRED',
  'CAPTCHA_INVALID',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'SMS_CODE_INVALID',
  'SMS_TOO_FREQUENT',
  'TICKET_INVALID',
  'CONFLICT',
  'REAL_NAME_FAILED',
  'ACCOUNT_NOT_FOUND',
  'SERVER_BUSY',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** Chinese, shown to the user as is: says what happened and what to do. */
  message: z.string(),
  /** Field-level problems, keyed by the form field's name. */
  fields: z.record(z.string(), z.string()).optional(),
  /** When the same request may be tried again (SMS cooldown, rate limits, lockout, a busy server). */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** The next login attempt must carry an image captcha (after repeated wrong passwords). */
  captchaRequired: z.boolean().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Default wording per code; a route may give a more specific message. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: '请求内容不正确,请检查填写的内容后重试',
  INVALID_CREDENTIALS: '用户名/手机号码/身份证号或密码错误,请检查后重试',
  UNAUTHENTICATED: '登录已失效,请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '请求的内容不存在',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  SERVER_UNREACHABLE: '无法连接到服务器,请检查网络连接或服务器设置后重试',
  SERVER_ERROR: '服务器暂时无法处理请求,请稍后重试',
  INVALID_CALL: '客户端调用参数不正确',
  CAPTCHA_REQUIRED: '请输入图片验证码',
  CAPTCHA_INVALID: '图片验证码错误或已过期,请重新输入',
  ACCOUNT_LOCKED: '密码错误次数过多,账号已被临时锁定,请稍后再试',
  RATE_LIMITED: '操作过于频繁,请稍后再试',
  SMS_CODE_INVALID: '短信验证码错误或已过期,请重新获取',
  SMS_TOO_FREQUENT: '短信发送过于频繁,请稍后再试',
  TICKET_INVALID: '操作已过期,请从第一步重新开始',
  CONFLICT: '填写的信息已被使用',
  REAL_NAME_FAILED: '实名认证未通过,请核对姓名和身份证号码',
  ACCOUNT_NOT_FOUND: '未找到该账号,请核对后重新输入',
  SERVER_BUSY: '服务器繁忙,请稍后重试',
};

type AppErrorExtras = Pick<AppError, 'fields' | 'retryAfterSeconds' | 'captchaRequired'>;

export function appError(
  code: ErrorCode,
  message?: string,
  fields?: Record<string, string>,
  extras: Omit<AppErrorExtras, 'fields'> = {},
): AppError {
  return { code, message: message ?? ERROR_MESSAGES[code], ...(fields ? { fields } : {}), ...extras };
}

/** Outcome of an app API call as it crosses the IPC or web boundary. Never throws across it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** Thrown inside the core and the server's handlers; adapters turn it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(
    code: ErrorCode,
    message?: string,
    fields?: Record<string, string>,
    extras: Omit<AppErrorExtras, 'fields'> = {},
  ) {
    const error = appError(code, message, fields, extras);
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}
