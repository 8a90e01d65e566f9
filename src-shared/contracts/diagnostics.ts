import { z } from './zod-chinese';

/**
 * What goes wrong in a window, reported to the core for its log (the renderer has no file of its own), and
 * 帮助 → 导出诊断信息: a zip the unit's IT staff can be sent. Sizes are capped so that a report can never
 * be a way to fill the log: the renderer cuts its text to these limits before sending (rendererErrorReport).
 */

export const RENDERER_ERROR_LIMITS = {
  name: 200,
  message: 2_000,
  stack: 8_000,
  componentStack: 8_000,
  screen: 200,
} as const;

/** boundary: a screen threw while rendering; error / unhandledrejection: the window's own events. */
export const RENDERER_ERROR_KINDS = ['boundary', 'error', 'unhandledrejection'] as const;
export type RendererErrorKind = (typeof RENDERER_ERROR_KINDS)[number];

export const rendererErrorReportSchema = z.strictObject({
  kind: z.enum(RENDERER_ERROR_KINDS),
  name: z.string().max(RENDERER_ERROR_LIMITS.name),
  message: z.string().max(RENDERER_ERROR_LIMITS.message),
  stack: z.string().max(RENDERER_ERROR_LIMITS.stack).nullable(),
  /** React's component stack, for an error boundary. */
  componentStack: z.string().max(RENDERER_ERROR_LIMITS.componentStack).nullable(),
  /** Where the window was (the page's path and hash), never its query. */
  screen: z.string().max(RENDERER_ERROR_LIMITS.screen).nullable(),
});
export type RendererErrorReport = z.infer<typeof rendererErrorReportSchema>;

function capped<T extends string | null>(text: T, limit: number): T {
  return text === null || text.length <= limit ? text : (`${text.slice(0, limit - 1)}…` as T);
}

/** A report of `error` (anything thrown or rejected), cut to the limits the contract accepts. */
export function rendererErrorReport(
  kind: RendererErrorKind,
  error: unknown,
  extra: { componentStack?: string | null; screen?: string | null } = {},
): RendererErrorReport {
  const isError = error instanceof Error;
  const message = isError ? error.message : typeof error === 'string' ? error : safeText(error);
  const name = isError ? error.name : typeof error;
  const stack = isError && typeof error.stack === 'string' ? error.stack : null;
  return {
    kind,
    name: capped(name, RENDERER_ERROR_LIMITS.name),
    message: capped(message, RENDERER_ERROR_LIMITS.message),
    stack: capped(stack, RENDERER_ERROR_LIMITS.stack),
    componentStack: capped(extra.componentStack ?? null, RENDERER_ERROR_LIMITS.componentStack),
    screen: capped(extra.screen ?? null, RENDERER_ERROR_LIMITS.screen),
  };
}

function safeText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const diagnosticsZipSchema = z.object({
  /** 重庆职称审核-诊断信息-YYYYMMDD-HHmm.zip */
  fileName: z.string(),
  zipBase64: z.string(),
});
export type DiagnosticsZip = z.infer<typeof diagnosticsZipSchema>;

export const ZIP_MIME_TYPE = 'application/zip';
