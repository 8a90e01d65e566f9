import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import { crc32, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  generateApplications,
  iterateApplications,
  type GeneratedApplication,
} from '../../src-server/demo/applications/generator';
import { personName } from '../../src-server/demo/applications/people';
import { Random, weighted } from '../../src-server/demo/applications/random';
import { SCAN_KINDS, scanFile, scanKindOfPlaceholder } from '../../src-server/demo/applications/scans';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { APPLICATION_CATALOG } from '../../src-shared/domain/catalog';
import type { FieldValues } from '../../src-shared/domain/catalog';
import { validateApplicationContent } from '../../src-shared/domain/catalog-validation';
import { detectScanType } from '../../src-shared/domain/units';
import {
  birthDateFromIdNumber,
  checkIdNumber,
  checkMobile,
  genderFromIdNumber,
} from '../../src-shared/domain/validation';
import {
  APPLICATION_STATES,
  TRANSITIONS,
  applyTransition,
  earliestPublicityEnd,
  transitionById,
} from '../../src-shared/domain/workflow';
import type {
  ApplicationState,
  PublicityPeriod,
  TransitionId,
  WorkflowSnapshot,
} from '../../src-shared/domain/workflow';

/** Wednesday 18 March 2026, 10:00 in Chongqing. */
const NOW = new Date('2026-03-18T10:00:00+08:00');
const TODAY = chinaDateOf(NOW);
const EMPLOYER = '重庆市示例人民医院';
const CHINESE = /[\u4e00-\u9fff]/;

let SAMPLE: GeneratedApplication[] = [];
let SUBMITTED: GeneratedApplication[] = [];

// In a hook rather than at import, so that a generator that throws fails the tests with its message.
beforeAll(() => {
  SAMPLE = generateApplications({ seed: 2026, count: 2000, now: NOW, employer: EMPLOYER });
  SUBMITTED = SAMPLE.filter((app) => app.state !== 'draft');
});

function single(app: GeneratedApplication, sectionKey: string): FieldValues {
  const values = app.content[sectionKey];
  if (values === undefined || Array.isArray(values)) throw new Error(`${sectionKey} is not a single section`);
  return values;
}

function rows(app: GeneratedApplication, sectionKey: string): FieldValues[] {
  const values = app.content[sectionKey];
  if (!Array.isArray(values)) throw new Error(`${sectionKey} is not a row section`);
  return values;
}

function text(values: FieldValues, key: string): string {
  const value = values[key];
  if (typeof value !== 'string') throw new Error(`${key} is ${String(value)}, not a string`);
  return value;
}

/** Every string value of an application's content. */
function strings(app: GeneratedApplication): string[] {
  return Object.values(app.content).flatMap((section) =>
    (Array.isArray(section) ? section : [section]).flatMap((values) =>
      Object.values(values).filter((value): value is string => typeof value === 'string'),
    ),
  );
}

describe('random', () => {
  it('repeats its sequence for a seed and stream, and differs for another', () => {
    const draw = (seed: number, stream?: number) => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 20 }, () => rng.nextUint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1, 5)).toEqual(draw(1, 5));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1, 5)).not.toEqual(draw(1, 6));
    // Seeds beyond 32 bits still count.
    expect(draw(2 ** 32 + 1)).not.toEqual(draw(1));
  });

  it('keeps int within its bounds and reaches both ends', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) seen.add(rng.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it('picks by weight', () => {
    const rng = new Random(11);
    const choice = weighted([
      ['a', 9],
      ['b', 1],
      ['never', 0],
    ]);
    const picks = Array.from({ length: 5000 }, () => choice.pick(rng));
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.87);
    expect(share).toBeLessThan(0.93);
    expect(picks).not.toContain('never');
  });

  it('shuffles to a permutation and samples distinct items', () => {
    const rng = new Random(3);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = rng.shuffle(items.slice());
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 5);
    expect(new Set(sample).size).toBe(5);
    expect(rng.sample(items, 50)).toHaveLength(30);
  });
});

describe('generated applications', () => {
  it('are the same for the same seed and differ for another', () => {
    const options = { seed: 99, count: 40, now: NOW, employer: EMPLOYER };
    expect(JSON.stringify(generateApplications(options))).toBe(JSON.stringify(generateApplications(options)));
    const other = generateApplications({ ...options, seed: 100 });
    const names = (apps: GeneratedApplication[]) => apps.map((app) => app.applicant.idNumber);
    const same = names(generateApplications(options)).filter((id, i) => id === names(other)[i]);
    expect(same).toEqual([]);
  });

  it('depend only on the seed and their number, so a set can be generated in slices', () => {
    const whole = generateApplications({ seed: 5, count: 30, now: NOW, employer: EMPLOYER });
    const tail = generateApplications({ seed: 5, count: 20, now: NOW, employer: EMPLOYER, firstIndex: 11 });
    expect(tail).toEqual(whole.slice(10));
  });

  it('are generated lazily', () => {
    const iterator = iterateApplications({ seed: 1, count: 1e9, now: NOW, employer: EMPLOYER });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.applicationNo).toMatch(/^CQ\d{4}-000001$/);
  });

  it('reject impossible options', () => {
    const take = (options: Parameters<typeof iterateApplications>[0]) => () =>
      iterateApplications(options).next();
    expect(take({ seed: 1, count: -1, now: NOW, employer: EMPLOYER })).toThrow(RangeError);
    expect(take({ seed: 1, count: 1, now: NOW, employer: EMPLOYER, states: [] })).toThrow(RangeError);
    expect(take({ seed: 1, count: 1, now: new Date(Number.NaN), employer: EMPLOYER })).toThrow(RangeError);
  });

  it('have valid ID numbers that agree with birth date and gender', () => {
    for (const app of SAMPLE) {
      const basic = single(app, 'basicInfo');
      const id = app.applicant.idNumber;
      expect(checkIdNumber(id, NOW)).toEqual({ ok: true, value: id });
      expect(basic.idNumber).toBe(id);
      expect(birthDateFromIdNumber(id)).toBe(basic.birthDate);
      expect(genderFromIdNumber(id)).toBe(basic.gender);
      expect(['50', '51', '52']).toContain(id.slice(0, 2));
    }
    const chongqing = SAMPLE.filter((app) => app.applicant.idNumber.startsWith('50')).length;
    expect(chongqing / SAMPLE.length).toBeGreaterThan(0.9);
  });

  it('have valid mobile numbers and names like real ones', () => {
    for (const app of SAMPLE) {
      expect(app.applicant.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(checkMobile(app.applicant.mobile).ok).toBe(true);
      expect(single(app, 'basicInfo').mobile).toBe(app.applicant.mobile);
      expect(single(app, 'basicInfo').name).toBe(app.applicant.name);
      expect(app.applicant.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    const top = SAMPLE.filter((app) => '王李张刘陈'.includes(app.applicant.name.charAt(0))).length;
    expect(top / SAMPLE.length).toBeGreaterThan(0.2);
    expect(top / SAMPLE.length).toBeLessThan(0.4);
    expect(new Set(SAMPLE.map((app) => app.applicant.name.charAt(0))).size).toBeGreaterThan(60);
  });

  it('are mostly 汉族, with some 土家族 and 苗族', () => {
    const count = (group: string) =>
      SAMPLE.filter((app) => single(app, 'basicInfo').ethnicity === group).length / SAMPLE.length;
    expect(count('汉族')).toBeGreaterThan(0.8);
    expect(count('土家族')).toBeGreaterThan(0.02);
    expect(count('苗族')).toBeGreaterThan(0.005);
  });

  it('pass the submission check when submitted, and the draft check as drafts', () => {
    expect(SUBMITTED.length).toBeGreaterThan(1800);
    for (const app of SAMPLE) {
      const problems = validateApplicationContent(app.content, {
        forSubmit: app.state !== 'draft',
        today: NOW,
      });
      expect(problems, app.applicationNo).toEqual([]);
    }
  });

  it('fill every section of the catalog, with rows in plausible numbers', () => {
    for (const app of SUBMITTED) {
      expect(Object.keys(app.content)).toEqual(APPLICATION_CATALOG.map((section) => section.key));
      expect(rows(app, 'education').length).toBeGreaterThanOrEqual(1);
      expect(rows(app, 'education').length).toBeLessThanOrEqual(3);
      const jobs = rows(app, 'workExperience');
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      expect(jobs.length).toBeLessThanOrEqual(3);
      expect(jobs.at(-1)).toMatchObject({ employer: EMPLOYER, endMonth: null });
      for (const job of jobs.slice(0, -1)) expect(job.endMonth).not.toBeNull();
      expect(rows(app, 'continuingEducation').length).toBeGreaterThanOrEqual(3);
      expect(rows(app, 'annualAssessment').length).toBeGreaterThanOrEqual(3);
      expect(rows(app, 'annualAssessment').length).toBeLessThanOrEqual(5);
      for (const key of ['projects', 'papers', 'books', 'awards', 'patents']) {
        expect(rows(app, key).length).toBeLessThanOrEqual(4);
      }
      expect(rows(app, 'attachments').length).toBeGreaterThanOrEqual(2);
      expect(rows(app, 'attachments').length).toBeLessThanOrEqual(4);
      expect(single(app, 'basicInfo').employer).toBe(EMPLOYER);
      expect(single(app, 'integrityPledge').pledgor).toBe(app.applicant.name);
    }
    // Every kind of achievement occurs, and so do long titles that the 公示表 has to wrap.
    for (const key of ['projects', 'papers', 'books', 'awards', 'patents']) {
      expect(SUBMITTED.filter((app) => rows(app, key).length > 0).length, key).toBeGreaterThan(50);
    }
    const withLongValue = SUBMITTED.filter((app) =>
      strings(app).some((value) => {
        const length = Array.from(value).length;
        return length >= 60 && length <= 100 && value !== single(app, 'integrityPledge').text;
      }),
    );
    expect(withLongValue.length / SUBMITTED.length).toBeGreaterThan(0.1);
  });

  it('put scan placeholders in every attachment field', () => {
    for (const app of SUBMITTED) {
      const basic = single(app, 'basicInfo');
      expect(basic.archiveAgencyRecord).toBe('scan:archiveAgencyRecord');
      expect(basic.insuranceRecord).toBe('scan:insuranceRecord');
      const files = rows(app, 'attachments').map((row) => scanKindOfPlaceholder(row.file));
      expect(files).not.toContain(null);
      expect(files[0]).toBe('diploma');
    }
  });

  it('apply for titles one level above the title held', () => {
    const promotions: Record<string, string> = {
      副主任医师: '主治医师',
      主任医师: '副主任医师',
      副主任护师: '主管护师',
      主任护师: '副主任护师',
      副主任药师: '主管药师',
      副主任技师: '主管技师',
      副主任中医师: '主治中医师',
      高级经济师: '经济师',
      正高级经济师: '高级经济师',
      高级会计师: '会计师',
      正高级会计师: '高级会计师',
      工程师: '助理工程师',
      高级工程师: '工程师',
      正高级工程师: '高级工程师',
      一级教师: '二级教师',
      高级教师: '一级教师',
    };
    const seen = new Set<string>();
    for (const app of SAMPLE) {
      const info = single(app, 'applicationInfo');
      const title = single(app, 'currentTitle');
      const qualification = text(info, 'qualification');
      seen.add(`${text(info, 'series')}/${text(info, 'specialty')}/${qualification}`);
      if (info.applicationType === '正常晋升' || info.applicationType === '破格申报') {
        expect(title.titleName, qualification).toBe(promotions[qualification]);
      }
      if (info.applicationType === '直接申报') expect(title.titleName).toBeNull();
      expect(text(info, 'reviewCommittee')).toMatch(/^重庆市.+评审委员会$/);
    }
    // A hospital's staff apply mostly, but not only, in the 卫生 series.
    const health = SAMPLE.filter((app) => single(app, 'applicationInfo').series === '卫生').length;
    expect(health / SAMPLE.length).toBeGreaterThan(0.7);
    expect(health / SAMPLE.length).toBeLessThan(0.98);
    expect(seen).toContain('卫生/临床医学/副主任医师');
    expect(seen).toContain('卫生/护理学/副主任护师');
  });

  it('follow the applicant employer: a school gets teachers, a construction company engineers', () => {
    const seriesOf = (employer: string) =>
      generateApplications({ seed: 4, count: 300, now: NOW, employer }).map(
        (app) => single(app, 'applicationInfo').series,
      );
    const share = (list: unknown[], value: string) => list.filter((v) => v === value).length / list.length;
    expect(share(seriesOf('重庆市第一中学校'), '教育')).toBeGreaterThan(0.7);
    expect(share(seriesOf('重庆建工第三建设有限责任公司'), '工程')).toBeGreaterThan(0.7);
  });

  it('have dates in life order, none after now', () => {
    const month = (value: unknown) => String(value).slice(0, 7);
    for (const app of SAMPLE) {
      const basic = single(app, 'basicInfo');
      const education = rows(app, 'education');
      const birth = text(basic, 'birthDate');
      const workStart = text(basic, 'workStartDate');
      const created = chinaDateOf(new Date(app.createdAt));
      const firstStart = text(education[0] as FieldValues, 'startMonth');
      const lastEnd = text(education.at(-1) as FieldValues, 'endMonth');
      const enrolmentAge = Number(firstStart.slice(0, 4)) - Number(birth.slice(0, 4));
      expect(enrolmentAge).toBeGreaterThanOrEqual(16);
      expect(enrolmentAge).toBeLessThanOrEqual(20);
      for (let i = 1; i < education.length; i += 1) {
        expect(text(education[i] as FieldValues, 'startMonth') >= month(education[i - 1]?.endMonth)).toBe(
          true,
        );
      }
      expect(lastEnd < month(workStart)).toBe(true);
      expect(text(rows(app, 'workExperience')[0] as FieldValues, 'startMonth')).toBe(month(workStart));
      const title = single(app, 'currentTitle');
      if (title.obtainedDate !== null) {
        expect(text(title, 'obtainedDate') > workStart).toBe(true);
        expect(text(title, 'obtainedDate') < created).toBe(true);
        expect(text(title, 'appointmentDate') >= text(title, 'obtainedDate')).toBe(true);
        expect(text(title, 'appointmentDate') < created).toBe(true);
      }
      const age = Number(app.year) - Number(birth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(24);
      expect(age).toBeLessThanOrEqual(60);
      expect(app.year).toBe(created.slice(0, 4));
      for (const key of ['papers', 'books']) {
        for (const row of rows(app, key)) expect(text(row, 'publishedMonth') < month(created)).toBe(true);
      }
      for (const row of rows(app, 'patents')) expect(text(row, 'grantedDate') < created).toBe(true);
      for (const row of rows(app, 'projects')) {
        expect(text(row, 'startMonth') > month(workStart)).toBe(true);
        if (row.endMonth !== null) expect(text(row, 'endMonth') < month(created)).toBe(true);
      }
      for (const key of ['continuingEducation', 'annualAssessment']) {
        for (const row of rows(app, key)) expect(Number(row.year)).toBeLessThan(Number(app.year));
      }
      expect(app.createdAt <= app.updatedAt).toBe(true);
      expect(new Date(app.updatedAt).getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (app.submittedAt === null) {
        expect(app.state).toBe('draft');
      } else {
        expect(app.createdAt < app.submittedAt).toBe(true);
        expect(app.submittedAt <= app.updatedAt).toBe(true);
        const firstSubmit = app.history.find((entry) => entry.action === 'submit');
        expect(single(app, 'integrityPledge').pledgeDate).toBe(chinaDateOf(new Date(firstSubmit?.at ?? '')));
      }
    }
  });

  it('have histories that the workflow replays to exactly the recorded state, version and submitCount', () => {
    for (const app of SAMPLE) {
      const [created, ...steps] = app.history;
      expect(created).toEqual({
        at: app.createdAt,
        action: 'created',
        fromState: null,
        toState: 'draft',
        actor: 'applicant',
        comment: null,
      });
      let snapshot: WorkflowSnapshot = { state: 'draft', version: 1, submitCount: 0 };
      let publicity: PublicityPeriod | undefined;
      let previousAt = app.createdAt;
      for (const step of steps) {
        const transition = transitionById(step.action);
        if (!transition) throw new Error(`Unknown action ${step.action}`);
        expect(step.actor).toBe(transition.role);
        expect(step.fromState).toBe(snapshot.state);
        expect(new Date(step.at).toISOString()).toBe(step.at);
        expect(step.at > previousAt).toBe(true);
        previousAt = step.at;
        if (transition.requiresComment) expect(step.comment).toMatch(CHINESE);
        if (step.action === 'unitApprove') {
          // The demo's publicities start on the day of approval and last the minimum.
          const start = chinaDateOf(new Date(step.at));
          publicity = { start, end: earliestPublicityEnd(start, SHIPPED_CALENDAR) };
        }
        const result = applyTransition(snapshot, step.action as TransitionId, {
          role: transition.role,
          now: new Date(step.at),
          calendar: SHIPPED_CALENDAR,
          comments: step.comment === null ? 0 : 1,
          ...(publicity ? { publicity } : {}),
        });
        if (!result.ok) throw new Error(`${app.applicationNo} ${step.action}: ${result.reason}`);
        expect(result.next.state).toBe(step.toState);
        snapshot = result.next;
      }
      expect(snapshot).toEqual({ state: app.state, version: app.version, submitCount: app.submitCount });
      // A draft's last change is a save, which is not a workflow step.
      if (steps.length > 0) expect(app.updatedAt).toBe(previousAt);
      else expect(app.updatedAt >= app.createdAt).toBe(true);
      expect(new Date(previousAt).getTime()).toBeLessThanOrEqual(NOW.getTime());
      const submissions = steps.filter((step) => transitionById(step.action)?.countsAsSubmission);
      expect(app.submittedAt).toBe(submissions.at(-1)?.at ?? null);
    }
  });

  it('cover every state, every step, and resubmissions up to a third submission', () => {
    expect(new Set(SAMPLE.map((app) => app.state))).toEqual(new Set(APPLICATION_STATES));
    const actions = new Set(SAMPLE.flatMap((app) => app.history.map((entry) => entry.action)));
    for (const transition of TRANSITIONS) expect(actions, transition.id).toContain(transition.id);
    const submitCounts = new Set(SAMPLE.map((app) => app.submitCount));
    expect(submitCounts).toEqual(new Set([0, 1, 2, 3]));
    const resubmitted = SAMPLE.filter((app) => app.submitCount >= 2).length / SAMPLE.length;
    expect(resubmitted).toBeGreaterThan(0.1);
    expect(resubmitted).toBeLessThan(0.5);
  });

  it('record the publicity the state rests on, over before reporting up', () => {
    const withPublicity: readonly ApplicationState[] = [
      'unitPublicity',
      'deptReview',
      'deptReturned',
      'committee',
    ];
    let running = 0;
    let over = 0;
    for (const app of SAMPLE) {
      if (!withPublicity.includes(app.state)) {
        expect(app.publicity, app.state).toBeNull();
        continue;
      }
      const publicity = app.publicity;
      if (!publicity) throw new Error(`${app.applicationNo} in ${app.state} has no publicity`);
      expect(SHIPPED_CALENDAR.isWorkingDay(publicity.start)).toBe(true);
      expect(publicity.end).toBe(earliestPublicityEnd(publicity.start, SHIPPED_CALENDAR));
      const approval = app.history.findLast((entry) => entry.action === 'unitApprove');
      expect(publicity.start).toBe(chinaDateOf(new Date(approval?.at ?? '')));
      if (app.state === 'unitPublicity') {
        if (publicity.end >= TODAY) running += 1;
        else over += 1;
      } else {
        expect(publicity.end < TODAY).toBe(true);
      }
    }
    // Some publicities are still running and some wait for 上报主管部门.
    expect(running).toBeGreaterThan(10);
    expect(over).toBeGreaterThan(10);
  });

  it('follow the states option in order', () => {
    const states: ApplicationState[] = ['unitReview', 'committee', 'draft', 'unitReturned'];
    const apps = generateApplications({ seed: 8, count: 10, now: NOW, employer: EMPLOYER, states });
    expect(apps.map((app) => app.state)).toEqual([...states, ...states, 'unitReview', 'committee']);
    const returned = apps.filter((app) => app.state === 'unitReturned');
    for (const app of returned) expect(app.history.at(-1)?.comment).toMatch(CHINESE);
  });

  it('number applications uniquely from firstIndex', () => {
    const numbers = new Set<string>();
    let count = 0;
    for (const app of iterateApplications({ seed: 12, count: 10_000, now: NOW, employer: EMPLOYER })) {
      expect(app.applicationNo).toBe(`CQ${app.year}-${String(count + 1).padStart(6, '0')}`);
      expect(single(app, 'applicationInfo').applicationNo).toBe(app.applicationNo);
      numbers.add(app.applicationNo);
      count += 1;
    }
    expect(numbers.size).toBe(10_000);
    const [later] = generateApplications({
      seed: 12,
      count: 1,
      now: NOW,
      employer: EMPLOYER,
      firstIndex: 123,
    });
    expect(later?.applicationNo).toMatch(/^CQ\d{4}-000123$/);
  });

  it('are about 5 KB of JSON each', () => {
    const bytes = SAMPLE.reduce((sum, app) => sum + Buffer.byteLength(JSON.stringify(app)), 0);
    const average = bytes / SAMPLE.length;
    expect(average).toBeGreaterThan(2_000);
    expect(average).toBeLessThan(8_000);
  });

  it('makes names from surnames and given names', () => {
    const rng = new Random(1);
    const names = Array.from({ length: 500 }, () => personName(rng, '女'));
    expect(names.every((name) => /^[\u4e00-\u9fff]{2,3}$/.test(name))).toBe(true);
    expect(names.some((name) => name.length === 2)).toBe(true);
    expect(names.some((name) => name.length === 3)).toBe(true);
  });
});

describe('demo scans', () => {
  it.each(SCAN_KINDS)('%s is a small file of its declared type with a Chinese name', (kind) => {
    const scan = scanFile(kind);
    expect(detectScanType(scan.content.subarray(0, 16))).toBe(scan.mimeType);
    expect(scan.content.length).toBeLessThan(5 * 1024);
    expect(scan.fileName).toMatch(CHINESE);
    expect(scan.fileName.endsWith(scan.mimeType === 'image/png' ? '.png' : '.pdf')).toBe(true);
  });

  it('PDFs point startxref at their cross-reference table', () => {
    const pdf = scanFile('insuranceRecord').content.toString('latin1');
    const offset = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    expect(pdf.slice(offset, offset + 4)).toBe('xref');
    expect(scanFile('insuranceRecord').fileName).toBe('一年的参保记录.pdf');
    expect(scanFile('archiveAgencyRecord').fileName).toBe('存档机构查询情况.pdf');
  });

  it('the PNG has a valid header and image data of its stated size', () => {
    const png = scanFile('diploma').content;
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    let offset = 8;
    const data: Buffer[] = [];
    const types: string[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      types.push(type);
      if (type === 'IDAT') data.push(png.subarray(offset + 8, offset + 8 + length));
      expect(png.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(
        crc32(png.subarray(offset + 4, offset + 8 + length)),
      );
      offset += 12 + length;
    }
    expect(types[0]).toBe('IHDR');
    expect(types.at(-1)).toBe('IEND');
    expect(offset).toBe(png.length);
    // Colour type 2 (RGB), 8 bits: one filter byte and three bytes per pixel on each row.
    expect(inflateSync(Buffer.concat(data)).length).toBe(height * (1 + width * 3));
  });

  it('hands out copies, so one caller cannot change another caller’s file', () => {
    const first = scanFile('other');
    first.content.fill(0);
    expect(detectScanType(scanFile('other').content)).toBe('application/pdf');
  });
});
