import { Alert, Button } from 'antd';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { loadPdfJs, openPdf, preloadPdfJs } from './pdf-document';
import { PageRenderer } from './page-renderer';
import {
  decodeBase64,
  isCancellation,
  pageCountText,
  previewErrorText,
  printErrorText,
  printProgressText,
  renderProgressText,
} from './preview-model';
import { printPdfPages, removePrintFrame } from './print-pages';
import { savePdf } from './save-pdf';
import styles from './PublicityPrint.module.css';

/** Where the preview stands. */
export type PdfPreviewStatus =
  | { kind: 'loading' }
  | { kind: 'rendering'; drawn: number; total: number }
  | { kind: 'done'; total: number }
  | { kind: 'error'; message: string };

/** What `renderActions` gets to build the toolbar's buttons with. */
export interface PdfPreviewActions {
  /** The 打印 and 另存为PDF buttons, to keep next to the caller's own. */
  defaultActions: ReactNode;
  /** `onPrint`, or the web print of the rendered pages. */
  print: () => void;
  /** Downloads the original PDF as `fileName`. */
  save: () => void;
  /** Whether print can run now (the default print needs the PDF read). */
  canPrint: boolean;
  /** The default print is drawing its page images. */
  printing: boolean;
  status: PdfPreviewStatus;
}

export interface PdfPreviewProps {
  /** The PDF, base64 (as the core hands it over the app API). */
  pdfBase64: string;
  /** The name 另存为PDF saves it under, e.g. 公示表-CQ2026-000003-吴雪.pdf. */
  fileName: string;
  /** The pages' accessible name; the file name when absent. */
  title?: string;
  /**
   * Replaces the default print (the rendered pages, drawn again at 150 dpi, in a hidden frame's print
   * dialog), e.g. by a native print of the PDF.
   */
  onPrint?: () => void;
  /** Replaces the default 另存为PDF (a download of the original bytes). */
  onSave?: () => void;
  /** The toolbar's buttons instead of the default two; `ctx.defaultActions` holds those. */
  renderActions?: (ctx: PdfPreviewActions) => ReactNode;
  /** The preview's height (the pages scroll inside it); 70vh when absent. */
  height?: CSSProperties['height'];
  className?: string;
}

interface PrintJob {
  doc: PDFDocumentProxy;
}

/** Loads pdf.js and its worker before a preview is shown, e.g. while the core makes the PDF. */
export const preloadPdfPreview: () => void = preloadPdfJs;

type Decoded = { bytes: Uint8Array<ArrayBuffer>; error: null } | { bytes: null; error: string };

/**
 * A PDF shown with pdf.js, page by page, to fit the width, with 打印 and 另存为PDF: the preview of the
 * 公示表 and 公示名单 before they are printed.
 */
export function PdfPreview({
  pdfBase64,
  fileName,
  title,
  onPrint,
  onSave,
  renderActions,
  height = '70vh',
  className,
}: PdfPreviewProps) {
  const decoded = useMemo<Decoded>(() => {
    try {
      return { bytes: decodeBase64(pdfBase64), error: null };
    } catch (error) {
      return { bytes: null, error: previewErrorText(error) };
    }
  }, [pdfBase64]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState<{ bytes: Uint8Array; doc: PDFDocumentProxy } | null>(null);
  // Keyed by the bytes it is about, so a new PDF starts as loading without a reset in the effect.
  const [progress, setProgress] = useState<{ bytes: Uint8Array; status: PdfPreviewStatus } | null>(null);

  useEffect(() => {
    const { bytes } = decoded;
    const scrollArea = scrollRef.current;
    const container = pagesRef.current;
    if (bytes === null || scrollArea === null || container === null) return;
    const controller = new AbortController();
    const { signal } = controller;
    let task: PDFDocumentLoadingTask | null = null;
    const report = (status: PdfPreviewStatus) => {
      if (!signal.aborted) setProgress({ bytes, status });
    };
    void (async () => {
      try {
        const lib = await loadPdfJs();
        const opening = await openPdf(bytes);
        if (signal.aborted) {
          void opening.destroy();
          return;
        }
        task = opening;
        const doc = await task.promise;
        if (signal.aborted) return;
        setOpened({ bytes, doc });
        const renderer = new PageRenderer(
          lib,
          doc,
          scrollArea,
          container,
          { page: styles.page ?? '', canvas: styles.canvas ?? '' },
          (drawn, total) =>
            report(drawn < total ? { kind: 'rendering', drawn, total } : { kind: 'done', total }),
        );
        await renderer.run(signal);
      } catch (error) {
        if (!signal.aborted && !isCancellation(error)) {
          // The screen says what failed in Chinese; pdf.js's own words are for the log.
          console.warn('[preview] failed', error);
          report({ kind: 'error', message: previewErrorText(error) });
        }
      }
    })();
    return () => {
      controller.abort();
      // Ends the document, or its load still under way, and lets its data go in the worker.
      void task?.destroy();
      container.replaceChildren();
    };
  }, [decoded]);

  const doc = opened !== null && opened.bytes === decoded.bytes ? opened.doc : null;
  const status: PdfPreviewStatus =
    decoded.error !== null
      ? { kind: 'error', message: decoded.error }
      : progress !== null && progress.bytes === decoded.bytes
        ? progress.status
        : { kind: 'loading' };

  // The default print: a job per click, run by an effect so that it stops with the PDF it prints.
  const [printJob, setPrintJob] = useState<PrintJob | null>(null);
  const [printProgress, setPrintProgress] = useState<{ job: PrintJob; drawn: number; total: number } | null>(
    null,
  );
  const [printError, setPrintError] = useState<{ job: PrintJob; message: string } | null>(null);
  useEffect(() => {
    if (printJob === null || printJob.doc !== doc) return;
    const controller = new AbortController();
    const { signal } = controller;
    printPdfPages(printJob.doc, signal, (drawn, total) => {
      if (!signal.aborted) setPrintProgress({ job: printJob, drawn, total });
    })
      .catch((error: unknown) => {
        if (!signal.aborted && !isCancellation(error)) {
          console.warn('[print] failed', error);
          setPrintError({ job: printJob, message: printErrorText(error) });
        }
      })
      .finally(() => {
        if (!signal.aborted) setPrintJob(null);
      });
    return () => controller.abort();
  }, [printJob, doc]);
  useEffect(() => removePrintFrame, []);
  const printing =
    printJob === null || printJob.doc !== doc
      ? null
      : printProgress?.job === printJob
        ? printProgress
        : { drawn: 0, total: printJob.doc.numPages };

  const webPrint = useCallback(() => {
    if (doc === null || printJob?.doc === doc) return;
    setPrintError(null);
    setPrintJob({ doc });
  }, [doc, printJob]);

  const print = onPrint ?? webPrint;
  const canPrint = onPrint !== undefined || doc !== null;
  const bytes = decoded.bytes;
  const save = useCallback(() => {
    if (onSave) onSave();
    else if (bytes !== null) savePdf(bytes, fileName);
  }, [onSave, bytes, fileName]);

  const defaultActions = (
    <>
      <Button type="primary" onClick={() => print()} disabled={!canPrint} loading={printing !== null}>
        打印
      </Button>
      <Button onClick={() => save()} disabled={onSave === undefined && bytes === null}>
        另存为PDF
      </Button>
    </>
  );
  const actions = renderActions
    ? renderActions({ defaultActions, print, save, canPrint, printing: printing !== null, status })
    : defaultActions;

  const statusText =
    printing !== null
      ? printProgressText(printing.drawn, printing.total)
      : status.kind === 'loading'
        ? '正在生成预览…'
        : status.kind === 'rendering'
          ? renderProgressText(status.drawn, status.total)
          : status.kind === 'done'
            ? pageCountText(status.total)
            : null;

  return (
    <div className={[styles.preview, className].filter(Boolean).join(' ')} style={{ height }}>
      <div className={styles.toolbar}>
        <span className={styles.status} role="status">
          {statusText}
        </span>
        <div className={styles.actions}>{actions}</div>
      </div>
      {status.kind === 'error' && (
        <Alert
          type="error"
          showIcon
          title={status.message}
          description={bytes !== null || onSave ? '仍可另存为PDF,用其他软件打开查看。' : undefined}
        />
      )}
      {printError !== null && printError.job.doc === doc && (
        <Alert type="error" showIcon title={printError.message} />
      )}
      <div
        ref={scrollRef}
        className={styles.scrollArea}
        role="document"
        aria-label={title ?? fileName}
        // Nothing to show when the PDF could not be read at all.
        hidden={status.kind === 'error' && doc === null}
      >
        <div ref={pagesRef} className={styles.pages} />
      </div>
    </div>
  );
}
