import { crc32, deflateSync } from 'node:zlib';
import { onePagePdf } from '../licence-pdf';

/**
 * Stand-ins for the scans a demo application refers to: the generator writes `scan:<kind>` into attachment
 * fields, and whoever stores the application uploads scanFile(kind) and puts the file's id there instead.
 * One file per kind is enough for a demo, and keeps 50,000 applications from needing 200,000 files.
 */

export const SCAN_KINDS = [
  'archiveAgencyRecord',
  'insuranceRecord',
  'diploma',
  'degreeCertificate',
  'titleCertificate',
  'other',
] as const;

export type ScanKind = (typeof SCAN_KINDS)[number];

export interface ScanFile {
  fileName: string;
  mimeType: 'application/pdf' | 'image/png';
  content: Buffer;
}

const PLACEHOLDER_PREFIX = 'scan:';

/** The value the generator puts in an attachment field for a scan of `kind`. */
export function scanPlaceholder(kind: ScanKind): string {
  return PLACEHOLDER_PREFIX + kind;
}

/** The kind of a `scan:<kind>` placeholder, or null for any other value (e.g. a real file id). */
export function scanKindOfPlaceholder(value: unknown): ScanKind | null {
  if (typeof value !== 'string' || !value.startsWith(PLACEHOLDER_PREFIX)) return null;
  const kind = value.slice(PLACEHOLDER_PREFIX.length);
  return (SCAN_KINDS as readonly string[]).includes(kind) ? (kind as ScanKind) : null;
}

const PDF_SCANS: Readonly<Record<Exclude<ScanKind, 'diploma'>, { fileName: string; title: string }>> = {
  archiveAgencyRecord: { fileName: '存档机构查询情况.pdf', title: 'DEMO SCAN: PERSONNEL ARCHIVE RECORD' },
  insuranceRecord: { fileName: '一年的参保记录.pdf', title: 'DEMO SCAN: SOCIAL INSURANCE, LAST 12 MONTHS' },
  degreeCertificate: { fileName: '学位证书.pdf', title: 'DEMO SCAN: DEGREE CERTIFICATE' },
  titleCertificate: { fileName: '专业技术资格证书.pdf', title: 'DEMO SCAN: PROFESSIONAL TITLE CERTIFICATE' },
  other: { fileName: '其他证明材料.pdf', title: 'DEMO SCAN: SUPPORTING DOCUMENT' },
};

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A 240 × 170 picture of a certificate: a cream sheet with a dark red frame, grey lines where the text
 * would be and a red seal. Flat colours deflate to well under a kilobyte.
 */
function certificatePng(): Buffer {
  const width = 240;
  const height = 170;
  const cream = [250, 244, 226];
  const frame = [140, 28, 28];
  const ink = [120, 120, 120];
  const seal = [210, 40, 40];
  const rowBytes = 1 + width * 3;
  const raw = Buffer.alloc(rowBytes * height);
  const isTextLine = (x: number, y: number) =>
    x >= 40 && x < 200 && y >= 50 && y < 120 && y % 14 < 3 && !(y >= 106 && x >= 140);
  const inSeal = (x: number, y: number) => {
    const d = (x - 170) ** 2 + (y - 128) ** 2;
    return d <= 22 ** 2 && d >= 18 ** 2;
  };
  for (let y = 0; y < height; y += 1) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const border = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const colour = border ? frame : inSeal(x, y) ? seal : isTextLine(x, y) ? ink : cream;
      raw.set(colour, y * rowBytes + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from('Comment\0Demo data, not a real document', 'latin1')),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function buildScan(kind: ScanKind): ScanFile {
  if (kind === 'diploma')
    return { fileName: '毕业证书.png', mimeType: 'image/png', content: certificatePng() };
  const { fileName, title } = PDF_SCANS[kind];
  return {
    fileName,
    mimeType: 'application/pdf',
    content: onePagePdf([title, 'Zhicheng demo application', 'Demo data, not a real document']),
  };
}

const built = new Map<ScanKind, ScanFile>();

/** The demo file for a scan of `kind`; each call returns its own copy of the bytes. */
export function scanFile(kind: ScanKind): ScanFile {
  let scan = built.get(kind);
  if (!scan) {
    scan = buildScan(kind);
    built.set(kind, scan);
  }
  return { ...scan, content: Buffer.from(scan.content) };
}
