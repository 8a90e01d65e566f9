import { checkScan } from '../../../src-shared/domain/scan-structure';
import { LICENCE_MAX_BYTES, licenceProblem, type ScanMimeType } from '../../../src-shared/domain/units';

export type ScanReading =
  { ok: true; mimeType: ScanMimeType; contentBase64: string } | { ok: false; message: string };

const UNREADABLE = '文件内容无法读取,请重新选择文件';

/**
 * Reads a picked 营业执照/法人证书 scan and checks it with the server's own check (type from the content,
 * not the name; a whole PDF/PNG/JPEG; at most 10 MB), so a wrong file is refused at once instead of
 * after an upload.
 */
export async function readScan(file: Blob): Promise<ScanReading> {
  // Too big or empty is known from the size alone: no need to read 100 MB to say no.
  if (file.size === 0 || file.size > LICENCE_MAX_BYTES) {
    return { ok: false, message: licenceProblem(file.size, null) ?? UNREADABLE };
  }
  let dataUrl: string;
  try {
    dataUrl = await readAsDataUrl(file);
  } catch {
    return { ok: false, message: UNREADABLE };
  }
  const contentBase64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const check = checkScan(decode(contentBase64));
  if (!check.ok) return { ok: false, message: check.message };
  return { ok: true, mimeType: check.mimeType, contentBase64 };
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(file);
  });
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
