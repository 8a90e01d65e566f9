import { UNAPPLIED_DECISION_LABELS, type ApplicationListRow } from '../../../src-shared/contracts';
import type { WorkingCalendar } from '../../../src-shared/domain/calendar';
import { publicityEndOf, STATE_LABELS } from '../../../src-shared/domain/workflow';
import { beijingSpreadsheetDate, spreadsheetDateOfBeijingDate } from '../../../src-shared/time/beijing-time';
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  type CellValue,
  type TableColumn,
  type TableSheet,
} from './xlsx-table';

/**
 * The 职称申报审核 list as a sheet: the screen's columns with the ID number in a column of its own, the
 * state as its Chinese label (with a decision on its way, as the row's tag says), and the publicity
 * period as two date columns (its end as it really runs, by the holiday table, like the list's 公示至).
 */

interface ListColumn extends TableColumn {
  value(row: ApplicationListRow, shownIdNumber: string): CellValue;
  /** Only in a department's list, which spans units (as on screen). */
  departmentOnly?: boolean;
}

function columnsOf(calendar: WorkingCalendar): ListColumn[] {
  return [
    { header: '申请书编号', value: (row) => row.applicationNo },
    { header: '姓名', value: (row) => row.applicantName },
    { header: '身份证号', value: (_row, id) => id },
    { header: '所在单位', value: (row) => row.unitName, departmentOnly: true },
    { header: '申请资格', value: (row) => row.qualification },
    { header: '申报类型', value: (row) => row.applicationType },
    { header: '状态', value: stateText },
    {
      header: '提交时间',
      dateFormat: DATE_TIME_FORMAT,
      value: (row) => (row.submittedAt === null ? null : beijingSpreadsheetDate(row.submittedAt)),
    },
    { header: '提交次数', value: (row) => row.submitCount },
    {
      header: '公示开始日期',
      dateFormat: DATE_FORMAT,
      value: (row) => (row.publicity === null ? null : spreadsheetDateOfBeijingDate(row.publicity.start)),
    },
    {
      header: '公示结束日期',
      dateFormat: DATE_FORMAT,
      value: (row) =>
        row.publicity === null ? null : spreadsheetDateOfBeijingDate(publicityEndOf(row.publicity, calendar)),
    },
  ];
}

/** 待单位审核(待同步): the state, and a decision made here that the server has not applied, as the row shows them. */
function stateText(row: ApplicationListRow): string {
  const state = STATE_LABELS[row.state];
  const decision = row.outboxStatus;
  return decision === null || decision === 'applied'
    ? state
    : `${state}(${UNAPPLIED_DECISION_LABELS[decision]})`;
}

export function applicationListSheet(
  rows: readonly ApplicationListRow[],
  options: {
    spansUnits: boolean;
    calendar: WorkingCalendar;
    /** The ID number a row shows: its full one where the caller may export it, the list's masked one otherwise. */
    idNumberOf(row: ApplicationListRow): string;
  },
): TableSheet<ApplicationListRow> {
  const columns = columnsOf(options.calendar).filter(
    (column) => options.spansUnits || !column.departmentOnly,
  );
  return {
    name: '职称申报审核',
    columns,
    rows,
    cellsOf: (row) => {
      const id = options.idNumberOf(row);
      return columns.map((column) => column.value(row, id));
    },
  };
}
