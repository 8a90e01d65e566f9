import { detectScanType, LICENCE_MAX_BYTES, licenceProblem } from './units';
import type { ScanMimeType } from './units';

/**
 * Whether a scan is a whole PDF, PNG or JPEG and nothing else. The first bytes name a type; only the
 * structure shows that the file really is one: a PDF with an HTML page after it, a PNG with a ZIP after
 * its last chunk or an HTML page that merely starts with `%PDF-` pass a look at the first bytes, and a
 * browser or unpacker that finds the rest would treat the file as something we never accepted.
 * Pure and synchronous, so the renderer refuses the same files the server does, before uploading.
 */

/** The Chinese message for a scan whose content is not a well-formed file of its type. */
export const SCAN_STRUCTURE_MESSAGES: Readonly<Record<ScanMimeType, string>> = {
  'application/pdf': '文件内容不是有效的PDF文件(可能已损坏或夹带了其他内容),请重新扫描后上传',
  'image/png': '文件内容不是有效的PNG图片(可能已损坏或夹带了其他内容),请重新扫描后上传',
  'image/jpeg': '文件内容不是有效的JPG图片(可能已损坏或夹带了其他内容),请重新扫描后上传',
};

export type ScanCheck =
  { ok: true; mimeType: ScanMimeType } | { ok: false; message: string; tooLarge: boolean };

/**
 * The one check of a scan's content, run by the renderer before uploading and by the server on
 * receipt: not empty, at most 10 MB, a PDF, PNG or JPEG by its first bytes, and whole by its structure.
 */
export function checkScan(content: Uint8Array): ScanCheck {
  const mimeType = detectScanType(content.subarray(0, 8));
  const problem = licenceProblem(content.length, mimeType);
  if (problem !== null || mimeType === null) {
    const message = problem ?? licenceProblem(content.length, null) ?? '';
    return { ok: false, message, tooLarge: content.length > LICENCE_MAX_BYTES };
  }
  const malformed = scanStructureProblem(content, mimeType);
  return malformed === null ? { ok: true, mimeType } : { ok: false, message: malformed, tooLarge: false };
}

/** Null when the content is a well-formed file of the type, else the message saying what to do. */
export function scanStructureProblem(content: Uint8Array, type: ScanMimeType): string | null {
  const valid =
    type === 'application/pdf'
      ? isWholePdf(content)
      : type === 'image/png'
        ? isWholePng(content)
        : isWholeJpeg(content);
  return valid ? null : SCAN_STRUCTURE_MESSAGES[type];
}

// --- PNG --------------------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature, IHDR first, every chunk whole with a matching CRC, at least one IDAT, IEND last and at the end. */
function isWholePng(bytes: Uint8Array): boolean {
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return false;
  let at = PNG_SIGNATURE.length;
  let first = true;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = readUint32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return false;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== readUint32(bytes, at + 8 + length)) return false;
    if (first && (type !== 'IHDR' || length !== 13)) return false;
    first = false;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return length === 0 && end === bytes.length && sawData;
    at = end;
  }
  return false;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zlib) compute it; src-shared may not import node:zlib. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

// --- JPEG -------------------------------------------------------------------------------------------------

/**
 * Zero bytes some encoders pad a JPEG with after its end marker. Anything more after EOI (a ZIP, a
 * second image, a script) is refused: the smallest ZIP is 22 bytes.
 */
const JPEG_TRAILING_PADDING = 16;

/**
 * SOI, then marker segments whose lengths fit, a frame header (SOFn) and a scan (SOS) whose entropy-coded
 * data runs to the next marker, and EOI at the end.
 */
function isWholeJpeg(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let at = 2;
  let sawFrame = false;
  let sawScan = false;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return false;
    while (bytes[at] === 0xff) at += 1; // fill bytes before a marker
    const marker = bytes[at];
    at += 1;
    if (marker === undefined || marker === 0x00 || marker === 0xd8) return false;
    if (marker === 0xd9) return sawFrame && sawScan && hasOnlyPadding(bytes, at);
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // RSTn and TEM stand alone
    if (at + 2 > bytes.length) return false;
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (length < 2 || at + length > bytes.length) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      sawFrame = true;
    at += length;
    if (marker === 0xda) {
      if (!sawFrame) return false;
      sawScan = true;
      at = endOfEntropyData(bytes, at);
    }
  }
  return false;
}

/** Where the scan data starting at `at` ends: the first 0xFF that starts a marker other than RSTn. */
function endOfEntropyData(bytes: Uint8Array, at: number): number {
  for (let i = at; i + 1 < bytes.length; i += 1) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1] ?? 0;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  return bytes.length;
}

function hasOnlyPadding(bytes: Uint8Array, from: number): boolean {
  if (bytes.length - from > JPEG_TRAILING_PADDING) return false;
  for (let i = from; i < bytes.length; i += 1) if (bytes[i] !== 0x00) return false;
  return true;
}

// --- PDF --------------------------------------------------------------------------------------------------

/** How far before the last %%EOF the `startxref` line may be. */
const STARTXREF_WINDOW = 1024;

/**
 * A header `%PDF-1.x`/`%PDF-2.x`; the last `%%EOF` followed by nothing but whitespace; `startxref` just
 * before it naming the offset of the last cross-reference section; that section either a classic table,
 * whose entries each point at the object they name, followed by a trailer with /Root, or a
 * cross-reference stream object. Incremental updates are fine: only the last section is followed.
 */
function isWholePdf(bytes: Uint8Array): boolean {
  if (!/^%PDF-[12]\.\d/.test(latin1(bytes, 0, 8))) return false;
  let end = bytes.length;
  while (end > 0 && isPdfWhitespace(bytes[end - 1] ?? 0)) end -= 1;
  if (latin1(bytes, end - 5, end) !== '%%EOF') return false;
  const tail = latin1(bytes, Math.max(0, end - 5 - STARTXREF_WINDOW), end - 5);
  const startxref = /startxref[\0\t\n\f\r ]+(\d{1,10})[\0\t\n\f\r ]*$/.exec(tail);
  if (startxref === null) return false;
  const offset = Number(startxref[1]);
  const startxrefAt = end - 5 - tail.length + startxref.index;
  if (offset < 8 || offset >= startxrefAt) return false;
  if (latin1(bytes, offset, offset + 4) === 'xref') {
    return isClassicXref(bytes, latin1(bytes, offset, startxrefAt));
  }
  const streamHead = latin1(bytes, offset, Math.min(startxrefAt, offset + 4096));
  return /^\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj[\s\S]*\/Type\s*\/XRef\b/.test(streamHead);
}

/** The table's entries point at `n g obj` of the same number, and a trailer with /Root follows them. */
function isClassicXref(bytes: Uint8Array, section: string): boolean {
  let at = 4;
  const subsection = /^[\0\t\n\f\r ]*(\d+) (\d+)[ \t]*\r?\n/;
  const entry = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)/;
  for (;;) {
    const head = subsection.exec(section.slice(at));
    if (head === null) break;
    at += head[0].length;
    const first = Number(head[1]);
    const count = Number(head[2]);
    for (let i = 0; i < count; i += 1) {
      const line = entry.exec(section.slice(at, at + 20));
      if (line === null) return false;
      at += 20;
      if (line[3] === 'n' && !isObjectAt(bytes, Number(line[1]), first + i, Number(line[2]))) return false;
    }
  }
  return /^[\0\t\n\f\r ]*trailer[\0\t\n\f\r ]*<<[\s\S]*\/Root\s+\d+\s+\d+\s+R/.test(section.slice(at));
}

function isObjectAt(bytes: Uint8Array, offset: number, number: number, generation: number): boolean {
  const match = /^(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj\b/.exec(latin1(bytes, offset, offset + 32));
  return match !== null && Number(match[1]) === number && Number(match[2]) === generation;
}

/** PDF's white-space characters (ISO 32000 7.2.2): NUL, HT, LF, FF, CR and space. */
function isPdfWhitespace(byte: number): boolean {
  return byte === 0x00 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
}

/** Bytes as one character each, in chunks so that a large range does not overflow the argument stack. */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  const start = Math.max(0, from);
  const stop = Math.min(bytes.length, to);
  let text = '';
  for (let i = start; i < stop; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(stop, i + 8192)));
  }
  return text;
}
