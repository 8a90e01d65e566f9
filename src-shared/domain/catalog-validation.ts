import { isIsoDate } from './calendar';
import { APPLICATION_CATALOG, sectionByKey } from './catalog';
import type { CatalogField, CatalogSection, ContentProblem } from './catalog-types';
import { birthDateFromIdNumber, checkIdNumber, checkMobile, genderFromIdNumber } from './validation';

/**
 * Checks an application's content against the catalog and lists every problem in Chinese, located by section,
 * row and field so the UI can show it beside the input.
 *
 * Value types are always checked; missing required fields and too few rows only `forSubmit`, because a draft
 * may be incomplete but never malformed. The content may come straight from JSON, so its shape is checked
 * too, and keys the catalog does not know are reported rather than silently stored.
 */

export interface ContentValidationOptions {
  forSubmit: boolean;
  /** The day against which birth dates in ID numbers may not lie in the future; defaults to now. */
  today?: Date;
}

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^(19|20)\d{2}$/;
/** Enum lists longer than this are not spelled out in messages. */
const MAX_OPTIONS_IN_MESSAGE = 8;

type Values = Record<string, unknown>;

function isRecord(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function missingMessage(field: CatalogField): string {
  if (field.type === 'enum') return `请选择${field.label}`;
  if (field.type === 'attachment') return `请上传${field.label}`;
  return `请填写${field.label}`;
}

/** What is wrong with a non-empty value of `field`, or null. */
function valueProblem(field: CatalogField, value: unknown, today: Date): string | null {
  const { label } = field;
  if (field.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${label}应为数字`;
    return value < 0 ? `${label}不能为负数` : null;
  }
  if (typeof value !== 'string') return `${label}应为文字`;
  if (field.maxLength !== undefined && Array.from(value).length > field.maxLength) {
    return `${label}不能超过${field.maxLength}个字`;
  }
  switch (field.type) {
    case 'date':
      return isIsoDate(value) ? null : `${label}应为有效日期(格式YYYY-MM-DD)`;
    case 'yearMonth':
      return YEAR_MONTH.test(value) ? null : `${label}应为有效年月(格式YYYY-MM)`;
    case 'year':
      return YEAR.test(value) ? null : `${label}应为四位年份(1900-2099)`;
    case 'enum': {
      const options = field.options ?? [];
      if (options.includes(value)) return null;
      return options.length <= MAX_OPTIONS_IN_MESSAGE
        ? `${label}只能选择:${options.join('、')}`
        : `请从列表中选择${label}`;
    }
    case 'idNumber': {
      const check = checkIdNumber(value, today);
      return check.ok ? null : check.message;
    }
    case 'mobile': {
      const check = checkMobile(value);
      return check.ok ? null : check.message;
    }
    case 'text':
    case 'longText':
    case 'attachment':
      return null;
  }
}

/**
 * 出生日期 and 性别 must agree with the 身份证号 (GB 11643 encodes both); only checked when all are valid,
 * since otherwise their own problems are already reported.
 */
function identityProblems(values: Values, today: Date): { fieldKey: string; message: string }[] {
  const idNumber = values.idNumber;
  if (typeof idNumber !== 'string' || !checkIdNumber(idNumber, today).ok) return [];
  const problems: { fieldKey: string; message: string }[] = [];
  if (typeof values.birthDate === 'string' && isIsoDate(values.birthDate)) {
    if (values.birthDate !== birthDateFromIdNumber(idNumber)) {
      problems.push({ fieldKey: 'birthDate', message: '出生日期与身份证号码不一致' });
    }
  }
  if ((values.gender === '男' || values.gender === '女') && values.gender !== genderFromIdNumber(idNumber)) {
    problems.push({ fieldKey: 'gender', message: '性别与身份证号码不一致' });
  }
  return problems;
}

/** Problems of one single section or one row; `rowIndex` is set for rows. */
function valuesProblems(
  section: CatalogSection,
  values: Values,
  rowIndex: number | undefined,
  options: Required<ContentValidationOptions>,
): ContentProblem[] {
  const at = (fieldKey: string, message: string): ContentProblem =>
    rowIndex === undefined
      ? { sectionKey: section.key, fieldKey, message }
      : { sectionKey: section.key, rowIndex, fieldKey, message };
  const problems: ContentProblem[] = [];
  const known = new Set(section.fields.map((field) => field.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push(at(key, `${section.title}中没有“${key}”这一项`));
  }
  const valid = new Set<string>();
  for (const field of section.fields) {
    const value = values[field.key];
    if (isEmpty(value)) {
      if (field.required && options.forSubmit) problems.push(at(field.key, missingMessage(field)));
      continue;
    }
    const problem = valueProblem(field, value, options.today);
    if (problem === null) valid.add(field.key);
    else problems.push(at(field.key, problem));
  }
  const period = section.period;
  if (period && valid.has(period.startKey) && valid.has(period.endKey)) {
    // Same-format ISO strings compare in calendar order.
    if (String(values[period.endKey]) < String(values[period.startKey])) {
      const startLabel = section.fields.find((f) => f.key === period.startKey)?.label ?? period.startKey;
      const endLabel = section.fields.find((f) => f.key === period.endKey)?.label ?? period.endKey;
      problems.push(at(period.endKey, `${endLabel}不能早于${startLabel}`));
    }
  }
  if (section.key === 'basicInfo') {
    for (const { fieldKey, message } of identityProblems(values, options.today)) {
      problems.push(at(fieldKey, message));
    }
  }
  return problems;
}

function sectionProblems(
  section: CatalogSection,
  value: unknown,
  options: Required<ContentValidationOptions>,
): ContentProblem[] {
  const shapeProblem = { sectionKey: section.key, message: `${section.title}的内容格式不正确` };
  if (section.mode === 'single') {
    if (value === undefined) return valuesProblems(section, {}, undefined, options);
    return isRecord(value) ? valuesProblems(section, value, undefined, options) : [shapeProblem];
  }
  const rows = value === undefined ? [] : value;
  if (!Array.isArray(rows)) return [shapeProblem];
  const problems: ContentProblem[] = [];
  if (options.forSubmit && section.minRows !== undefined && rows.length < section.minRows) {
    problems.push({ sectionKey: section.key, message: `请至少填写${section.minRows}条${section.title}` });
  }
  rows.forEach((row: unknown, rowIndex) => {
    if (isRecord(row)) problems.push(...valuesProblems(section, row, rowIndex, options));
    else
      problems.push({
        sectionKey: section.key,
        rowIndex,
        message: `${section.title}第${rowIndex + 1}行格式不正确`,
      });
  });
  return problems;
}

/**
 * Lists the problems of an application's content (an ApplicationContent, or untrusted JSON that should be
 * one), in catalog order; an empty list means valid. Accepted values: strings for every type but number,
 * finite numbers for number, and null, undefined or a blank string for "not filled in".
 */
export function validateApplicationContent(
  content: unknown,
  options: ContentValidationOptions,
): ContentProblem[] {
  const resolved: Required<ContentValidationOptions> = {
    forSubmit: options.forSubmit,
    today: options.today ?? new Date(),
  };
  if (!isRecord(content)) return [{ sectionKey: '', message: '申报书内容格式不正确' }];
  const problems: ContentProblem[] = [];
  for (const key of Object.keys(content)) {
    if (!sectionByKey(key)) problems.push({ sectionKey: key, message: `申报书中没有“${key}”这一部分` });
  }
  for (const section of APPLICATION_CATALOG) {
    problems.push(...sectionProblems(section, content[section.key], resolved));
  }
  return problems;
}
