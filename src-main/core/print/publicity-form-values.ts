import {
  type ApplicationContent,
  type CatalogField,
  fieldByKey,
  type FieldValues,
  sectionByKey,
} from '../../../src-shared/domain/catalog';

/**
 * Reading an application's content for print: each value the 公示表 shows, as the text it prints. Fields are
 * named through the catalog (a key the catalog lacks fails when this module loads, not on paper), and a
 * value that is missing prints as empty, never as "null".
 */

/** A field of the catalog together with its section, checked to exist. */
export interface CatalogRef {
  readonly sectionKey: string;
  readonly field: CatalogField;
}

export function catalogRef(sectionKey: string, fieldKey: string): CatalogRef {
  const field = fieldByKey(sectionKey, fieldKey);
  if (field === undefined) throw new Error(`The catalog has no field ${sectionKey}.${fieldKey}`);
  return { sectionKey, field };
}

/** The title of a catalog section (项目, 论文, ...), checked to exist. */
export function sectionTitle(sectionKey: string): string {
  const section = sectionByKey(sectionKey);
  if (section === undefined) throw new Error(`The catalog has no section ${sectionKey}`);
  return section.title;
}

function singleValues(content: ApplicationContent, sectionKey: string): FieldValues {
  const values = content[sectionKey];
  return values === undefined || Array.isArray(values) ? {} : values;
}

function rowValues(content: ApplicationContent, sectionKey: string): FieldValues[] {
  const rows = content[sectionKey];
  return Array.isArray(rows) ? rows : [];
}

/** A value as printed text: numbers as written, whitespace runs (tabs, CR) as one space, lines kept. */
function printable(value: FieldValues[string] | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

/** The printed text of a single-section field. */
export function valueOf(content: ApplicationContent, ref: CatalogRef): string {
  return printable(singleValues(content, ref.sectionKey)[ref.field.key]);
}

function rowValue(row: FieldValues, ref: CatalogRef): string {
  return printable(row[ref.field.key]);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})/;

/** '2016-03-15' → '2016年03月15日'; anything else as it is. */
export function formatDay(date: string): string {
  const match = ISO_DAY.exec(date);
  return match ? `${match[1]}年${match[2]}月${match[3]}日` : date;
}

/** '2016-03-15' or '2016-03' → '2016年03月'; anything else as it is. */
export function formatMonth(date: string): string {
  const match = ISO_MONTH.exec(date);
  return match ? `${match[1]}年${match[2]}月` : date;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

// --- the composite values of the grid -------------------------------------------------------------------

const EDUCATION = {
  endMonth: catalogRef('education', 'endMonth'),
  school: catalogRef('education', 'school'),
  major: catalogRef('education', 'major'),
  level: catalogRef('education', 'educationLevel'),
  degree: catalogRef('education', 'degree'),
};

/** 学历/学位/毕业院校及专业/毕业时间 of the latest education (the highest, since each builds on the one before). */
export function highestEducation(content: ApplicationContent): string {
  const rows = [...rowValues(content, EDUCATION.endMonth.sectionKey)];
  rows.sort((a, b) => rowValue(a, EDUCATION.endMonth).localeCompare(rowValue(b, EDUCATION.endMonth)));
  const latest = rows.at(-1);
  if (latest === undefined) return '';
  const schoolAndMajor = [rowValue(latest, EDUCATION.school), rowValue(latest, EDUCATION.major)]
    .filter((part) => part !== '')
    .join(' ');
  return [
    rowValue(latest, EDUCATION.level),
    rowValue(latest, EDUCATION.degree),
    schoolAndMajor,
    formatMonth(rowValue(latest, EDUCATION.endMonth)),
  ].join('/');
}

const CURRENT_TITLE = {
  name: catalogRef('currentTitle', 'titleName'),
  obtained: catalogRef('currentTitle', 'obtainedDate'),
};

/** 现职称及取得时间, or 无 for an applicant without a title (直接申报). */
export function currentTitle(content: ApplicationContent): string {
  const name = valueOf(content, CURRENT_TITLE.name);
  if (name === '') return '无';
  const obtained = valueOf(content, CURRENT_TITLE.obtained);
  return obtained === '' ? name : `${name},${formatDay(obtained)}取得`;
}

const ASSESSMENT = {
  year: catalogRef('annualAssessment', 'year'),
  result: catalogRef('annualAssessment', 'result'),
};

/** 任现职以来年度考核结果: the years from the one the current title was obtained in, oldest first. */
export function assessmentsSinceTitle(content: ApplicationContent): string {
  const since = valueOf(content, CURRENT_TITLE.obtained).slice(0, 4);
  const rows = rowValues(content, ASSESSMENT.year.sectionKey)
    .map((row) => ({ year: rowValue(row, ASSESSMENT.year), result: rowValue(row, ASSESSMENT.result) }))
    .filter((row) => row.year !== '' && row.year >= since)
    .sort((a, b) => a.year.localeCompare(b.year));
  if (rows.length === 0) return '无';
  return rows.map((row) => `${row.year}年度${row.result}`).join(';');
}

const CONTINUING = {
  year: catalogRef('continuingEducation', 'year'),
  hours: catalogRef('continuingEducation', 'hours'),
  category: catalogRef('continuingEducation', 'category'),
};

/** 继续教育学时 per year, split by category in the catalog's order (公需课, 专业课), and the total. */
export function continuingEducationHours(content: ApplicationContent): string {
  const categories = CONTINUING.category.field.options ?? [];
  const byYear = new Map<string, Map<string, number>>();
  let total = 0;
  for (const row of rowValues(content, CONTINUING.year.sectionKey)) {
    const hours = Number(row[CONTINUING.hours.field.key]);
    if (!Number.isFinite(hours)) continue;
    const year = rowValue(row, CONTINUING.year);
    const perCategory = byYear.get(year) ?? new Map<string, number>();
    const category = rowValue(row, CONTINUING.category);
    perCategory.set(category, (perCategory.get(category) ?? 0) + hours);
    byYear.set(year, perCategory);
    total += hours;
  }
  if (byYear.size === 0) return '无';
  const years = [...byYear.keys()].sort().map((year) => {
    const perCategory = byYear.get(year) ?? new Map<string, number>();
    const sum = [...perCategory.values()].reduce((a, b) => a + b, 0);
    const parts = [...categories, ...[...perCategory.keys()].filter((c) => !categories.includes(c))]
      .filter((category) => perCategory.has(category))
      .map((category) => `${category}${formatNumber(perCategory.get(category) ?? 0)}`);
    return `${year}年${formatNumber(sum)}学时(${parts.join(',')})`;
  });
  return `${years.join(';')};合计${formatNumber(total)}学时`;
}

/** How many rows of each achievement the form lists. */
export const ACHIEVEMENTS_LISTED = 3;

/** Numbered lines of the first rows, with a note of how many there are when some are left out. */
function listed(rows: readonly FieldValues[], line: (row: FieldValues) => string): string {
  if (rows.length === 0) return '无';
  const lines = rows.slice(0, ACHIEVEMENTS_LISTED).map((row, i) => `${i + 1}. ${line(row)}`);
  if (rows.length > ACHIEVEMENTS_LISTED) lines.push(`(共${rows.length}项,列出前${ACHIEVEMENTS_LISTED}项)`);
  return lines.join('\n');
}

function joinDetails(...details: string[]): string {
  return details.filter((detail) => detail !== '').join(',');
}

const PROJECT = {
  name: catalogRef('projects', 'name'),
  level: catalogRef('projects', 'level'),
  role: catalogRef('projects', 'role'),
  start: catalogRef('projects', 'startMonth'),
  end: catalogRef('projects', 'endMonth'),
};

export function projects(content: ApplicationContent): string {
  return listed(rowValues(content, PROJECT.name.sectionKey), (row) => {
    const start = rowValue(row, PROJECT.start);
    const end = rowValue(row, PROJECT.end);
    const period = start === '' ? '' : `${formatMonth(start)}至${end === '' ? '今' : formatMonth(end)}`;
    return `${rowValue(row, PROJECT.name)}(${joinDetails(rowValue(row, PROJECT.level), rowValue(row, PROJECT.role), period)})`;
  });
}

const PAPER = {
  title: catalogRef('papers', 'title'),
  journal: catalogRef('papers', 'journal'),
  published: catalogRef('papers', 'publishedMonth'),
  rank: catalogRef('papers', 'authorRank'),
};

export function papers(content: ApplicationContent): string {
  return listed(rowValues(content, PAPER.title.sectionKey), (row) => {
    const rank = rowValue(row, PAPER.rank);
    return joinDetails(
      `《${rowValue(row, PAPER.title)}》`,
      rowValue(row, PAPER.journal),
      formatMonth(rowValue(row, PAPER.published)),
      rank === '' ? '' : `第${rank}作者`,
    );
  });
}

const AWARD = {
  name: catalogRef('awards', 'name'),
  grade: catalogRef('awards', 'grade'),
  grantor: catalogRef('awards', 'grantor'),
  awarded: catalogRef('awards', 'awardedMonth'),
  rank: catalogRef('awards', 'rank'),
};

export function awards(content: ApplicationContent): string {
  return listed(rowValues(content, AWARD.name.sectionKey), (row) => {
    const rank = rowValue(row, AWARD.rank);
    return `${rowValue(row, AWARD.name)}${rowValue(row, AWARD.grade)}(${joinDetails(
      rowValue(row, AWARD.grantor),
      formatMonth(rowValue(row, AWARD.awarded)),
      rank === '' ? '' : `排名第${rank}`,
    )})`;
  });
}
