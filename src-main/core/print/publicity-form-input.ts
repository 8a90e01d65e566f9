import type { ApplicationDetail } from '../../../src-shared/contracts/review-list';
import { PUBLICITY_FIELD_IDS, PUBLICITY_FIELDS, type PublicityFieldId } from './publicity-form-layout';

/**
 * What one printed 公示表 shows of an application: every value already as the text it prints, so that the
 * glyph check and the drawing read the same strings, and a form can be printed from the cache alone.
 */
export interface PublicityFormInput {
  readonly applicationNo: string;
  readonly year: string;
  /** Who the form is about, for the continuation header and for reports of characters the font lacks. */
  readonly applicantName: string;
  /** YYYY-MM-DD dates; null before the reviewer has set them (the form then leaves them to be written in). */
  readonly publicity: { readonly start: string; readonly end: string } | null;
  readonly values: Readonly<Record<PublicityFieldId, string>>;
}

/** The form's input from an application as the cache holds it. Pure: the same detail gives the same form. */
export function publicityFormInputOf(detail: ApplicationDetail): PublicityFormInput {
  const values = Object.fromEntries(
    PUBLICITY_FIELD_IDS.map((id) => [id, PUBLICITY_FIELDS[id].value(detail)]),
  ) as Record<PublicityFieldId, string>;
  return {
    applicationNo: detail.applicationNo,
    year: detail.year,
    applicantName: values.name,
    publicity: detail.publicity === null ? null : { ...detail.publicity },
    values,
  };
}
