/** How long a download's blob: URL is kept: the download reads it after the click, not during it. */
const REVOKE_AFTER_MS = 30_000;

/** Downloads `bytes` as `fileName` (另存为PDF): a blob: URL behind an `<a download>`, revoked after. */
export function savePdf(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
