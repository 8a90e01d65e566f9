import { z } from './zod-chinese';

/**
 * Printing the 公示表 (DOMAIN.md "公示表", DESIGN.md "Printing"): the renderer names the applications, the
 * core draws the PDF from its cache (offline too) and hands the bytes back for preview, printing and
 * saving. The print settings are what a unit writes on every form and are kept on this computer.
 */

const applicationId = z.string().min(1).max(64);

/** 公示表: one form per application; 公示名单: one table of them all, for posting. */
export const PUBLICITY_DOCUMENTS = ['forms', 'list'] as const;
export type PublicityDocument = (typeof PUBLICITY_DOCUMENTS)[number];

/** A batch is capped so one print run stays a few seconds and a few megabytes. */
export const MAX_PRINT_BATCH = 200;

export const printPublicityRequestSchema = z.strictObject({
  applicationIds: z
    .array(applicationId)
    .min(1, '请至少选择一份申报书')
    .max(MAX_PRINT_BATCH, `一次最多打印${MAX_PRINT_BATCH}份`),
  document: z.enum(PUBLICITY_DOCUMENTS),
});
export type PrintPublicityRequest = z.infer<typeof printPublicityRequestSchema>;

export const printedPdfSchema = z.object({
  /** A suggested name for 另存为PDF, e.g. 公示表-CQ2026-000003-吴雪.pdf. */
  fileName: z.string(),
  pdfBase64: z.string(),
  pageCount: z.number().int().positive(),
  /** Applications in it. */
  formCount: z.number().int().positive(),
});
export type PrintedPdf = z.infer<typeof printedPdfSchema>;

const settingText = (label: string) =>
  z
    .string()
    .trim()
    .max(60, `${label}不能超过60个字`)
    .refine((text) => !/[\r\n]/.test(text), `${label}请写在一行内`);

export const printSettingsSchema = z.strictObject({
  /** 受理(监督)部门及电话, e.g. 院人事科 023-63891234; blank leaves the line to write in by hand. */
  supervisingPhone: settingText('受理(监督)部门及电话'),
  /** 公示地点, e.g. 门诊楼一楼公示栏; blank leaves it to write in. */
  publicityPlace: settingText('公示地点'),
});
export type PrintSettings = z.infer<typeof printSettingsSchema>;

export const EMPTY_PRINT_SETTINGS: PrintSettings = { supervisingPhone: '', publicityPlace: '' };

/** A PDF the core made, sent back for the system print dialog (Electron only). */
export const printPdfRequestSchema = z.strictObject({
  // A batch of 200 forms stays well below this.
  pdfBase64: z.string().min(1).max(40_000_000),
  fileName: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[^/\\:*?"<>|]+\.pdf$/, '文件名不正确'),
});

export const PDF_PRINT_OUTCOMES = ['printed', 'cancelled', 'openedInViewer'] as const;
export const printPdfResultSchema = z.object({ outcome: z.enum(PDF_PRINT_OUTCOMES) });
