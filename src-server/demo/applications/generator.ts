import type { ApplicationContent, FieldValues } from '../../../src-shared/domain/catalog';
import { INTEGRITY_PLEDGE_TEXT } from '../../../src-shared/domain/catalog';
import type { ApplicationState, TransitionId } from '../../../src-shared/domain/workflow';
import { beijingDayNumberOf } from '../../../src-shared/time/beijing-time';
import { civilOf, dayOf, isoDay, isoDayInMonth, isoMonth, monthIndex, monthOfDay } from './dates';
import { pathTo, replayTimeline, timelineFor } from './history';
import { formerNameFor, type Gender, generatePerson, personName } from './people';
import { Random, weighted, type WeightedChoice } from './random';
import { type ScanKind, scanPlaceholder } from './scans';
import { ARCHIVE_AGENCIES, projectSummary, PUBLIC_COURSES, researchTitle, textsOf } from './texts';
import {
  type Direction,
  type Domain,
  type EducationPath,
  type School,
  type Track,
  trackMixFor,
  transferSourceFor,
} from './tracks';

/**
 * Realistic demo applications (申报书) for a unit: every section of the catalog filled in the way a real
 * applicant would, dates that agree with each other and with the ID number, and a history that the
 * workflow allows, step by step. Deterministic: the same options give the same applications, and
 * application n depends only on the seed and n, so a large set can be generated in slices.
 *
 * Attachment fields hold `scan:<kind>` placeholders (scans.ts) for the caller to replace with stored files.
 */

export type { ScanKind } from './scans';

export interface GeneratedHistoryEntry {
  /** ISO 8601 instant. */
  at: string;
  action: TransitionId | 'created';
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actor: 'applicant' | 'unitAdmin' | 'deptAdmin';
  comment: string | null;
}

export interface GeneratedApplication {
  applicationNo: string;
  year: string;
  applicant: { name: string; idNumber: string; mobile: string };
  /** Attachment fields hold the placeholder `scan:<ScanKind>`. */
  content: ApplicationContent;
  state: ApplicationState;
  submitCount: number;
  version: number;
  createdAt: string;
  /** The latest 提交 or 再次提交; null for a draft. */
  submittedAt: string | null;
  updatedAt: string;
  /** The publicity the current state rests on; null before approval and after a return to the applicant. */
  publicity: { start: string; end: string } | null;
  history: GeneratedHistoryEntry[];
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** The clock: nothing generated lies after it. */
  now: Date;
  /** 现工作单位: the unit's name. It also decides which series its staff apply in (tracks.ts). */
  employer: string;
  /** Cycled in order over the generated applications; default: a realistic mix. */
  states?: readonly ApplicationState[];
  /** The number of the first application, for applicationNo (CQ2026-000001 for 1); default 1. */
  firstIndex?: number;
}

const DEFAULT_STATES = weighted<ApplicationState>([
  ['draft', 5],
  ['unitReview', 30],
  ['unitReturned', 10],
  ['unitPublicity', 12],
  ['deptReview', 15],
  ['deptReturned', 4],
  ['committee', 20],
  ['withdrawn', 4],
]);

type ApplicationType = '正常晋升' | '破格申报' | '转评' | '直接申报';
const APPLICATION_TYPES = weighted<ApplicationType>([
  ['正常晋升', 88],
  ['破格申报', 4],
  ['转评', 5],
  ['直接申报', 3],
]);

const POLITICAL_STATUS = weighted<string>([
  ['中共党员', 42],
  ['群众', 38],
  ['中共预备党员', 2],
  ['九三学社社员', 3],
  ['民盟盟员', 2],
  ['农工党党员', 3],
  ['民进会员', 2],
  ['无党派人士', 3],
]);

const ASSESSMENT = weighted<string>([
  ['合格', 76],
  ['优秀', 22],
  ['基本合格', 2],
]);

const PROJECT_FUNDING = weighted<'national' | 'municipal' | 'commission' | 'unit' | 'enterprise'>([
  ['national', 5],
  ['municipal', 20],
  ['commission', 40],
  ['unit', 25],
  ['enterprise', 10],
]);

const BOOK_ROLE = weighted<'独著' | '主编' | '副主编' | '参编'>([
  ['参编', 50],
  ['副主编', 25],
  ['主编', 15],
  ['独著', 10],
]);
const BOOK_SUFFIXES = ['实用手册', '理论与实践', '操作指南', '案例精选', '规范化管理'];

const AWARD_GRADE = weighted<string>([
  ['一等奖', 1],
  ['二等奖', 2],
  ['三等奖', 4],
]);

/** Share of men among applicants of a domain, so that nurses are mostly women and engineers mostly men. */
const MALE_SHARE: Readonly<Record<Domain, number>> = {
  health: 0.55,
  nursing: 0.08,
  business: 0.45,
  engineering: 0.8,
  it: 0.7,
  education: 0.3,
};

const PUBLIC_EMPLOYER = /医院|学校|中学|小学|学院|大学|中心|研究院|研究所|委员会|局|站|馆/;

/** How many rows of something, by weight: counts(10, 50, 40) gives 0 rows 10% of the time, 1 row 50%, ... */
const counts = (...weights: number[]) => weighted(weights.map((w, i) => [i, w] as const));

const JOBS_LONG = counts(0, 40, 40, 20);
const JOBS_MEDIUM = counts(0, 60, 40);
const SENIOR_PROJECTS = counts(15, 35, 30, 15, 5);
const JUNIOR_PROJECTS = counts(40, 45, 15);
const SENIOR_PAPERS = counts(5, 25, 35, 25, 10);
const JUNIOR_PAPERS = counts(30, 45, 25);
const SENIOR_BOOKS = counts(60, 30, 10);
const JUNIOR_BOOKS = counts(90, 10);
const SENIOR_AWARDS = counts(40, 35, 18, 7);
const JUNIOR_AWARDS = counts(70, 30);
const INVENTIVE_PATENTS = counts(45, 30, 15, 7, 3);
const OTHER_PATENTS = counts(92, 8);
/** The catalog shows up to this many rows of each achievement comfortably; 破格 applicants hit it. */
const MAX_ACHIEVEMENT_ROWS = 4;

const FUNDING_SOURCES = {
  national: ['国家自然科学基金委员会', '国家级'],
  municipal: ['重庆市科学技术局', '省部级'],
  commission: [null, '市厅级'],
  unit: ['本单位', '其他'],
  enterprise: ['企业委托', '其他'],
} as const;
const PATENT_TYPES = ['发明专利', '实用新型专利', '外观设计专利'] as const;
/** 国内统一刊号: the region (11 北京, 50 重庆, ...) and the subject class (R medicine, TU building, ...). */
const CN_REGIONS = ['11', '11', '50', '50', '51', '31', '42'];
const CN_CLASSES = ['R', 'TU', 'F', 'G', 'TN'];

function rowCount(rng: Random, choice: WeightedChoice<number>, extra: number): number {
  return Math.min(MAX_ACHIEVEMENT_ROWS, choice.pick(rng) + extra);
}

/** ISSN with its check digit (ISO 3297). */
function issn(rng: Random): string {
  // Registered ISSNs begin with 0, 1 or 2.
  const digits = String(rng.int(0, 2)) + rng.digits(6);
  let sum = 0;
  for (let i = 0; i < 7; i += 1) sum += Number(digits[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${digits.slice(0, 4)}-${digits.slice(4)}${check === 10 ? 'X' : check}`;
}

/** ISBN-13 in the 978-7 (China) range with its check digit. */
function isbn(rng: Random): string {
  const publisher = rng.digits(4);
  const title = rng.digits(4);
  const twelve = `9787${publisher}${title}`;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `978-7-${publisher}-${title}-${(10 - (sum % 10)) % 10}`;
}

/** A Chinese patent number ZL + 12-digit application number + '.' + check character. */
function patentNumber(rng: Random, applicationYear: number, typeDigit: number): string {
  const twelve = `${applicationYear}${typeDigit}${rng.digits(7)}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (weights[i] ?? 0);
  const check = sum % 11;
  return `ZL${twelve}.${check === 10 ? 'X' : check}`;
}

/** A month from `low` to `high` (month indexes), or `high` when the range is empty. */
function monthBetween(rng: Random, low: number, high: number): number {
  return low >= high ? high : rng.int(low, high);
}

interface EducationRow {
  start: number;
  end: number;
  school: School;
  major: string;
  level: string;
  degree: string;
  levelCode: string;
}

/**
 * 教育经历 ending with a graduation in June or July of `graduationYear`, built backwards: a doctorate is
 * preceded by a master's, a master's by a bachelor's, and a 专升本 by a 大学专科.
 */
function educationRows(
  rng: Random,
  track: Track,
  direction: Direction,
  path: EducationPath,
  graduationYear: number,
): EducationRow[] {
  const profile = track.education;
  const rows: EducationRow[] = [];
  let end = monthIndex(graduationYear, rng.chance(0.7) ? 6 : 7);
  const add = (years: number, row: Omit<EducationRow, 'start' | 'end'>) => {
    const start = monthIndex(Math.floor(end / 12) - years, 9);
    rows.unshift({ start, end, ...row });
    end = monthIndex(Math.floor(start / 12), rng.chance(0.7) ? 6 : 7);
  };
  const advancedSchool = rng.chance(0.6) ? rng.pick(profile.schools) : null;
  if (path === 'doctor') {
    add(rng.int(3, 4), {
      school: advancedSchool ?? rng.pick(profile.schools),
      major: direction.advancedMajor,
      level: '博士研究生',
      degree: '博士',
      levelCode: '01',
    });
  }
  if (path === 'doctor' || path === 'master') {
    add(rng.chance(0.8) ? 3 : 2, {
      school: advancedSchool ?? rng.pick(profile.schools),
      major: direction.advancedMajor,
      level: '硕士研究生',
      degree: '硕士',
      levelCode: '02',
    });
  }
  const bachelorMajor = direction.major ?? rng.pick(profile.majors);
  if (path === 'juniorCollege' && profile.juniorCollege) {
    add(2, {
      school: rng.pick(profile.schools),
      major: bachelorMajor,
      level: '大学本科',
      degree: '学士',
      levelCode: '05',
    });
    add(3, {
      school: rng.pick(profile.juniorCollege.schools),
      major: profile.juniorCollege.major,
      level: '大学专科',
      degree: '无',
      levelCode: '06',
    });
  } else {
    add(profile.bachelorYears, {
      school: rng.pick(profile.schools),
      major: bachelorMajor,
      level: '大学本科',
      degree: '学士',
      levelCode: '05',
    });
  }
  return rows;
}

/** The years of an applicant's career, counted back from the application year. */
interface Career {
  type: ApplicationType;
  /** 现任专业技术职务, null for 直接申报. */
  heldTitle: string | null;
  titleYear: number | null;
  workStartYear: number;
}

function careerFor(rng: Random, track: Track, year: number): Career {
  let type = APPLICATION_TYPES.pick(rng);
  // 直接申报 is for graduates entering at 工程师 level; 转评 needs a title of the same level elsewhere.
  if (type === '直接申报' && !(track.level === 'intermediate' && track.series === '工程')) type = '正常晋升';
  const transferFrom = type === '转评' ? transferSourceFor(rng, track) : null;
  if (type === '转评' && !transferFrom) type = '正常晋升';
  if (type === '直接申报')
    return { type, heldTitle: null, titleYear: null, workStartYear: year - rng.int(4, 6) };

  const yearsInTitle =
    type === '破格申报'
      ? rng.int(2, 4)
      : type === '转评'
        ? rng.int(2, 6)
        : rng.int(track.level === 'intermediate' ? 4 : 5, 12);
  const titleYear = year - yearsInTitle;
  // Years from the first job to the title held now: 初级 after a year or two, 中级 after some more, ...
  const heldLevel = transferFrom
    ? track.level
    : track.level === 'intermediate'
      ? 'junior'
      : track.level === 'deputy'
        ? 'intermediate'
        : 'deputy';
  const yearsToTitle =
    heldLevel === 'junior'
      ? rng.int(1, 2)
      : heldLevel === 'intermediate'
        ? rng.int(4, 9)
        : heldLevel === 'deputy'
          ? rng.int(10, 15)
          : rng.int(16, 20);
  return {
    type,
    heldTitle: transferFrom ? transferFrom.qualification : track.currentTitle,
    titleYear,
    workStartYear: titleYear - yearsToTitle,
  };
}

interface Dated {
  /** China day of the application's creation. */
  createdDay: number;
  createdMonth: number;
  year: number;
}

function continuingEducation(rng: Random, domain: Domain, dated: Dated, firstYear: number): FieldValues[] {
  const texts = textsOf(domain);
  const rows: FieldValues[] = [];
  const years = rng.chance(0.3) ? 4 : 3;
  for (let y = Math.max(dated.year - years, firstYear); y < dated.year; y += 1) {
    rows.push({
      year: String(y),
      project: rng.pick(PUBLIC_COURSES),
      hours: rng.pick([30, 30, 30, 32, 36]),
      category: '公需课',
    });
    for (let n = rng.int(1, 2); n > 0; n -= 1) {
      const hours = rng.pick([24, 30, 32, 40, 48, 56, 60, 64, 72]) + (rng.chance(0.1) ? 0.5 : 0);
      rows.push({ year: String(y), project: rng.pick(texts.trainings), hours, category: '专业课' });
    }
  }
  return rows;
}

function annualAssessment(rng: Random, dated: Dated, firstYear: number): FieldValues[] {
  const rows: FieldValues[] = [];
  for (let y = Math.max(dated.year - rng.int(3, 5), firstYear); y < dated.year; y += 1) {
    rows.push({ year: String(y), result: ASSESSMENT.pick(rng) });
  }
  return rows;
}

interface Achievements {
  projects: FieldValues[];
  papers: FieldValues[];
  books: FieldValues[];
  awards: FieldValues[];
  patents: FieldValues[];
}

function achievements(
  rng: Random,
  track: Track,
  direction: Direction,
  dated: Dated,
  sinceMonth: number,
  outstanding: boolean,
): Achievements {
  const texts = textsOf(track.domain);
  const senior = track.level !== 'intermediate';
  const lastMonth = dated.createdMonth - 1;
  // Achievements count 任现职以来 and a little before; never before the first job.
  const firstMonth = Math.max(sinceMonth, lastMonth - 10 * 12);
  const subject = track.domain === 'education' ? direction.direction : null;

  const projects: FieldValues[] = [];
  const extra = outstanding ? 1 : 0;
  for (let n = rowCount(rng, senior ? SENIOR_PROJECTS : JUNIOR_PROJECTS, extra); n > 0; n -= 1) {
    const name = researchTitle(rng, texts, subject);
    const leading = rng.chance(senior ? 0.45 : 0.15);
    const start = monthBetween(rng, firstMonth, lastMonth - 3);
    const end = start + rng.int(12, 36);
    const funding = PROJECT_FUNDING.pick(rng);
    const [source, level] = FUNDING_SOURCES[funding];
    projects.push({
      name,
      source: rng.chance(0.9) ? (source ?? texts.commission) : null,
      level,
      role: leading ? '主持' : '参与',
      startMonth: isoMonth(start),
      // A project that has not ended by the time of the application is still running: 至今.
      endMonth: end <= lastMonth ? isoMonth(end) : null,
      summary: projectSummary(rng, texts, name, leading),
    });
  }

  const papers: FieldValues[] = [];
  for (let n = rowCount(rng, senior ? SENIOR_PAPERS : JUNIOR_PAPERS, extra); n > 0; n -= 1) {
    const month = monthBetween(rng, firstMonth, lastMonth);
    papers.push({
      title: researchTitle(rng, texts, subject),
      journal: rng.pick(texts.journals),
      serialNo: rng.chance(0.85)
        ? `ISSN ${issn(rng)}${rng.chance(0.5) ? `, CN ${rng.pick(CN_REGIONS)}-${rng.int(1000, 1299)}/${rng.pick(CN_CLASSES)}` : ''}`
        : null,
      publishedMonth: isoMonth(month),
      authorRank: rng.chance(0.6) ? 1 : rng.int(2, 5),
    });
  }

  const books: FieldValues[] = [];
  for (let n = rowCount(rng, senior ? SENIOR_BOOKS : JUNIOR_BOOKS, 0); n > 0; n -= 1) {
    const role = BOOK_ROLE.pick(rng);
    const words =
      role === '独著'
        ? rng.int(150, 300)
        : role === '主编'
          ? rng.int(50, 150)
          : role === '副主编'
            ? rng.int(30, 80)
            : rng.int(10, 50);
    books.push({
      title: `${subject ?? rng.pick(texts.topics)}${rng.pick(texts.aspects)}${rng.pick(BOOK_SUFFIXES)}`,
      publisher: rng.pick(texts.publishers),
      isbn: rng.chance(0.9) ? isbn(rng) : null,
      publishedMonth: isoMonth(monthBetween(rng, firstMonth, lastMonth)),
      role,
      wordsWritten: rng.chance(0.9) ? words / 10 : null,
    });
  }

  const awards: FieldValues[] = [];
  for (let n = rowCount(rng, senior ? SENIOR_AWARDS : JUNIOR_AWARDS, extra); n > 0; n -= 1) {
    const [name, grantor] = rng.pick(texts.awards);
    awards.push({
      name,
      grade: AWARD_GRADE.pick(rng),
      grantor,
      awardedMonth: isoMonth(monthBetween(rng, firstMonth, lastMonth)),
      rank: rng.chance(0.3) ? 1 : rng.int(2, 7),
    });
  }

  const patents: FieldValues[] = [];
  const inventive = track.domain !== 'business' && track.domain !== 'education';
  for (let n = rowCount(rng, inventive ? INVENTIVE_PATENTS : OTHER_PATENTS, 0); n > 0; n -= 1) {
    const invention = rng.pick(texts.inventions);
    const method = invention.includes('方法');
    const kind: 0 | 1 | 2 = method ? 0 : rng.chance(0.75) ? 1 : rng.chance(0.8) ? 0 : 2;
    const latest = dated.createdDay - 30;
    const earliest = Math.min(latest, Math.max(latest - 3650, dayOf(Math.floor(firstMonth / 12), 1, 1)));
    const grantedDay = rng.int(earliest, latest);
    const grantedYear = civilOf(grantedDay)[0];
    patents.push({
      name: kind === 2 ? invention.replace(/^一种/, '') : invention,
      patentType: PATENT_TYPES[kind],
      // 发明 takes two years or more to grant, 实用新型 and 外观设计 under one.
      patentNo: patentNumber(
        rng,
        kind === 0 ? grantedYear - rng.int(2, 3) : grantedYear - rng.int(0, 1),
        kind + 1,
      ),
      grantedDate: isoDay(grantedDay),
      rank: rng.chance(0.4) ? 1 : rng.int(2, 6),
    });
  }
  return { projects, papers, books, awards, patents };
}

interface AttachmentRow {
  name: string;
  category: string;
  kind: ScanKind;
}

function attachmentRows(
  rng: Random,
  heldTitle: string | null,
  hasDegree: boolean,
  hasPapers: boolean,
): FieldValues[] {
  const rows: AttachmentRow[] = [{ name: '毕业证书', category: '学历学位证书', kind: 'diploma' }];
  if (heldTitle !== null) {
    rows.push({ name: `${heldTitle}资格证书`, category: '专业技术资格证书', kind: 'titleCertificate' });
  }
  if (hasDegree && rng.chance(0.7))
    rows.push({ name: '学位证书', category: '学历学位证书', kind: 'degreeCertificate' });
  const others: AttachmentRow[] = rng.sample(
    [
      { name: '聘任证明', category: '聘任证明', kind: 'other' },
      { name: '继续教育学时证明', category: '继续教育证明', kind: 'other' },
      { name: '年度考核登记表', category: '年度考核材料', kind: 'other' },
      { name: '身份证复印件', category: '身份证明', kind: 'other' },
      ...(hasPapers ? [{ name: '代表性论文', category: '业绩成果材料', kind: 'other' } as const] : []),
    ],
    4,
  );
  const wanted = rng.int(2, 4);
  for (const row of others) {
    if (rows.length >= wanted) break;
    rows.push(row);
  }
  return rows
    .slice(0, 4)
    .map((row) => ({ name: row.name, category: row.category, file: scanPlaceholder(row.kind) }));
}

function generateOne(
  rng: Random,
  index: number,
  state: ApplicationState,
  options: GenerateOptions,
  trackMix: ReturnType<typeof trackMixFor>,
): GeneratedApplication {
  const nowMs = options.now.getTime();
  const timeline = timelineFor(rng, pathTo(rng, state), state, nowMs);
  const createdDay = beijingDayNumberOf(timeline.createdAt);
  const dated: Dated = { createdDay, createdMonth: monthOfDay(createdDay), year: civilOf(createdDay)[0] };
  const { year } = dated;

  const track = trackMix.pick(rng);
  const direction = rng.pick(track.directions);
  const career = careerFor(rng, track, year);
  const texts = textsOf(track.domain);

  // Education, birth and first job, backwards from the first job.
  let educationPath: EducationPath = career.type === '直接申报' ? 'doctor' : track.education.paths.pick(rng);
  if (educationPath === 'juniorCollege' && !track.education.juniorCollege) educationPath = 'bachelor';
  const education = educationRows(rng, track, direction, educationPath, career.workStartYear);
  const firstEducation = education[0] as EducationRow;
  const lastEducation = education.at(-1) as EducationRow;
  const enrolmentYear = Math.floor(firstEducation.start / 12);
  const birthYear = enrolmentYear - (rng.chance(0.7) ? 18 : rng.chance(0.67) ? 19 : 17);
  const birthDay = rng.int(dayOf(birthYear, 1, 1), dayOf(birthYear, 12, 31));
  const gender: Gender = rng.chance(MALE_SHARE[track.domain]) ? '男' : '女';
  const person = generatePerson(rng, isoDay(birthDay), gender);
  const workStartMonth = lastEducation.end + rng.int(1, 2);
  const workStartDate = isoDayInMonth(workStartMonth, rng.int(1, 28));

  // 工作经历: up to three jobs, the last one at this unit and still going on (no end).
  const span = dated.createdMonth - workStartMonth;
  const jobs = span >= 96 ? JOBS_LONG.pick(rng) : span >= 48 ? JOBS_MEDIUM.pick(rng) : 1;
  // Each job lasts a year or more, the current one too: cut the career into equal parts and jitter the cuts.
  const segment = Math.floor((span - 12) / jobs);
  const starts = [workStartMonth];
  for (let i = 1; i < jobs; i += 1) {
    const jitter = Math.floor(segment / 3);
    starts.push(workStartMonth + i * segment + rng.int(-jitter, jitter));
  }
  const previousEmployers = rng.sample(
    texts.employers.filter((name) => name !== options.employer),
    jobs - 1,
  );
  const workExperience: FieldValues[] = starts.map((start, i) => {
    const next = starts[i + 1];
    const position = track.positions[Math.min(track.positions.length - 1, track.positions.length - jobs + i)];
    return {
      startMonth: isoMonth(start),
      endMonth: next === undefined ? null : isoMonth(rng.chance(0.5) ? next : Math.max(start, next - 1)),
      employer: i === jobs - 1 ? options.employer : (previousEmployers[i] ?? rng.pick(texts.employers)),
      position: position ?? '专业技术人员',
      referee: rng.chance(0.75) ? personName(rng, rng.chance(0.5) ? '男' : '女') : null,
    };
  });

  const titleObtained =
    career.titleYear === null
      ? null
      : dayOf(career.titleYear, rng.pick([1, 3, 6, 9, 10, 11, 12]), rng.int(1, 28));
  const currentTitle: FieldValues =
    titleObtained === null || career.heldTitle === null
      ? { titleName: null, obtainedDate: null, certificateNo: null, appointmentDate: null }
      : {
          titleName: career.heldTitle,
          obtainedDate: isoDay(titleObtained),
          certificateNo: `${track.certificatePrefix}${career.titleYear}${rng.digits(6)}`,
          appointmentDate: isoDay(titleObtained + rng.int(20, 300)),
        };

  const firstAssessedYear = Math.floor(workStartMonth / 12) + 1;
  const achieved = achievements(rng, track, direction, dated, workStartMonth + 6, career.type === '破格申报');

  const draft = state === 'draft';
  const publicEmployer = PUBLIC_EMPLOYER.test(options.employer);
  // A draft often still lacks the records the platform fetches and the applicant's pledge.
  const recordsMissing = draft && rng.chance(0.4);
  const pledgeMissing = draft && rng.chance(0.5);

  const highestDegree = lastEducation.degree;
  const applicationNo = `CQ${year}-${String(index).padStart(6, '0')}`;
  const paperTitle = achieved.papers[0]?.title;
  const replayed = replayTimeline(rng, timeline, {
    year,
    paperTitle: typeof paperTitle === 'string' ? paperTitle : null,
    qualification: track.qualification,
  });
  const pledgeDay = beijingDayNumberOf(replayed.firstSubmittedAt ?? timeline.updatedAt);

  const content: ApplicationContent = {
    applicationInfo: {
      applicationNo,
      year: String(year),
      series: track.series,
      specialty: track.specialty,
      qualification: track.qualification,
      specialtyDirection: rng.chance(0.9) ? direction.direction : null,
      applicationType: career.type,
      reviewCommittee: track.committee,
      committeeGroup: direction.group,
    },
    basicInfo: {
      name: person.name,
      formerName: rng.chance(0.04) ? formerNameFor(rng, person.name, gender) : null,
      gender: person.gender,
      birthDate: person.birthDate,
      ethnicity: person.ethnicity,
      politicalStatus: year - birthYear < 28 && rng.chance(0.3) ? '共青团员' : POLITICAL_STATUS.pick(rng),
      idNumber: person.idNumber,
      mobile: person.mobile,
      workStartDate,
      employer: options.employer,
      archiveLocation: publicEmployer && rng.chance(0.7) ? '本单位人事部门' : rng.pick(ARCHIVE_AGENCIES),
      personnelCategory: publicEmployer
        ? rng.chance(0.85)
          ? '事业单位在编人员'
          : '事业单位编外聘用人员'
        : rng.pick(['企业专业技术人员', '企业专业技术人员', '私营企业及流动人员', '非公有制经济组织人员']),
      archiveAgencyRecord: recordsMissing ? null : scanPlaceholder('archiveAgencyRecord'),
      insuranceRecord: recordsMissing ? null : scanPlaceholder('insuranceRecord'),
    },
    education: education.map((row) => ({
      startMonth: isoMonth(row.start),
      endMonth: isoMonth(row.end),
      school: row.school.name,
      major: row.major,
      educationLevel: row.level,
      degree: row.degree,
      certificateNo: rng.chance(0.95)
        ? `${row.school.code}1${Math.floor(row.end / 12)}${row.levelCode}${rng.digits(6)}`
        : null,
    })),
    workExperience,
    currentTitle,
    continuingEducation: continuingEducation(rng, track.domain, dated, firstAssessedYear),
    annualAssessment: annualAssessment(rng, dated, firstAssessedYear),
    ...achieved,
    integrityPledge: {
      text: INTEGRITY_PLEDGE_TEXT,
      pledgor: pledgeMissing ? null : person.name,
      pledgeDate: pledgeMissing ? null : isoDay(pledgeDay),
    },
    attachments: attachmentRows(rng, career.heldTitle, highestDegree !== '无', achieved.papers.length > 0),
  };

  return {
    applicationNo,
    year: String(year),
    applicant: { name: person.name, idNumber: person.idNumber, mobile: person.mobile },
    content,
    state: replayed.snapshot.state,
    submitCount: replayed.snapshot.submitCount,
    version: replayed.snapshot.version,
    createdAt: new Date(timeline.createdAt).toISOString(),
    submittedAt: replayed.lastSubmittedAt === null ? null : new Date(replayed.lastSubmittedAt).toISOString(),
    updatedAt: new Date(timeline.updatedAt).toISOString(),
    publicity: replayed.publicity,
    history: replayed.history,
  };
}

/** Yields `count` applications one by one, so a large set never has to be held in memory. */
export function* iterateApplications(options: GenerateOptions): Generator<GeneratedApplication> {
  const { seed, count, states } = options;
  const firstIndex = options.firstIndex ?? 1;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0: ${count}`);
  if (!Number.isInteger(firstIndex) || firstIndex < 0) throw new RangeError(`Bad firstIndex ${firstIndex}`);
  if (Number.isNaN(options.now.getTime())) throw new RangeError('now is not a valid date');
  if (states !== undefined && states.length === 0) throw new RangeError('states must not be empty');
  if (options.employer.trim() === '') throw new RangeError('employer must not be empty');
  const trackMix = trackMixFor(options.employer);
  for (let k = 0; k < count; k += 1) {
    const index = firstIndex + k;
    const rng = new Random(seed, index);
    const state = states ? (states[k % states.length] as ApplicationState) : DEFAULT_STATES.pick(rng);
    yield generateOne(rng, index, state, options, trackMix);
  }
}

export function generateApplications(options: GenerateOptions): GeneratedApplication[] {
  return Array.from(iterateApplications(options));
}
