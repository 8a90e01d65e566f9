import { holidayYearSchema, type HolidayYearInput } from '../../../src-shared/contracts/calendar';
import { chineseMessages } from '../../../src-shared/contracts/validation-messages';
import { isIsoDate } from '../../../src-shared/domain/calendar';

/**
 * 节假日安排 as it is typed: the notice's fields and each holiday's days as text ("2027-02-06至2027-02-12、
 * 2027-02-15"), kept exactly as typed until saved, so that a mistake is shown beside its field and
 * nothing typed is lost. parseDraft turns it into a year for holidayYearSchema, the contract's checks.
 */

export interface HolidayRowDraft {
  /** Stable across additions and deletions, for React's keys. */
  key: string;
  name: string;
  daysOff: string;
  workdays: string;
}

export interface HolidayDraft {
  year: number;
  notice: string;
  published: string;
  holidays: HolidayRowDraft[];
}

/** Where a problem is shown: 'notice', 'published', 'year', 'holidays' or 'holidays.<i>.<field>'. */
export type DraftErrors = Record<string, string>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A range longer than this is a typing mistake, not a holiday (the contract allows 15 days off). */
const MAX_RANGE_DAYS = 31;

let keys = 0;
export function newRowKey(): string {
  keys += 1;
  return `holiday-${keys}`;
}

/** The text of a list of days: runs of three or more consecutive days as 起至止, the rest with 、. */
export function formatDays(days: readonly string[]): string {
  const sorted = [...new Set(days)].sort();
  const parts: string[] = [];
  for (let index = 0; index < sorted.length;) {
    let last = index;
    while (last + 1 < sorted.length && dayAfter(sorted[last] ?? '') === sorted[last + 1]) last += 1;
    if (last - index >= 2) {
      parts.push(`${sorted[index]}至${sorted[last]}`);
    } else {
      for (let day = index; day <= last; day += 1) parts.push(sorted[day] ?? '');
    }
    index = last + 1;
  }
  return parts.join('、');
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days a text names: dates separated by 、 , ; or spaces, and ranges written 起至止 (or 起~止). Answers
 * the days, or the Chinese reason the text cannot be read.
 */
export function parseDays(text: string): { days: string[] } | { problem: string } {
  const days: string[] = [];
  for (const token of text.split(/[\s,,、;;]+/).filter((part) => part !== '')) {
    const range = /^(.+?)(?:至|~|~)(.+)$/.exec(token);
    if (range === null) {
      if (!isIsoDate(token)) return { problem: `“${token}”不是有效日期,请按YYYY-MM-DD填写` };
      days.push(token);
      continue;
    }
    const [from, to] = [range[1] ?? '', range[2] ?? ''];
    for (const end of [from, to]) {
      if (!isIsoDate(end)) return { problem: `“${end}”不是有效日期,请按YYYY-MM-DD填写` };
    }
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (span < 0) return { problem: `“${token}”的结束日期早于开始日期` };
    if (span >= MAX_RANGE_DAYS) return { problem: `“${token}”超过${MAX_RANGE_DAYS}天,请检查日期` };
    for (let day = from; day <= to; day = dayAfter(day)) days.push(day);
  }
  return { days };
}

export function draftOf(entry: HolidayYearInput): HolidayDraft {
  return {
    year: entry.year,
    notice: entry.notice,
    published: entry.published,
    holidays: entry.holidays.map((holiday) => ({
      key: newRowKey(),
      name: holiday.name,
      daysOff: formatDays(holiday.daysOff),
      workdays: formatDays(holiday.workdays),
    })),
  };
}

/** A year the table does not have yet: the notice's usual title, and no holidays. */
export function emptyDraft(year: number): HolidayDraft {
  return { year, notice: `国务院办公厅关于${year}年部分节假日安排的通知`, published: '', holidays: [] };
}

/** Whether the draft says something other than `entry` (null: a year not saved yet, always unsaved). */
export function isChanged(draft: HolidayDraft, entry: HolidayYearInput | null): boolean {
  if (entry === null) return true;
  const strip = (d: HolidayDraft) => ({ ...d, holidays: d.holidays.map(({ key: _key, ...row }) => row) });
  return JSON.stringify(strip(draft)) !== JSON.stringify(strip(draftOf(entry)));
}

/** The draft as a year the server takes, or every problem by where it is shown. */
export function parseDraft(draft: HolidayDraft): { entry: HolidayYearInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const holidays = draft.holidays.map((row, index) => {
    const parsed = { name: row.name, daysOff: [] as string[], workdays: [] as string[] };
    for (const field of ['daysOff', 'workdays'] as const) {
      const days = parseDays(row[field]);
      if ('problem' in days) errors[`holidays.${index}.${field}`] = days.problem;
      else parsed[field] = days.days;
    }
    return parsed;
  });
  const checked = holidayYearSchema.safeParse(
    { year: draft.year, notice: draft.notice, published: draft.published.trim(), holidays },
    { error: chineseMessages },
  );
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = errorKey(issue.path);
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !checked.success) return { errors };
  return { entry: checked.data };
}

/**
 * Where a problem at `path` (the schema's issue path, or a server field 'holidays.0.daysOff.1') is
 * shown: a day's problem beside its holiday's field.
 */
export function errorKey(path: ReadonlyArray<PropertyKey> | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  if (parts[0] === 'holidays' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    return parts[2] === undefined ? `holidays.${parts[1]}` : `holidays.${parts[1]}.${parts[2]}`;
  }
  return parts[0] ?? '';
}
