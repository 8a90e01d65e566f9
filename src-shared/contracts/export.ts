import { z } from './zod-chinese';
import { listApplicationsRequestSchema } from './review-list';
import { printPublicityRequestSchema } from './print';

/**
 * 导出Excel: the core builds an .xlsx from its cache (offline too) and hands the bytes back; the renderer
 * saves them the way it saves a PDF. Exporting thousands of rows takes a moment, so the core reports its
 * progress as `exportProgress` events carrying the id the renderer gave the export.
 */

const idField = z.string().min(1).max(64);

/** A department holds up to 50,000 applications; a selection cannot be larger than its list. */
export const MAX_EXPORT_SELECTION = 50_000;

/** Names one export's progress events among those of other windows. */
export const exportIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '导出编号不正确');

export const exportApplicationsRequestSchema = listApplicationsRequestSchema
  .omit({ page: true, pageSize: true })
  .extend({
    exportId: exportIdSchema,
    /**
     * 已选N条: only these applications (in the list's order); null exports 当前筛选结果, every row that
     * state, search, 所在单位 and the focus match, over all pages.
     */
    selectedIds: z
      .array(idField)
      .min(1, '请至少选择一份申报书')
      .max(MAX_EXPORT_SELECTION, `一次最多导出${MAX_EXPORT_SELECTION}份`)
      .nullable()
      .default(null),
    /** 导出完整身份证号: only for the roles that see it in 申请书审核; masked as in the list otherwise. */
    fullIdNumbers: z.boolean().default(false),
  });
export type ExportApplicationsRequest = z.input<typeof exportApplicationsRequestSchema>;

/** The 公示名单 of the applications picked, as the print dialog shows it. */
export const exportPublicityListRequestSchema = printPublicityRequestSchema.pick({ applicationIds: true });
export type ExportPublicityListRequest = z.infer<typeof exportPublicityListRequestSchema>;

/**
 * An export with no row: the dialog says it before, and the core refuses to write a file of a header
 * alone (the list may have changed under the dialog).
 */
export const NOTHING_TO_EXPORT = '没有可导出的申报书:当前筛选结果为空。请更改状态、搜索或筛选条件后再导出';

export const exportedWorkbookSchema = z.object({
  /** A suggested name, e.g. 职称申报审核_重庆市示例人民医院_2026-12-06.xlsx. */
  fileName: z.string(),
  xlsxBase64: z.string(),
  /** Data rows in the sheet (the header not counted). */
  rowCount: z.number().int().nonnegative(),
});
export type ExportedWorkbook = z.infer<typeof exportedWorkbookSchema>;

/** reading the cache, writing the rows into the sheet, packing the .xlsx, done. */
export const EXPORT_PHASES = ['reading', 'writing', 'packing', 'done'] as const;
export type ExportPhase = (typeof EXPORT_PHASES)[number];

export const exportProgressSchema = z.object({
  exportId: exportIdSchema,
  phase: z.enum(EXPORT_PHASES),
  /** Rows written so far; `total` once the rows are read (0 while reading). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
