import { describe, expect, it } from 'vitest';
import { formTexts, MissingGlyphsError, type MissingGlyph } from '../../src-main/core/print/glyph-check';
import { loadChineseFont } from '../../src-main/core/print/pdf-font';
import { publicityFormInputOf } from '../../src-main/core/print/publicity-form-input';
import {
  PRINT_FIELDS,
  PUBLICITY_FIELDS,
  PUBLICITY_FORM_GRID,
  PUBLICITY_FORM_TITLE,
} from '../../src-main/core/print/publicity-form-layout';
import { checkPublicityForms, renderPublicityForms } from '../../src-main/core/print/publicity-form-pdf';
import { renderPublicityList } from '../../src-main/core/print/publicity-list-pdf';
import type { ApplicationDetail } from '../../src-shared/contracts/review-list';
import type { FieldValues } from '../../src-shared/domain/catalog';
import { demoDetails } from './demo-details';

/** 𠈌 (U+2020C, CJK Extension B): a character of real names that Noto Sans SC does not have. */
const RARE = '𠈌';

function renamed(detail: ApplicationDetail, name: string): ApplicationDetail {
  const basicInfo = { ...(detail.content.basicInfo as FieldValues), name };
  return { ...detail, applicantName: name, content: { ...detail.content, basicInfo } };
}

async function rejection(promise: Promise<unknown>): Promise<MissingGlyphsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MissingGlyphsError) return error;
    throw error;
  }
  throw new Error('printed although a character is missing from the font');
}

describe('characters the font cannot draw', () => {
  const details = demoDetails(3);

  it('are reported by applicant, field and character before anything is printed', async () => {
    const [first, second, third] = details;
    if (first === undefined || second === undefined || third === undefined)
      throw new Error('no demo details');
    const forms = [first, renamed(second, `张${RARE}`), third].map(publicityFormInputOf);
    const expected: MissingGlyph[] = [
      {
        applicationNo: second.applicationNo,
        name: `张${RARE}`,
        fieldLabel: PUBLICITY_FIELDS.name.label,
        char: RARE,
        codePoint: 0x2020c,
      },
    ];
    expect(await checkPublicityForms(forms)).toEqual(expected);
    const error = await rejection(renderPublicityForms(forms, { printedOn: '2026-05-06' }));
    expect(error.missing).toEqual(expected);
    expect(error.message).toContain(`张${RARE}(${second.applicationNo})的姓名中的“${RARE}”(U+2020C)`);
  });

  it('are found in any printed value and in the print settings', async () => {
    const [detail] = details;
    if (detail === undefined) throw new Error('no demo detail');
    const form = publicityFormInputOf(detail);
    const edited = { ...form, values: { ...form.values, employer: `重庆市${RARE}医院` } };
    const missing = await checkPublicityForms([edited], { publicityPlace: `${RARE}楼公示栏` });
    expect(missing).toEqual([
      {
        applicationNo: form.applicationNo,
        name: form.applicantName,
        fieldLabel: PUBLICITY_FIELDS.employer.label,
        char: RARE,
        codePoint: 0x2020c,
      },
      {
        applicationNo: null,
        name: null,
        fieldLabel: PRINT_FIELDS.publicityPlace.label,
        char: RARE,
        codePoint: 0x2020c,
      },
    ]);
  });

  it('stop the 公示名单 too', async () => {
    const forms = details.map((detail, i) =>
      publicityFormInputOf(i === 1 ? renamed(detail, `李${RARE}`) : detail),
    );
    const error = await rejection(
      renderPublicityList(forms, { unitName: '重庆市示例人民医院', printedOn: '2026-05-06' }),
    );
    expect(error.missing.map((glyph) => [glyph.name, glyph.fieldLabel, glyph.codePoint])).toEqual([
      [`李${RARE}`, '姓名', 0x2020c],
    ]);
  });

  it('stop the 公示名单 only when it shows them', async () => {
    const forms = details.map(publicityFormInputOf);
    const [first] = forms;
    if (first === undefined) throw new Error('no form');
    // 论文 is on the 公示表, not in the list's columns.
    const edited = { ...first, values: { ...first.values, papers: `1. 《${RARE}的研究》` } };
    await expect(checkPublicityForms([edited])).resolves.toHaveLength(1);
    const pdf = await renderPublicityList([edited, ...forms.slice(1)], {
      unitName: '重庆市示例人民医院',
      printedOn: '2026-05-06',
    });
    expect(pdf.byteLength).toBeGreaterThan(0);
  });

  it('are none in the demo applications, nor in the form’s own texts', async () => {
    const font = await loadChineseFont();
    const forms = demoDetails(200).map(publicityFormInputOf);
    expect(await checkPublicityForms(forms, { supervisingPhone: '单位人事科 023-63891234' })).toEqual([]);
    const labels = PUBLICITY_FORM_GRID.flatMap((entry) => [
      ...(entry.kind === 'group'
        ? [entry.label, ...entry.rows.flatMap((row) => row.cells)]
        : entry.cells
      ).map((cell) =>
        typeof cell === 'string'
          ? cell
          : cell.kind === 'label'
            ? cell.text
            : cell.kind === 'signature'
              ? cell.caption
              : '',
      ),
    ]);
    const fixed = [PUBLICITY_FORM_TITLE, '(续)第页共', '年月日至', ...labels].join('');
    expect(Array.from(fixed).filter((char) => !font.hasGlyph(char.codePointAt(0) ?? 0))).toEqual([]);
    // The check reads what the form prints: every field, plus the header.
    const [form] = forms;
    if (form === undefined) throw new Error('no form');
    expect([...formTexts(form)].map((text) => text.fieldLabel)).toEqual(
      expect.arrayContaining([
        '申请书编号',
        '年度',
        ...Object.values(PUBLICITY_FIELDS).map((field) => field.label),
      ]),
    );
  });
});
