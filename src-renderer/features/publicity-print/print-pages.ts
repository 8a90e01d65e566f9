import type { PDFDocumentProxy } from 'pdfjs-dist';
import { renderPage } from './pdf-document';
import { isLandscape, PRINT_SCALE, printStyleSheet } from './preview-model';

/**
 * The web print of a PDF: its pages drawn as images at 150 dpi, one image per A4 sheet in a hidden frame,
 * and the frame printed, so the print has the pages only and none of the app around them. (The preview's
 * canvases are drawn for the screen, possibly blurred by a low device pixel ratio or let go to save memory,
 * so the pages are drawn again for print.)
 */

interface PageImage {
  url: string;
  landscape: boolean;
}

/** The frame of the print under way or last made; one at a time. */
let current: { frame: HTMLIFrameElement; urls: string[] } | null = null;

/** Removes the print frame and lets its images go. */
export function removePrintFrame(): void {
  if (current === null) return;
  current.frame.remove();
  for (const url of current.urls) URL.revokeObjectURL(url);
  current = null;
}

/**
 * Draws every page of `doc` for print, reporting each drawn page, and prints them. Resolves when the
 * print dialog has been opened (closed, where print() waits for it); rejects when aborted.
 */
export async function printPdfPages(
  doc: PDFDocumentProxy,
  signal: AbortSignal,
  onProgress: (drawn: number, total: number) => void,
): Promise<void> {
  const images: PageImage[] = [];
  let frame: HTMLIFrameElement | null = null;
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      onProgress(number - 1, doc.numPages);
      images.push(await drawPageImage(doc, number, signal));
      signal.throwIfAborted();
    }
    onProgress(doc.numPages, doc.numPages);
    removePrintFrame();
    const printFrame = createFrame(images);
    frame = printFrame;
    current = { frame: printFrame, urls: images.map((image) => image.url) };
    await Promise.all(
      Array.from(printFrame.contentDocument?.images ?? [], (image) => image.decode().catch(() => undefined)),
    );
    signal.throwIfAborted();
    const view = printFrame.contentWindow;
    if (view === null) throw new Error('打印窗口无法打开');
    // The frame stays until the dialog is done with it (print() may return before), or the next print.
    view.addEventListener('afterprint', () => setTimeout(removeIf(printFrame), 0), { once: true });
    view.focus();
    view.print();
  } catch (error) {
    if (frame !== null) removeIf(frame)();
    else for (const image of images) URL.revokeObjectURL(image.url);
    throw error;
  }
}

function removeIf(frame: HTMLIFrameElement): () => void {
  return () => {
    if (current?.frame === frame) removePrintFrame();
  };
}

async function drawPageImage(doc: PDFDocumentProxy, number: number, signal: AbortSignal): Promise<PageImage> {
  const page = await doc.getPage(number);
  const canvas = document.createElement('canvas');
  try {
    signal.throwIfAborted();
    const viewport = page.getViewport({ scale: PRINT_SCALE });
    const task = renderPage(page, canvas, viewport, 1, 'print');
    const cancel = () => task.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await task.promise;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (result) => (result ? resolve(result) : reject(new Error('页面图像无法生成'))),
        'image/png',
      ),
    );
    return { url: URL.createObjectURL(blob), landscape: isLandscape(viewport.width, viewport.height) };
  } finally {
    page.cleanup();
    // Gives the bitmap back now rather than when the canvas is collected.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** A frame off screen (not display:none, which some engines will not print) with one sheet per image. */
function createFrame(images: readonly PageImage[]): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = '打印';
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
  });
  document.body.append(frame);
  const printDoc = frame.contentDocument;
  if (printDoc === null) {
    frame.remove();
    throw new Error('打印窗口无法打开');
  }
  const style = printDoc.createElement('style');
  style.textContent = printStyleSheet();
  printDoc.head.append(style);
  for (const [index, image] of images.entries()) {
    const sheet = printDoc.createElement('div');
    sheet.className = image.landscape ? 'sheet landscape' : 'sheet';
    const img = printDoc.createElement('img');
    img.alt = `第${index + 1}页`;
    img.src = image.url;
    sheet.append(img);
    printDoc.body.append(sheet);
  }
  return frame;
}
