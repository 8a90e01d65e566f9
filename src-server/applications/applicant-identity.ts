import { AppFailure } from '../../src-shared/contracts/errors';
import type { ApplicationContent, FieldValue } from '../../src-shared/domain/catalog';
import { normalizeIdNumber } from '../../src-shared/domain/validation';

/**
 * 姓名 and 身份证号 of an application are the account's real-name identity, not something the applicant
 * types: reviewers read an application as that person's, so it must be the person who signed in.
 *
 * An empty field is filled from the account. A different value is refused rather than overwritten:
 * overwriting would keep the rest of the form (another person's education, career and scans) under
 * this account's name, an application that is nobody's and that a reviewer would still take at face
 * value. Refusing tells the applicant that the other person must apply from their own account.
 */

export interface AccountIdentity {
  name: string;
  id_number: string;
}

const IDENTITY_FIELDS = [
  { key: 'name', label: '姓名', of: (user: AccountIdentity) => user.name.trim(), same: sameName },
  {
    key: 'idNumber',
    label: '身份证号',
    of: (user: AccountIdentity) => normalizeIdNumber(user.id_number),
    same: sameIdNumber,
  },
] as const;

/** The content with the account's name and ID number where the basic information leaves them empty. */
export function withAccountIdentity(content: ApplicationContent, user: AccountIdentity): ApplicationContent {
  const basic = content.basicInfo;
  const values = basic !== undefined && !Array.isArray(basic) ? basic : {};
  const filled = { ...values };
  for (const field of IDENTITY_FIELDS) {
    if (isEmpty(filled[field.key])) filled[field.key] = field.of(user);
  }
  return { ...content, basicInfo: filled };
}

/** Refuses content whose name or ID number is another person's, naming the field. */
export function requireAccountIdentity(content: ApplicationContent, user: AccountIdentity): void {
  const basic = content.basicInfo;
  const values = basic !== undefined && !Array.isArray(basic) ? basic : {};
  const fields: Record<string, string> = {};
  for (const field of IDENTITY_FIELDS) {
    const value = values[field.key];
    if (!isEmpty(value) && !field.same(String(value), field.of(user))) {
      fields[`basicInfo.${field.key}`] =
        `${field.label}须与登录账号的实名信息一致,不能修改;为他人申报请使用本人的账号登录`;
    }
  }
  const first = Object.values(fields)[0];
  if (first !== undefined) throw new AppFailure('BAD_REQUEST', first, fields);
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function sameName(value: string, account: string): boolean {
  return value.trim() === account;
}

function sameIdNumber(value: string, account: string): boolean {
  return normalizeIdNumber(value) === account;
}
