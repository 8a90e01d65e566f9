/**
 * Printing a finished PDF through the operating system's print dialog. The core only knows this
 * interface: the desktop shell implements it with Electron (src-main/electron/pdf-printer.ts); the web
 * host has none, and the browser prints the preview instead.
 */
export interface PdfPrinter {
  print(pdf: Uint8Array, fileName: string): Promise<PdfPrintOutcome>;
}

/** printed: sent to the printer; cancelled: the user closed the dialog; openedInViewer: the fallback. */
export type PdfPrintOutcome = 'printed' | 'cancelled' | 'openedInViewer';
