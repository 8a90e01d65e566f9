import type { z } from 'zod';
import { AppFailure, NOTHING_TO_EXPORT } from '../../../src-shared/contracts';
import type {
  AppEvent,
  ExportedWorkbook,
  ExportPhase,
  ExportPublicityListRequest,
  exportApplicationsRequestSchema,
  SessionUser,
} from '../../../src-shared/contracts';
import { seesFullIdNumbers } from '../../../src-shared/domain/id-number-access';
import { beijingDateOf } from '../../../src-shared/time/beijing-time';
import type { ApplicationCache } from '../cache/application-cache';
import type { PublicityPrinting } from '../print/publicity-printing';
import { listFilterOf, membershipOf } from '../review/list-filter';
import { readListRows } from './application-list-rows';
import { applicationListSheet } from './application-list-sheet';
import { exportFileName } from './export-file-name';
import { publicityListSheet } from './publicity-list-sheet';
import { writeTableWorkbook, type TableWriteProgress } from './xlsx-table';

/**
 * 导出Excel from the cache alone (offline too), in the core, off the windows' threads: the 职称申报审核 list
 * as the reviewer filtered and sorted it (or the rows they picked), and the 公示名单. An export of the list
 * reports its progress as exportProgress events under the id the renderer gave it.
 */

const NO_FULL_ID_NUMBERS = '您的角色不能导出完整身份证号,请不勾选“导出完整身份证号”后再导出';

export interface WorkbookExportsOptions {
  cache: ApplicationCache;
  user: SessionUser;
  printing: PublicityPrinting;
  emit(event: AppEvent): void;
  /** Names the file by the day it was made; the system clock when absent. */
  now?: () => Date;
}

export class WorkbookExports {
  constructor(private readonly options: WorkbookExportsOptions) {}

  async applicationList(input: z.output<typeof exportApplicationsRequestSchema>): Promise<ExportedWorkbook> {
    const { cache, user } = this.options;
    const membership = membershipOf(user, input.unitId);
    // Refused rather than quietly masked: whoever asked would take the file for what they asked for.
    if (input.fullIdNumbers && !seesFullIdNumbers(membership.role)) {
      throw new AppFailure('FORBIDDEN', NO_FULL_ID_NUMBERS);
    }
    const report = (phase: ExportPhase, done: number, total: number) =>
      this.options.emit({
        name: 'exportProgress',
        payload: { exportId: input.exportId, phase, done, total },
      });

    report('reading', 0, 0);
    const now = this.now();
    const filter = listFilterOf(input, { user, cache, now });
    const rows = await readListRows(cache.queries, filter, input.selectedIds);
    // A file of a header alone would pass for an exported list: the list changed under the dialog (a
    // sync), or the picked rows left the cache.
    if (rows.length === 0) throw new AppFailure('NOT_FOUND', NOTHING_TO_EXPORT);
    const fullIds = input.fullIdNumbers ? cache.queries.idNumbersOf(rows.map((row) => row.id)) : null;
    const sheet = applicationListSheet(rows, {
      spansUnits: filter.scope === 'department',
      calendar: cache.holidays.calendar(),
      // Never more than the list shows unless asked for and allowed.
      idNumberOf: (row) => fullIds?.get(row.id) ?? row.maskedIdNumber,
    });
    const progress: TableWriteProgress = {
      rowsWritten: (done) => report('writing', done, rows.length),
      packing: () => report('packing', rows.length, rows.length),
    };
    const bytes = await writeTableWorkbook(sheet, progress, {
      title: `职称申报审核 ${membership.unitName}`,
      created: now,
    });
    report('done', rows.length, rows.length);
    return {
      fileName: exportFileName('职称申报审核', membership.unitName, beijingDateOf(now)),
      xlsxBase64: bytes.toString('base64'),
      rowCount: rows.length,
    };
  }

  /** The 公示名单 of approved applications; refused, with the reason, for one that has no 公示表 yet. */
  async publicityList({ applicationIds }: ExportPublicityListRequest): Promise<ExportedWorkbook> {
    const { forms, unitName } = this.options.printing.formsOf(applicationIds);
    const now = this.now();
    // At most a print batch (200 rows): done before a progress bar would show.
    const bytes = await writeTableWorkbook(
      publicityListSheet(forms),
      { rowsWritten: () => undefined, packing: () => undefined },
      { title: `公示名单 ${unitName}`, created: now },
    );
    return {
      fileName: exportFileName('公示名单', unitName, beijingDateOf(now)),
      xlsxBase64: bytes.toString('base64'),
      rowCount: forms.length,
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
