import { spreadsheetDateOfBeijingDate } from '../../../src-shared/time/beijing-time';
import { PUBLICITY_FIELDS, type PublicityFieldId } from '../print/publicity-form-layout';
import type { PublicityFormInput } from '../print/publicity-form-input';
import { DATE_FORMAT, type CellValue, type TableColumn, type TableSheet } from './xlsx-table';

/**
 * The 公示名单 as a sheet: the columns of the printed list (publicity-list-pdf.ts), with the same values
 * taken from the same forms, and the 公示时间 as two date columns so that Excel can sort and filter by it.
 * Like the printed list it names no ID number: it is made to be posted.
 */

interface PublicityColumn extends TableColumn {
  value(form: PublicityFormInput, index: number): CellValue;
}

const field = (id: PublicityFieldId): PublicityColumn => ({
  header: PUBLICITY_FIELDS[id].label,
  value: (form) => form.values[id],
});

const COLUMNS: readonly PublicityColumn[] = [
  { header: '序号', value: (_form, index) => index + 1 },
  field('name'),
  field('gender'),
  field('employer'),
  field('currentTitle'),
  field('qualification'),
  field('applicationType'),
  field('reviewCommittee'),
  {
    header: '公示开始日期',
    dateFormat: DATE_FORMAT,
    value: (form) => (form.publicity === null ? null : spreadsheetDateOfBeijingDate(form.publicity.start)),
  },
  {
    header: '公示结束日期',
    dateFormat: DATE_FORMAT,
    value: (form) => (form.publicity === null ? null : spreadsheetDateOfBeijingDate(form.publicity.end)),
  },
];

export function publicityListSheet(forms: readonly PublicityFormInput[]): TableSheet<PublicityFormInput> {
  return {
    name: '公示名单',
    columns: COLUMNS,
    rows: forms,
    cellsOf: (form, index) => COLUMNS.map((column) => column.value(form, index)),
  };
}
