import {
  APPLICATION_TYPES,
  ASSESSMENT_RESULTS,
  ATTACHMENT_CATEGORIES,
  BOOK_ROLES,
  CONTINUING_EDUCATION_CATEGORIES,
  DEGREES,
  EDUCATION_LEVELS,
  ETHNIC_GROUPS,
  GENDERS,
  PATENT_TYPES,
  POLITICAL_STATUSES,
  PROJECT_LEVELS,
  PROJECT_ROLES,
} from './catalog-options';
import type { CatalogField, CatalogSection, FieldType } from './catalog-types';

/**
 * The sections and fields of the application (DOMAIN.md "The application"), in the order the review dialog
 * and the PDF show them. Labels are the manual's where it has them. This file is data only; lookups and
 * validation are in catalog.ts and catalog-validation.ts.
 */

const NAME_LENGTH = 50;
const TEXT_LENGTH = 100;
const NUMBER_LENGTH = 50;
const PARAGRAPH_LENGTH = 2000;

function field(
  key: string,
  label: string,
  type: FieldType,
  required: boolean,
  extra: Omit<CatalogField, 'key' | 'label' | 'type' | 'required'> = {},
): CatalogField {
  return { key, label, type, required, ...extra };
}

function section(definition: Omit<CatalogSection, 'commentPlaceholder'>): CatalogSection {
  return { ...definition, commentPlaceholder: `可在这里填写${definition.title}的修改意见` };
}

/** The standard 诚信承诺 text that an application starts with. */
export const INTEGRITY_PLEDGE_TEXT =
  '本人郑重承诺:所提交的申报材料及填写的信息真实、准确、完整,无弄虚作假行为。' +
  '如有不实,本人愿承担相应责任,接受取消申报资格、撤销已取得的职称等处理。';

const applicationInfo = section({
  key: 'applicationInfo',
  title: '申报信息',
  mode: 'single',
  fields: [
    field('applicationNo', '申请书编号', 'text', true, { maxLength: 32 }),
    field('year', '年度', 'year', true),
    field('series', '系列', 'text', true, { maxLength: NAME_LENGTH, group: '申请资格' }),
    field('specialty', '专业', 'text', true, { maxLength: NAME_LENGTH, group: '申请资格' }),
    field('qualification', '资格', 'text', true, { maxLength: NAME_LENGTH, group: '申请资格' }),
    field('specialtyDirection', '申请资格专业方向', 'text', false, { maxLength: TEXT_LENGTH }),
    field('applicationType', '申报类型', 'enum', true, { options: APPLICATION_TYPES }),
    field('reviewCommittee', '评审委员会', 'text', true, { maxLength: TEXT_LENGTH }),
    field('committeeGroup', '评委会专业组', 'text', true, { maxLength: NAME_LENGTH }),
  ],
});

const basicInfo = section({
  key: 'basicInfo',
  title: '基本信息',
  mode: 'single',
  fields: [
    field('name', '姓名', 'text', true, { maxLength: NAME_LENGTH }),
    field('formerName', '曾用名', 'text', false, { maxLength: NAME_LENGTH }),
    field('gender', '性别', 'enum', true, { options: GENDERS }),
    field('birthDate', '出生日期', 'date', true),
    field('ethnicity', '民族', 'enum', true, { options: ETHNIC_GROUPS }),
    field('politicalStatus', '政治面貌', 'enum', true, { options: POLITICAL_STATUSES }),
    field('idNumber', '身份证号', 'idNumber', true, { sensitive: 'idNumber' }),
    field('mobile', '手机号', 'mobile', true, { sensitive: 'mobile' }),
    field('workStartDate', '参加工作时间', 'date', true),
    field('employer', '现工作单位', 'text', true, { maxLength: TEXT_LENGTH }),
    field('archiveLocation', '档案所在地', 'text', true, { maxLength: TEXT_LENGTH }),
    field('personnelCategory', '人员类别', 'text', true, { maxLength: NAME_LENGTH }),
    // Records the platform obtains for the application; not every applicant has them when the draft starts.
    field('archiveAgencyRecord', '存档机构查询情况', 'attachment', false),
    field('insuranceRecord', '一年的参保记录', 'attachment', false),
  ],
});

const education = section({
  key: 'education',
  title: '教育经历',
  mode: 'rows',
  minRows: 1,
  period: { startKey: 'startMonth', endKey: 'endMonth' },
  fields: [
    field('startMonth', '起始时间', 'yearMonth', true, { group: '起止时间' }),
    field('endMonth', '结束时间', 'yearMonth', true, { group: '起止时间' }),
    field('school', '学校', 'text', true, { maxLength: TEXT_LENGTH }),
    field('major', '专业', 'text', true, { maxLength: NAME_LENGTH }),
    field('educationLevel', '学历', 'enum', true, { options: EDUCATION_LEVELS }),
    field('degree', '学位', 'enum', true, { options: DEGREES }),
    field('certificateNo', '证书编号', 'text', false, { maxLength: NUMBER_LENGTH }),
  ],
});

const workExperience = section({
  key: 'workExperience',
  title: '工作经历',
  mode: 'rows',
  minRows: 1,
  period: { startKey: 'startMonth', endKey: 'endMonth' },
  fields: [
    field('startMonth', '起始时间', 'yearMonth', true, { group: '起止时间' }),
    // Empty for the current position (至今).
    field('endMonth', '结束时间', 'yearMonth', false, { group: '起止时间' }),
    field('employer', '工作单位', 'text', true, { maxLength: TEXT_LENGTH }),
    field('position', '职务/岗位', 'text', true, { maxLength: NAME_LENGTH }),
    field('referee', '证明人', 'text', false, { maxLength: NAME_LENGTH }),
  ],
});

// Optional, because a 直接申报 applicant may hold no title yet.
const currentTitle = section({
  key: 'currentTitle',
  title: '现任专业技术职务',
  mode: 'single',
  fields: [
    field('titleName', '资格名称', 'text', false, { maxLength: NAME_LENGTH }),
    field('obtainedDate', '取得时间', 'date', false),
    field('certificateNo', '证书编号', 'text', false, { maxLength: NUMBER_LENGTH }),
    field('appointmentDate', '聘任时间', 'date', false),
  ],
});

const continuingEducation = section({
  key: 'continuingEducation',
  title: '继续教育',
  mode: 'rows',
  fields: [
    field('year', '年度', 'year', true),
    field('project', '项目', 'text', true, { maxLength: TEXT_LENGTH }),
    field('hours', '学时', 'number', true),
    field('category', '类别', 'enum', true, { options: CONTINUING_EDUCATION_CATEGORIES }),
  ],
});

const annualAssessment = section({
  key: 'annualAssessment',
  title: '年度考核',
  mode: 'rows',
  fields: [
    field('year', '年度', 'year', true),
    field('result', '结果', 'enum', true, { options: ASSESSMENT_RESULTS }),
  ],
});

const ACHIEVEMENTS = '业绩成果';

const projects = section({
  key: 'projects',
  title: '项目',
  group: ACHIEVEMENTS,
  mode: 'rows',
  period: { startKey: 'startMonth', endKey: 'endMonth' },
  fields: [
    field('name', '项目名称', 'text', true, { maxLength: TEXT_LENGTH }),
    field('source', '项目来源', 'text', false, { maxLength: TEXT_LENGTH }),
    field('level', '项目级别', 'enum', true, { options: PROJECT_LEVELS }),
    field('role', '本人角色', 'enum', true, { options: PROJECT_ROLES }),
    field('startMonth', '起始时间', 'yearMonth', true, { group: '起止时间' }),
    field('endMonth', '结束时间', 'yearMonth', false, { group: '起止时间' }),
    field('summary', '主要内容', 'longText', false, { maxLength: PARAGRAPH_LENGTH }),
  ],
});

const papers = section({
  key: 'papers',
  title: '论文',
  group: ACHIEVEMENTS,
  mode: 'rows',
  fields: [
    field('title', '题目', 'text', true, { maxLength: TEXT_LENGTH }),
    field('journal', '刊物名称', 'text', true, { maxLength: TEXT_LENGTH }),
    field('serialNo', '刊号(ISSN/CN)', 'text', false, { maxLength: NUMBER_LENGTH }),
    field('publishedMonth', '发表时间', 'yearMonth', true),
    field('authorRank', '本人排名', 'number', true),
  ],
});

const books = section({
  key: 'books',
  title: '著作',
  group: ACHIEVEMENTS,
  mode: 'rows',
  fields: [
    field('title', '书名', 'text', true, { maxLength: TEXT_LENGTH }),
    field('publisher', '出版社', 'text', true, { maxLength: TEXT_LENGTH }),
    field('isbn', 'ISBN', 'text', false, { maxLength: NUMBER_LENGTH }),
    field('publishedMonth', '出版时间', 'yearMonth', true),
    field('role', '本人角色', 'enum', true, { options: BOOK_ROLES }),
    field('wordsWritten', '本人撰写字数(万字)', 'number', false),
  ],
});

const awards = section({
  key: 'awards',
  title: '获奖',
  group: ACHIEVEMENTS,
  mode: 'rows',
  fields: [
    field('name', '奖项名称', 'text', true, { maxLength: TEXT_LENGTH }),
    field('grade', '奖励等级', 'text', true, { maxLength: NAME_LENGTH }),
    field('grantor', '授奖单位', 'text', true, { maxLength: TEXT_LENGTH }),
    field('awardedMonth', '获奖时间', 'yearMonth', true),
    field('rank', '本人排名', 'number', true),
  ],
});

const patents = section({
  key: 'patents',
  title: '专利',
  group: ACHIEVEMENTS,
  mode: 'rows',
  fields: [
    field('name', '专利名称', 'text', true, { maxLength: TEXT_LENGTH }),
    field('patentType', '专利类型', 'enum', true, { options: PATENT_TYPES }),
    field('patentNo', '专利号', 'text', true, { maxLength: NUMBER_LENGTH }),
    field('grantedDate', '授权时间', 'date', true),
    field('rank', '本人排名', 'number', true),
  ],
});

const integrityPledge = section({
  key: 'integrityPledge',
  title: '诚信承诺',
  mode: 'single',
  fields: [
    field('text', '承诺内容', 'longText', true, { maxLength: PARAGRAPH_LENGTH }),
    field('pledgor', '承诺人', 'text', true, { maxLength: NAME_LENGTH }),
    field('pledgeDate', '承诺日期', 'date', true),
  ],
});

const attachments = section({
  key: 'attachments',
  title: '附件',
  mode: 'rows',
  fields: [
    field('name', '名称', 'text', true, { maxLength: TEXT_LENGTH }),
    field('category', '类别', 'enum', true, { options: ATTACHMENT_CATEGORIES }),
    field('file', '文件', 'attachment', true),
  ],
});

export const APPLICATION_SECTIONS: readonly CatalogSection[] = [
  applicationInfo,
  basicInfo,
  education,
  workExperience,
  currentTitle,
  continuingEducation,
  annualAssessment,
  projects,
  papers,
  books,
  awards,
  patents,
  integrityPledge,
  attachments,
];
