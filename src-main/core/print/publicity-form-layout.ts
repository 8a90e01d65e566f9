import type { ApplicationDetail } from '../../../src-shared/contracts/review-list';
import { maskIdNumber } from '../../../src-shared/domain/masking';
import {
  assessmentsSinceTitle,
  awards,
  catalogRef,
  continuingEducationHours,
  currentTitle,
  formatMonth,
  highestEducation,
  papers,
  projects,
  sectionTitle,
  valueOf,
} from './publicity-form-values';

/**
 * 《重庆市职称申报综合情况(公示)表》 defined once, as data (DOMAIN.md "公示表"): the title, the header, the
 * grid of labels and values, and the footer. The drawing (publicity-form-pdf.ts) knows no field; a field
 * is added or moved here. Labels are the catalog's where the form and the catalog say the same thing, and
 * the form's own wording where it differs (出生年月 for 出生日期, 工作单位 for 现工作单位).
 */

export const PUBLICITY_FORM_TITLE = '重庆市职称申报综合情况(公示)表';

const APPLICATION_NO = catalogRef('applicationInfo', 'applicationNo');
const YEAR = catalogRef('applicationInfo', 'year');
const NAME = catalogRef('basicInfo', 'name');
const GENDER = catalogRef('basicInfo', 'gender');
const BIRTH_DATE = catalogRef('basicInfo', 'birthDate');
const ID_NUMBER = catalogRef('basicInfo', 'idNumber');
const EMPLOYER = catalogRef('basicInfo', 'employer');
const PERSONNEL_CATEGORY = catalogRef('basicInfo', 'personnelCategory');
const WORK_START = catalogRef('basicInfo', 'workStartDate');
const SERIES = catalogRef('applicationInfo', 'series');
const SPECIALTY = catalogRef('applicationInfo', 'specialty');
const QUALIFICATION = catalogRef('applicationInfo', 'qualification');
const APPLICATION_TYPE = catalogRef('applicationInfo', 'applicationType');
const REVIEW_COMMITTEE = catalogRef('applicationInfo', 'reviewCommittee');

/** The header line under the title: 申请书编号 on the left, 年度 on the right. */
export const PUBLICITY_FORM_HEADER = {
  applicationNo: APPLICATION_NO.field.label,
  year: YEAR.field.label,
} as const;

/** A value the form prints from the application. */
export interface PublicityField {
  readonly label: string;
  readonly value: (detail: ApplicationDetail) => string;
}

export const PUBLICITY_FIELDS = {
  name: {
    label: NAME.field.label,
    value: (d) => valueOf(d.content, NAME) || d.applicantName,
  },
  gender: { label: GENDER.field.label, value: (d) => valueOf(d.content, GENDER) },
  birthMonth: { label: '出生年月', value: (d) => formatMonth(valueOf(d.content, BIRTH_DATE)) },
  // Printed and posted for everyone to see: masked (DOMAIN.md).
  idNumber: {
    label: ID_NUMBER.field.label,
    value: (d) => {
      const id = valueOf(d.content, ID_NUMBER);
      return id === '' ? '' : maskIdNumber(id);
    },
  },
  employer: { label: '工作单位', value: (d) => valueOf(d.content, EMPLOYER) || d.unitName },
  personnelCategory: {
    label: PERSONNEL_CATEGORY.field.label,
    value: (d) => valueOf(d.content, PERSONNEL_CATEGORY),
  },
  workStart: { label: WORK_START.field.label, value: (d) => formatMonth(valueOf(d.content, WORK_START)) },
  education: { label: '学历/学位/毕业院校及专业/毕业时间', value: (d) => highestEducation(d.content) },
  currentTitle: { label: '现职称及取得时间', value: (d) => currentTitle(d.content) },
  qualification: {
    label: `申报${[SERIES, SPECIALTY, QUALIFICATION].map((ref) => ref.field.label).join('/')}`,
    value: (d) =>
      [SERIES, SPECIALTY, QUALIFICATION]
        .map((ref) => valueOf(d.content, ref))
        .filter((part) => part !== '')
        .join('/'),
  },
  applicationType: {
    label: APPLICATION_TYPE.field.label,
    value: (d) => valueOf(d.content, APPLICATION_TYPE),
  },
  reviewCommittee: {
    label: REVIEW_COMMITTEE.field.label,
    value: (d) => valueOf(d.content, REVIEW_COMMITTEE),
  },
  assessments: { label: '任现职以来年度考核结果', value: (d) => assessmentsSinceTitle(d.content) },
  continuingEducation: { label: '继续教育学时', value: (d) => continuingEducationHours(d.content) },
  projects: { label: sectionTitle('projects'), value: (d) => projects(d.content) },
  papers: { label: sectionTitle('papers'), value: (d) => papers(d.content) },
  awards: { label: sectionTitle('awards'), value: (d) => awards(d.content) },
} as const satisfies Record<string, PublicityField>;

export type PublicityFieldId = keyof typeof PUBLICITY_FIELDS;
export const PUBLICITY_FIELD_IDS = Object.keys(PUBLICITY_FIELDS) as PublicityFieldId[];

/** Values the form prints from the print settings rather than from the application. */
export const PRINT_FIELDS = {
  publicityPeriod: { label: '公示时间' },
  publicityPlace: { label: '公示地点' },
  supervisingPhone: { label: '受理(监督)部门及电话' },
} as const;
export type PrintFieldId = keyof typeof PRINT_FIELDS;

/** The grid is this many units wide; each cell spans some of them. */
export const GRID_UNITS = 24;

export type FormCell =
  | { readonly kind: 'label'; readonly text: string; readonly span: number }
  | { readonly kind: 'value'; readonly field: PublicityFieldId | PrintFieldId; readonly span: number }
  /** A space to sign or stamp by hand: its caption at the top, the date at the bottom when `dated`. */
  | { readonly kind: 'signature'; readonly caption: string; readonly dated: boolean; readonly span: number };

export interface FormRow {
  readonly kind: 'row';
  readonly cells: readonly FormCell[];
  /** In points, for rows that are written in by hand. */
  readonly minHeight?: number;
}

/** Rows under one label that spans them on the left (主要业绩成果 over 项目, 论文, 获奖). */
export interface FormGroup {
  readonly kind: 'group';
  readonly label: string;
  readonly span: number;
  readonly rows: readonly FormRow[];
}

const LABEL_SPAN = 4;

function labelOf(field: PublicityFieldId | PrintFieldId): string {
  return field in PUBLICITY_FIELDS
    ? PUBLICITY_FIELDS[field as PublicityFieldId].label
    : PRINT_FIELDS[field as PrintFieldId].label;
}

/** A label cell with its value cell beside it. */
function pair(field: PublicityFieldId | PrintFieldId, valueSpan: number, labelSpan = LABEL_SPAN): FormCell[] {
  return [
    { kind: 'label', text: labelOf(field), span: labelSpan },
    { kind: 'value', field, span: valueSpan },
  ];
}

function row(...cells: FormCell[][]): FormRow {
  return { kind: 'row', cells: cells.flat() };
}

export const PUBLICITY_FORM_GRID: readonly (FormRow | FormGroup)[] = [
  row(pair('name', 5), pair('gender', 3, 3), pair('birthMonth', 5)),
  row(pair('idNumber', 8), pair('personnelCategory', 8)),
  row(pair('employer', 20)),
  row(pair('workStart', 4), pair('currentTitle', 11, 5)),
  row(pair('education', 20)),
  row(pair('qualification', 11), pair('applicationType', 5)),
  row(pair('reviewCommittee', 20)),
  row(pair('assessments', 20)),
  row(pair('continuingEducation', 20)),
  {
    kind: 'group',
    label: '主要业绩成果',
    span: LABEL_SPAN,
    rows: [row(pair('projects', 18, 2)), row(pair('papers', 18, 2)), row(pair('awards', 18, 2))],
  },
  row(pair('publicityPeriod', 20)),
  row(pair('publicityPlace', 20)),
  row(pair('supervisingPhone', 20)),
  {
    kind: 'row',
    minHeight: 84,
    cells: [
      { kind: 'signature', caption: '单位负责人签字:', dated: false, span: 12 },
      { kind: 'signature', caption: '单位(盖章):', dated: true, span: 12 },
    ],
  },
];
