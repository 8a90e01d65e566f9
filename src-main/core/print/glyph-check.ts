import {
  PUBLICITY_FIELD_IDS,
  PUBLICITY_FIELDS,
  PRINT_FIELDS,
  PUBLICITY_FORM_HEADER,
} from './publicity-form-layout';
import type { PublicityFormInput } from './publicity-form-input';
import type { ResolvedPrintOptions } from './print-options';

/**
 * Characters the font cannot draw, found before anything is drawn: the font would print an empty box in
 * their place (a rare character of a name, e.g. 𠈌 U+2020C of CJK Extension B), and a posted 公示表 with a
 * wrong name is worse than none. The reviewer is told which applicant and which field, and can correct the
 * form by hand or ask for the record to be fixed.
 */

/** One character the font lacks, where it occurs. */
export interface MissingGlyph {
  /** null for a print setting shared by all forms (公示地点, 受理(监督)部门及电话, ...). */
  readonly applicationNo: string | null;
  readonly name: string | null;
  /** The label of the field as printed. */
  readonly fieldLabel: string;
  readonly char: string;
  readonly codePoint: number;
}

/** A text that will be printed, and whose it is. */
export interface PrintedText {
  readonly applicationNo: string | null;
  readonly name: string | null;
  readonly fieldLabel: string;
  readonly text: string;
}

/** Every text a form prints from its application. */
export function* formTexts(form: PublicityFormInput): Generator<PrintedText> {
  const of = { applicationNo: form.applicationNo, name: form.applicantName };
  yield { ...of, fieldLabel: PUBLICITY_FORM_HEADER.applicationNo, text: form.applicationNo };
  yield { ...of, fieldLabel: PUBLICITY_FORM_HEADER.year, text: form.year };
  yield { ...of, fieldLabel: PUBLICITY_FIELDS.name.label, text: form.applicantName };
  for (const id of PUBLICITY_FIELD_IDS) {
    yield { ...of, fieldLabel: PUBLICITY_FIELDS[id].label, text: form.values[id] };
  }
}

/** The texts of the print settings. */
export function* optionTexts(options: ResolvedPrintOptions): Generator<PrintedText> {
  const shared = { applicationNo: null, name: null };
  yield { ...shared, fieldLabel: PRINT_FIELDS.publicityPlace.label, text: options.publicityPlace };
  yield { ...shared, fieldLabel: PRINT_FIELDS.supervisingPhone.label, text: options.supervisingPhone };
}

/** Each character of `texts` the font lacks, once per applicant and field, in the order they occur. */
export function findMissingGlyphs(
  texts: Iterable<PrintedText>,
  hasGlyph: (codePoint: number) => boolean,
): MissingGlyph[] {
  const missing: MissingGlyph[] = [];
  const seen = new Set<string>();
  for (const { text, ...where } of texts) {
    for (const char of text) {
      // Line breaks are layout, not glyphs.
      if (char === '\n') continue;
      const codePoint = char.codePointAt(0) ?? 0;
      if (hasGlyph(codePoint)) continue;
      const key = JSON.stringify([where.applicationNo, where.fieldLabel, codePoint]);
      if (seen.has(key)) continue;
      seen.add(key);
      missing.push({ ...where, char, codePoint });
    }
  }
  return missing;
}

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line per character, in Chinese, e.g. 张𠈌(CQ2026-000001)的姓名中的“𠈌”(U+2020C). */
export function describeMissingGlyph(glyph: MissingGlyph): string {
  const whose = glyph.applicationNo === null ? '打印设置' : `${glyph.name ?? ''}(${glyph.applicationNo})`;
  return `${whose}的${glyph.fieldLabel}中的“${glyph.char}”(${codePointName(glyph.codePoint)})`;
}

/** Thrown instead of printing a form with characters the font cannot draw; carries the full list. */
export class MissingGlyphsError extends Error {
  readonly missing: readonly MissingGlyph[];

  constructor(missing: readonly MissingGlyph[]) {
    super(
      `以下内容含有打印字体中没有的字,无法打印:${missing.map(describeMissingGlyph).join(';')}。` +
        '请核对这些字;确为生僻字的,请手工填写公示表。',
    );
    this.name = 'MissingGlyphsError';
    this.missing = missing;
  }
}
