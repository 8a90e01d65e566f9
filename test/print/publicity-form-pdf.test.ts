import { beforeAll, describe, expect, it } from 'vitest';
import {
  publicityFormInputOf,
  type PublicityFormInput,
} from '../../src-main/core/print/publicity-form-input';
import {
  GRID_UNITS,
  PUBLICITY_FORM_GRID,
  PUBLICITY_FORM_TITLE,
  type PublicityFieldId,
} from '../../src-main/core/print/publicity-form-layout';
import { FORM_TABLE, renderPublicityForms } from '../../src-main/core/print/publicity-form-pdf';
import type { FieldValues } from '../../src-shared/domain/catalog';
import { demoDetails } from './demo-details';
import { differenceRatio, inkRatio, type Region } from './image-checks';
import { pageTexts, pdfInfo, qpdfCheck, renderPages, textInRegion, words, type Word } from './poppler';

/**
 * The 公示表 as a reader of the PDF sees it: rendered to pixels by poppler (so a glyph drawn as an empty box
 * or not at all shows), its text extracted, its structure checked by qpdf.
 */

const DPI = 50;
const OPTIONS = {
  printedOn: '2026-05-06',
  supervisingPhone: '重庆市卫生健康委员会 023-67706700',
  publicityPlace: '门诊楼一楼公示栏',
};

let detailFull: ReturnType<typeof demoDetails>[number];
let form: PublicityFormInput;
let pdf: Uint8Array;

beforeAll(async () => {
  const [detail] = demoDetails(1);
  if (detail === undefined) throw new Error('no demo detail');
  detailFull = detail;
  form = publicityFormInputOf(detail);
  pdf = await renderPublicityForms([form], OPTIONS);
});

function withValues(values: Partial<Record<PublicityFieldId, string>>): PublicityFormInput {
  return { ...form, values: { ...form.values, ...values } };
}

/** Where a value cell of the grid is across the page, in points: from the layout, not from the PDF. */
function valueCellX(field: PublicityFieldId): { left: number; right: number } {
  const unit = FORM_TABLE.width / GRID_UNITS;
  for (const entry of PUBLICITY_FORM_GRID) {
    const rows = entry.kind === 'row' ? [entry] : entry.rows;
    for (const row of rows) {
      let units = entry.kind === 'group' ? entry.span : 0;
      for (const cell of row.cells) {
        if (cell.kind === 'value' && cell.field === field) {
          return {
            left: FORM_TABLE.left + units * unit,
            right: FORM_TABLE.left + (units + cell.span) * unit,
          };
        }
        units += cell.span;
      }
    }
  }
  throw new Error(`${field} is not in the grid`);
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('one 公示表', () => {
  it('is a sound PDF of one A4 page under 200 KB', async () => {
    const check = await qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(info.Title).toBe(PUBLICITY_FORM_TITLE);
    expect(pdf.byteLength).toBeLessThan(200 * 1024);
  });

  it('gives back its Chinese text: title, header, labels, values and footer', async () => {
    const [text = ''] = await pageTexts(pdf);
    const page = squeeze(text);
    for (const expected of [
      PUBLICITY_FORM_TITLE,
      `申请书编号:${form.applicationNo}`,
      `年度:${form.year}`,
      form.values.name,
      form.values.qualification,
      form.values.reviewCommittee,
      form.values.idNumber,
      '公示时间',
      '2026年04月24日 至 2026年04月30日',
      '公示地点',
      '门诊楼一楼公示栏',
      squeeze(OPTIONS.supervisingPhone),
      '单位负责人签字',
      '单位(盖章)',
      '2026年05月06日',
    ]) {
      expect(page, expected).toContain(squeeze(expected));
    }
  });

  it('labels its rows in the first column, long labels over several lines', async () => {
    const column = await textInRegion(pdf, 1, {
      x: FORM_TABLE.left,
      y: 0,
      width: (FORM_TABLE.width / GRID_UNITS) * 4,
      height: 842,
    });
    const labels = PUBLICITY_FORM_GRID.map((entry) =>
      entry.kind === 'group' ? entry.label : entry.cells[0]?.kind === 'label' ? entry.cells[0].text : '',
    ).filter((label) => label !== '');
    expect(labels).toContain('学历/学位/毕业院校及专业/毕业时间');
    expect(labels).toContain('受理(监督)部门及电话');
    // In the order of the layout, each whole, though several wrap.
    expect(squeeze(column)).toContain(labels.map(squeeze).join(''));
  });

  it('shows the ID number masked only', async () => {
    const basic = detailFull.content.basicInfo as FieldValues;
    const [text = ''] = await pageTexts(pdf);
    expect(squeeze(text)).not.toContain(String(basic.idNumber));
    expect(squeeze(text)).toContain(form.values.idNumber);
  });

  it('has no page number when the form fits on one page', async () => {
    const [text = ''] = await pageTexts(pdf);
    expect(squeeze(text)).not.toMatch(/第\d+页共\d+页/);
  });
});

describe('the glyphs', () => {
  let nameBox: Region;

  beforeAll(async () => {
    const found = (await words(pdf)).find((word) => word.text === form.values.name);
    if (found === undefined) throw new Error('the name is not on the page');
    nameBox = { xMin: found.xMin - 2, yMin: found.yMin - 2, xMax: found.xMax + 2, yMax: found.yMax + 2 };
  });

  it('draw ink where the text is and none where it is left out', async () => {
    const [withName] = await renderPages(pdf, DPI);
    const [withoutName] = await renderPages(
      await renderPublicityForms([withValues({ name: '' })], OPTIONS),
      DPI,
    );
    if (withName === undefined || withoutName === undefined) throw new Error('no page rendered');
    expect(inkRatio(withName, nameBox, DPI)).toBeGreaterThan(0.03);
    expect(inkRatio(withoutName, nameBox, DPI)).toBe(0);
  });

  it('are the characters themselves: different names of the same length draw different pixels', async () => {
    // Empty boxes (.notdef) in place of the characters would look the same for any name.
    const names = ['唐立伦', '王建洪', '赵丽萍'];
    const pages = await Promise.all(
      names.map(
        async (name) =>
          (await renderPages(await renderPublicityForms([withValues({ name })], OPTIONS), DPI))[0],
      ),
    );
    const [a, b, c] = pages;
    if (a === undefined || b === undefined || c === undefined) throw new Error('no page rendered');
    expect(differenceRatio(a, b, nameBox, DPI)).toBeGreaterThan(0.05);
    expect(differenceRatio(b, c, nameBox, DPI)).toBeGreaterThan(0.05);
    expect(differenceRatio(a, a, nameBox, DPI)).toBe(0);
  });
});

describe('long values', () => {
  const LATIN = Array.from({ length: 24 }, (_, i) => `Hospital${String(i).padStart(2, '0')}`).join(' ');
  const CHINESE = '渝州山城'.repeat(40);
  let found: Word[];

  beforeAll(async () => {
    found = await words(
      await renderPublicityForms([withValues({ employer: LATIN, reviewCommittee: CHINESE })], OPTIONS),
    );
  });

  function inCell(field: PublicityFieldId, cellWords: Word[]) {
    const { left, right } = valueCellX(field);
    for (const word of cellWords) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(left);
      expect(word.xMax, word.text).toBeLessThanOrEqual(right);
    }
    return new Set(cellWords.map((word) => Math.round(word.yMin))).size;
  }

  it('wrap Latin text inside its cell, word by word', () => {
    const cellWords = found.filter((word) => word.text.startsWith('Hospital'));
    // Every word whole: none broken over a line end.
    expect(cellWords.map((word) => word.text).sort()).toEqual(LATIN.split(' ').sort());
    expect(inCell('employer', cellWords)).toBeGreaterThanOrEqual(3);
  });

  it('wrap Chinese text inside its cell, character by character', () => {
    const cellWords = found.filter((word) => /^[渝州山城]+$/.test(word.text));
    expect(cellWords.map((word) => word.text).join('')).toBe(CHINESE);
    expect(inCell('reviewCommittee', cellWords)).toBeGreaterThanOrEqual(3);
  });
});

describe('a form longer than a page', () => {
  const many = (line: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${i + 1}. ${line}`).join('\n');
  let long: Uint8Array;

  beforeAll(async () => {
    long = await renderPublicityForms(
      [
        withValues({
          papers: many('《儿童支气管哮喘临床路径管理的实践与思考》,重庆医学,2022年05月,第1作者', 14),
        }),
      ],
      OPTIONS,
    );
  });

  it('continues on a second page, numbered 第 N 页 共 2 页, with the footer at its end', async () => {
    const info = await pdfInfo(long);
    expect(info.Pages).toBe('2');
    const pages = (await pageTexts(long)).map(squeeze);
    expect(pages[0]).toContain('第1页共2页');
    expect(pages[1]).toContain('第2页共2页');
    expect(pages[1]).toContain(`${PUBLICITY_FORM_TITLE}(续)`);
    expect(pages[1]).toContain(form.applicationNo);
    expect(pages[1]).toContain('单位(盖章)');
    expect(pages[0]).not.toContain('单位(盖章)');
    expect((await qpdfCheck(long)).ok).toBe(true);
  });

  it('loses no line of its values over the page break', async () => {
    const text = (await pageTexts(long)).map(squeeze).join('');
    for (let i = 1; i <= 14; i += 1) {
      expect(text).toContain(`${i}.《儿童支气管哮喘临床路径管理的实践与思考》`);
    }
  });
});

describe('a batch', () => {
  it('prints each form on its own page, in order, in one PDF', async () => {
    const forms = demoDetails(5).map(publicityFormInputOf);
    const batch = await renderPublicityForms(forms, OPTIONS);
    const pages = (await pageTexts(batch)).map(squeeze);
    expect(pages).toHaveLength(5);
    forms.forEach((each, i) => {
      expect(pages[i]).toContain(each.applicationNo);
      expect(pages[i]).toContain(each.values.name);
    });
    expect((await qpdfCheck(batch)).ok).toBe(true);
  });

  it('refuses an empty batch and a malformed print date', async () => {
    await expect(renderPublicityForms([], OPTIONS)).rejects.toThrow(RangeError);
    await expect(renderPublicityForms([form], { printedOn: '2026-02-30' })).rejects.toThrow(RangeError);
  });

  it('leaves blanks to write in when publicity dates and print settings are missing', async () => {
    const blank = await renderPublicityForms([{ ...form, publicity: null }], { printedOn: '2026-05-06' });
    const [text = ''] = await pageTexts(blank);
    expect(squeeze(text)).toContain('年月日至年月日');
    expect(squeeze(text)).not.toContain('门诊楼');
  });
});
