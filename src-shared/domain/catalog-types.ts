/** The shapes of the application catalog (申报书目录) and of an application's content. */

/**
 * How a field's value is written and checked:
 * text / longText: a string (longText is shown as a paragraph);
 * date 'YYYY-MM-DD', yearMonth 'YYYY-MM', year 'YYYY': strings, so the same day reads the same everywhere;
 * number: a non-negative number; enum: one of `options`;
 * idNumber / mobile: strings checked by validation.ts;
 * attachment: the id of an uploaded scan, opened with "查看".
 */
export type FieldType =
  | 'text'
  | 'longText'
  | 'date'
  | 'yearMonth'
  | 'year'
  | 'number'
  | 'enum'
  | 'idNumber'
  | 'mobile'
  | 'attachment';

export interface CatalogField {
  /** camelCase ASCII, unique within its section; the key of the value in ApplicationContent. */
  key: string;
  /** The label users know, verbatim from the manual where it has one. */
  label: string;
  type: FieldType;
  /** Required for submission; drafts may leave it empty. */
  required: boolean;
  /** The allowed values of an enum field. */
  options?: readonly string[];
  /** In characters, for text-like fields. */
  maxLength?: number;
  /** Shown masked outside the review dialog. */
  sensitive?: 'idNumber' | 'mobile';
  /** Fields shown together under one label, e.g. 系列/专业/资格 as "申请资格". */
  group?: string;
}

export interface CatalogSection {
  /** camelCase ASCII, unique in the catalog; the key of the section in ApplicationContent. */
  key: string;
  title: string;
  /** single: one set of fields; rows: a list of rows, each with the fields and its own comments. */
  mode: 'single' | 'rows';
  fields: readonly CatalogField[];
  /** For row sections: how many rows a submitted application needs. */
  minRows?: number;
  /** Sections shown under a common heading, e.g. the five kinds of 业绩成果. */
  group?: string;
  /** For row sections: the start and end field of a period, whose end may not be before its start. */
  period?: { startKey: string; endKey: string };
  /** The hint of the section's comment box: 可在这里填写{title}的修改意见. */
  commentPlaceholder: string;
}

/** One value of a field; null (or an empty string) is "not filled in". */
export type FieldValue = string | number | null;

/** The values of one single section, or of one row of a row section, by field key. */
export type FieldValues = Record<string, FieldValue>;

/** An application's content by section key: FieldValues for a single section, a list for a row section. */
export type ApplicationContent = Record<string, FieldValues | FieldValues[]>;

/** One problem found in an application's content, in Chinese, located down to the field where possible. */
export interface ContentProblem {
  sectionKey: string;
  /** For row sections: the row, counted from 0. */
  rowIndex?: number;
  /** Absent when the problem concerns the whole section (too few rows, wrong shape) or a whole row. */
  fieldKey?: string;
  message: string;
}
