import { z } from './zod-chinese';
import { currentDistrictId, isChongqingDistrictId } from '../domain/districts';
import { checkCreditCode } from '../domain/validation';
import {
  INDUSTRIES,
  LICENCE_MAX_BYTES,
  REGISTRABLE_UNIT_KINDS,
  UNIT_NATURES,
  UNIT_STATUSES,
} from '../domain/units';
import { checkedField, opaqueIdField, personNameField, phoneOrLandlineField } from './fields';
import { unitKindSchema } from './identity';

/**
 * Units (manual chapter 3): uploading the licence scan, registering a unit as its administrator,
 * and the superior department's review (下级单位注册审核).
 */

export const creditCodeField = checkedField(checkCreditCode);

const idField = z.string().min(1).max(64);

// --- the licence scan -----------------------------------------------------------------------------------

/** Base64 grows a file by a third; the bound leaves room for a 10 MB scan and nothing much bigger. */
const MAX_BASE64_LENGTH = Math.ceil(LICENCE_MAX_BYTES / 3) * 4;

export const uploadLicenceRequestSchema = z.strictObject({
  fileName: z.string().trim().min(1, '请选择文件').max(200, '文件名过长'),
  contentBase64: z.string().max(MAX_BASE64_LENGTH + 4, '文件不能超过10MB,请压缩或重新扫描后上传'),
});
export type UploadLicenceRequest = z.input<typeof uploadLicenceRequestSchema>;

export const storedFileSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileContentSchema = storedFileSchema.extend({ contentBase64: z.string() });
export type FileContent = z.infer<typeof fileContentSchema>;

// --- registration ---------------------------------------------------------------------------------------

/** The form of manual 3.1; 联系人 is the registering person, taken from the session, not from the form. */
export const unitRegistrationFormSchema = z.strictObject({
  name: z.string().trim().min(2, '请输入单位名称(至少2个字)').max(100, '单位名称不能超过100个字'),
  creditCode: creditCodeField,
  kind: z.enum(REGISTRABLE_UNIT_KINDS, '请选择单位类别'),
  nature: z.enum(UNIT_NATURES, '请选择单位性质'),
  industry: z.enum(INDUSTRIES, '请选择所属行业'),
  /** A District id; a retired one (sent by an older client) is taken as the place it now means. */
  districtCode: z.string().transform(currentDistrictId).refine(isChongqingDistrictId, '请选择所在区县'),
  parentId: idField.or(z.literal('')).refine((value) => value !== '', '请选择上级主管部门'),
  address: z.string().trim().min(5, '请输入单位地址(至少5个字)').max(200, '单位地址不能超过200个字'),
  leaderName: personNameField,
  contactPhone: phoneOrLandlineField,
  licenceFileId: opaqueIdField
    .or(z.literal(''))
    .refine((value) => value !== '', '请上传营业执照/法人证书扫描件'),
});
export type UnitRegistrationForm = z.input<typeof unitRegistrationFormSchema>;

export const unitStatusSchema = z.enum(UNIT_STATUSES);

export const unitHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.enum(['submitted', 'resubmitted', 'approved', 'rejected']),
  actorName: z.string(),
  reason: z.string().nullable(),
});

/** A registration as its registrant and its reviewers see it. */
export const unitRegistrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  kind: unitKindSchema,
  nature: z.string(),
  industry: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  parentId: z.string(),
  parentName: z.string(),
  address: z.string(),
  leaderName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  licence: storedFileSchema,
  status: unitStatusSchema,
  rejectReason: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  history: z.array(unitHistoryEntrySchema),
});
export type UnitRegistration = z.infer<typeof unitRegistrationSchema>;

export const superiorDepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: unitKindSchema,
});
export type SuperiorDepartment = z.infer<typeof superiorDepartmentSchema>;

export const searchSuperiorsRequestSchema = z.strictObject({
  /** A department is registered under the 职改办 or another department; a unit under a department. */
  kind: z.enum(REGISTRABLE_UNIT_KINDS),
  query: z.string().trim().max(100).default(''),
});

export const submitUnitRegistrationSchema = unitRegistrationFormSchema;
export const resubmitUnitRegistrationSchema = unitRegistrationFormSchema.extend({ id: idField });

export const registrationIdSchema = z.strictObject({ id: idField });

export const reviewListRequestSchema = z.strictObject({
  status: z.enum([...UNIT_STATUSES, 'all']).default('pending'),
});

export const rejectUnitRegistrationSchema = z.strictObject({
  id: idField,
  reason: z.string().trim().min(2, '请填写审核不通过的原因').max(500, '原因不能超过500个字'),
});
