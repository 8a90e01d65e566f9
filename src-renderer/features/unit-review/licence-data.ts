/** The scan as the browser can show it: images inline from a data: URL, anything else as a blob. */

export function isImage(mimeType: string): boolean {
  return mimeType === 'image/png' || mimeType === 'image/jpeg';
}

export function dataUrl(mimeType: string, contentBase64: string): string {
  return `data:${mimeType};base64,${contentBase64}`;
}

/** A blob for a download link: a PDF of several MB is too long for a data: URL in an href. */
export function base64Blob(mimeType: string, contentBase64: string): Blob {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}
