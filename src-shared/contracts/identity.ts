import { z } from './zod-chinese';
import { ROLES, UNIT_KINDS } from '../domain/roles';
import { captchaAnswerField, opaqueIdField } from './fields';

/** Shapes of identity that both contracts share: the server sends them, the core passes them on. */

export const roleSchema = z.enum(ROLES);

export const unitKindSchema = z.enum(UNIT_KINDS);

/** A unit the user administers, with the role that gives them there. */
export const unitMembershipSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: unitKindSchema,
  role: roleSchema,
});
export type UnitMembership = z.infer<typeof unitMembershipSchema>;

/** The signed-in person as the UI needs them. Phone and ID number arrive masked. */
export const sessionUserSchema = z.object({
  id: z.string(),
  account: z.string(),
  name: z.string(),
  maskedMobile: z.string(),
  maskedIdNumber: z.string(),
  /** Administered units; empty for a 个人用户. */
  memberships: z.array(unitMembershipSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginCredentialsSchema = z.object({
  /** 用户名/手机号码/身份证号 */
  identifier: z.string().trim().min(1, '请输入用户名/手机号码/身份证号').max(64),
  password: z.string().min(1, '请输入密码').max(128),
  /** Required by the server after repeated wrong passwords (it answers `captchaRequired`). */
  captchaId: opaqueIdField.optional(),
  captchaAnswer: captchaAnswerField.optional(),
});
export type LoginCredentials = z.infer<typeof loginCredentialsSchema>;
