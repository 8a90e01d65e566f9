import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFPageProxy, PDFWorker, PageViewport, RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js for the renderer, under the app's Content-Security-Policy:
 *
 * - pdf.js itself is a separate chunk, loaded the first time a preview opens, so the app starts without it;
 * - its worker is a file of the build (Vite's `?url`), so it is 'self' for worker-src (and for script-src
 *   should pdf.js fall back to running it on the main thread);
 * - no eval: `isEvalSupported: false` (PDF functions are interpreted instead of compiled);
 * - nothing fetched: no CMap, standard font, ICC or wasm URL is given, so pdf.js never fetches one. The
 *   printed forms embed their (subset) font; a PDF that leans on a non-embedded standard font falls back
 *   to a system font rather than to a CDN. Without wasm, JPEG 2000 and JBIG2 images (which the forms
 *   never have) are not drawn; wasm would also need 'wasm-unsafe-eval'.
 *
 * One worker serves every preview of the session: starting one (parsing its 1.2 MB) is most of the wait
 * for a small PDF. A document's data leaves the worker when its loading task is destroyed.
 */

export type PdfJsLib = typeof PdfJs;

let loading: Promise<PdfJsLib> | undefined;

/** pdf.js, imported once and set up with its worker. */
export function loadPdfJs(): Promise<PdfJsLib> {
  if (loading === undefined) {
    const started = import('pdfjs-dist').then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = workerUrl;
      return lib;
    });
    // A failed import (a chunk missing from a broken install) is not kept, so opening again retries.
    started.catch(() => {
      if (loading === started) loading = undefined;
    });
    loading = started;
  }
  return loading;
}

let worker: PDFWorker | null = null;

function sharedWorker(lib: PdfJsLib): PDFWorker {
  if (worker === null || worker.destroyed) worker = new lib.PDFWorker();
  return worker;
}

/** Loads pdf.js and starts its worker ahead of a preview, e.g. while the PDF is being made. */
export function preloadPdfJs(): void {
  loadPdfJs().then(sharedWorker, () => undefined);
}

/**
 * Starts loading a PDF from its bytes. pdf.js transfers the buffer it is given to its worker, which
 * detaches it here, so it gets a copy and `bytes` stay usable (for 另存为PDF). Destroying the task
 * destroys the document (the shared worker stays).
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const lib = await loadPdfJs();
  return lib.getDocument({
    data: bytes.slice(),
    worker: sharedWorker(lib),
    isEvalSupported: false,
    disableFontFace: false,
    useWasm: false,
    enableXfa: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
}

/** A page's size in PDF points at scale 1, rotation applied. */
export function pageSize(page: PDFPageProxy): { width: number; height: number } {
  const { width, height } = page.getViewport({ scale: 1 });
  return { width, height };
}

/**
 * Draws `viewport` of `page` into `canvas` at `pixelRatio` device pixels per CSS pixel, for the screen
 * or for print. The returned task can be cancelled; its promise settles when the drawing is done.
 */
export function renderPage(
  page: PDFPageProxy,
  canvas: HTMLCanvasElement,
  viewport: PageViewport,
  pixelRatio: number,
  intent: 'display' | 'print' = 'display',
): RenderTask {
  canvas.width = Math.max(1, Math.floor(viewport.width * pixelRatio));
  canvas.height = Math.max(1, Math.floor(viewport.height * pixelRatio));
  const sx = canvas.width / viewport.width;
  const sy = canvas.height / viewport.height;
  return page.render({
    canvas,
    viewport,
    intent,
    transform: sx === 1 && sy === 1 ? undefined : [sx, 0, 0, sy, 0, 0],
  });
}
