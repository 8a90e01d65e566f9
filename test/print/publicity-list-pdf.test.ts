import { beforeAll, describe, expect, it } from 'vitest';
import {
  publicityFormInputOf,
  type PublicityFormInput,
} from '../../src-main/core/print/publicity-form-input';
import { publicityListTitle, renderPublicityList } from '../../src-main/core/print/publicity-list-pdf';
import { DEMO_EMPLOYER, demoDetails } from './demo-details';
import { inkRatio } from './image-checks';
import { pageTexts, pdfInfo, qpdfCheck, renderPages, words } from './poppler';

/** The 公示名单 of a unit's applicants in publicity, landscape and portrait. */

const COUNT = 40;
const OPTIONS = { unitName: DEMO_EMPLOYER, printedOn: '2026-05-06', publicityPlace: '门诊楼一楼公示栏' };
let forms: PublicityFormInput[];

beforeAll(() => {
  forms = demoDetails(COUNT).map(publicityFormInputOf);
});

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe.each(['landscape', 'portrait'] as const)('the 公示名单, %s', (orientation) => {
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await renderPublicityList(forms, { ...OPTIONS, orientation });
    pages = (await pageTexts(pdf)).map(squeeze);
  });

  it('is a sound PDF on A4 in the asked orientation, over several pages', async () => {
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toMatch(
      orientation === 'landscape' ? /^841\.89 x 595\.28/ : /^595\.28 x 841\.89/,
    );
    expect(Number(info.Pages)).toBeGreaterThan(1);
    expect(pages).toHaveLength(Number(info.Pages));
  });

  it('has the title and notice on the first page and the footer on the last', () => {
    expect(pages[0]).toContain(publicityListTitle(DEMO_EMPLOYER, '2026'));
    expect(pages[0]).toContain('予以公示');
    expect(pages.at(-1)).toContain('公示地点:门诊楼一楼公示栏');
    expect(pages.at(-1)).toContain('受理(监督)部门及电话:');
    expect(pages.at(-1)).toContain('单位(盖章)');
    expect(pages.at(-1)).toContain('2026年05月06日');
  });

  it('repeats the header row on every page of the table and numbers every page', () => {
    let pagesWithRows = 0;
    pages.forEach((page, i) => {
      expect(page).toContain(`第${i + 1}页共${pages.length}页`);
      // The footer may stand alone on a last page, without rows.
      if (!forms.some((form) => page.includes(form.values.name))) return;
      pagesWithRows += 1;
      for (const header of ['序号', '姓名', '性别', '申报类型', '评审委员会', '公示时间']) {
        expect(page, `page ${i + 1}`).toContain(header);
      }
    });
    expect(pagesWithRows).toBeGreaterThan(1);
  });

  it('lists every applicant once, numbered in order', async () => {
    const found = await words(pdf);
    let previous = { page: 0, y: 0 };
    forms.forEach((form, i) => {
      const names = found.filter((word) => word.text === form.values.name);
      expect(names, form.values.name).toHaveLength(1);
      const [name] = names;
      if (name === undefined) return;
      const middle = (name.yMin + name.yMax) / 2;
      // Its number on the same row, left of it.
      const number = found.find(
        (word) =>
          word.page === name.page &&
          word.text === String(i + 1) &&
          word.xMax < name.xMin &&
          Math.abs((word.yMin + word.yMax) / 2 - middle) < 10,
      );
      expect(number, `${i + 1} ${form.values.name}`).toBeDefined();
      expect(name.page > previous.page || (name.page === previous.page && middle > previous.y)).toBe(true);
      previous = { page: name.page, y: middle };
    });
  });

  it('draws its glyphs', async () => {
    const [first] = await renderPages(pdf, 50, 1);
    if (first === undefined) throw new Error('no page rendered');
    // The title's band holds ink: the characters are drawn, not left out.
    expect(
      inkRatio(first, { xMin: 100, yMin: 30, xMax: first.width * 1.44 - 100, yMax: 60 }, 50),
    ).toBeGreaterThan(0.02);
  });
});

describe('the columns', () => {
  it('include 工作单位 in landscape only, where there is room for it', async () => {
    const [landscape] = await pageTexts(await renderPublicityList(forms.slice(0, 3), OPTIONS));
    const [portrait] = await pageTexts(
      await renderPublicityList(forms.slice(0, 3), { ...OPTIONS, orientation: 'portrait' }),
    );
    expect(squeeze(landscape ?? '')).toContain('工作单位');
    expect(squeeze(portrait ?? '')).not.toContain('工作单位');
  });

  it('refuse an empty list', async () => {
    await expect(renderPublicityList([], OPTIONS)).rejects.toThrow(RangeError);
  });
});
