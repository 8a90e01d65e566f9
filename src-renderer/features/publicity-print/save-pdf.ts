/** How long a download's blob: URL is kept: the download reads it after the click, not during it. */
const REVOKE_AFTER_MS = 30_000;

/**
 * Saves `bytes` as `fileName`: a blob: URL behind an `<a download>`, revoked after. Electron shows its
 * save dialog for it, a browser its download; every file the app saves (另存为PDF, 导出Excel) goes this way.
 */
export function saveFile(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** 另存为PDF: downloads `bytes` as `fileName`. */
export function savePdf(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  saveFile(bytes, fileName, 'application/pdf');
}
