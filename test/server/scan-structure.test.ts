import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanDisplayName } from '../../src-server/files/display-name';
import { onePagePdf } from '../../src-server/demo/licence-pdf';
import { SCAN_KINDS, scanFile } from '../../src-server/demo/applications/scans';
import { checkScan, SCAN_STRUCTURE_MESSAGES } from '../../src-shared/domain/scan-structure';
import { LICENCE_MAX_BYTES } from '../../src-shared/domain/units';
import { SCANS } from './unit-helpers';

const NOT_PDF = SCAN_STRUCTURE_MESSAGES['application/pdf'];
const NOT_PNG = SCAN_STRUCTURE_MESSAGES['image/png'];
const NOT_JPEG = SCAN_STRUCTURE_MESSAGES['image/jpeg'];

const bytes = (text: string) => Buffer.from(text, 'latin1');
const refusal = (content: Uint8Array) => {
  const check = checkScan(content);
  return check.ok ? null : check.message;
};

/** An extra PNG chunk with a correct CRC, for building files that are wrong in one way only. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([bytes(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The smallest well-formed ZIP: an empty end-of-central-directory record. */
const EMPTY_ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);

describe('checkScan: whole PDF, PNG and JPEG files only', () => {
  it('accepts the demo scans and the test fixtures', () => {
    expect(checkScan(SCANS.pdf)).toEqual({ ok: true, mimeType: 'application/pdf' });
    expect(checkScan(SCANS.png)).toEqual({ ok: true, mimeType: 'image/png' });
    expect(checkScan(SCANS.jpeg)).toEqual({ ok: true, mimeType: 'image/jpeg' });
    for (const kind of SCAN_KINDS) {
      const scan = scanFile(kind);
      expect(checkScan(scan.content), kind).toEqual({ ok: true, mimeType: scan.mimeType });
    }
    // Whitespace (NUL included, as ISO 32000 says) after %%EOF is allowed: it is how a PDF is padded.
    const padded = Buffer.alloc(LICENCE_MAX_BYTES);
    SCANS.pdf.copy(padded);
    expect(checkScan(padded).ok).toBe(true);
    // An incremental update: a second xref section and %%EOF after the first.
    const original = SCANS.pdf;
    const update = bytes(
      `6 0 obj\n<< /Producer (update) >>\nendobj\nxref\n6 1\n${String(original.length).padStart(10, '0')} 00000 n\r\n` +
        `trailer\n<< /Size 7 /Root 1 0 R /Prev 0 >>\nstartxref\n${original.length + 40}\n%%EOF\n`,
    );
    expect(checkScan(Buffer.concat([original, update])).ok).toBe(true);
  });

  it('refuses a PDF with anything after its last %%EOF, such as an HTML page', () => {
    expect(refusal(Buffer.concat([SCANS.pdf, bytes('<html><script>alert(1)</script></html>')]))).toBe(
      NOT_PDF,
    );
    expect(refusal(Buffer.concat([SCANS.pdf, bytes('\n% a comment\n')]))).toBe(NOT_PDF);
  });

  it('refuses an HTML page, or a text, that only starts like a PDF', () => {
    expect(refusal(bytes('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n'))).toBe(NOT_PDF);
    expect(refusal(bytes('%PDF-1.4\n<html></html>\nstartxref\n9\n%%EOF\n'))).toBe(NOT_PDF);
    expect(refusal(bytes('%PDF-x\n%%EOF'))).toBe(NOT_PDF);
  });

  it('refuses a PDF whose cross-references do not point at its objects', () => {
    const pdf = onePagePdf(['CROSS REFERENCE']);
    const text = pdf.toString('latin1');
    // Shifting the objects by one byte keeps xref and trailer but breaks every offset.
    const shifted = bytes(text.replace('%PDF-1.4\n', '%PDF-1.4\n\n'));
    expect(refusal(shifted)).toBe(NOT_PDF);
    expect(refusal(bytes(text.replace('/Root 1 0 R', '/Info 1 0 R')))).toBe(NOT_PDF);
  });

  it('refuses a PNG with data after IEND, a wrong CRC, or a chunk before IHDR', () => {
    expect(refusal(Buffer.concat([SCANS.png, EMPTY_ZIP]))).toBe(NOT_PNG);
    expect(refusal(Buffer.concat([SCANS.png, bytes('<html></html>')]))).toBe(NOT_PNG);
    const badCrc = Buffer.from(SCANS.png);
    badCrc[29] = (badCrc[29] ?? 0) ^ 0xff; // the IHDR chunk's CRC
    expect(refusal(badCrc)).toBe(NOT_PNG);
    const textFirst = Buffer.concat([
      SCANS.png.subarray(0, 8),
      pngChunk('tEXt', bytes('a\0b')),
      SCANS.png.subarray(8),
    ]);
    expect(refusal(textFirst)).toBe(NOT_PNG);
    // A well-formed extra chunk before IEND is fine: the check is about structure, not about what a chunk says.
    const iend = SCANS.png.length - 12;
    const withText = Buffer.concat([
      SCANS.png.subarray(0, iend),
      pngChunk('tEXt', bytes('a\0b')),
      SCANS.png.subarray(iend),
    ]);
    expect(checkScan(withText).ok).toBe(true);
  });

  it('refuses a JPEG with a ZIP appended, without EOI, or with a segment longer than the file', () => {
    expect(refusal(Buffer.concat([SCANS.jpeg, EMPTY_ZIP]))).toBe(NOT_JPEG);
    expect(refusal(SCANS.jpeg.subarray(0, SCANS.jpeg.length - 2))).toBe(NOT_JPEG);
    expect(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x4a, 0x46]))).toBe(NOT_JPEG);
    // A few zero bytes of padding after EOI, as some encoders write, are fine.
    expect(checkScan(Buffer.concat([SCANS.jpeg, Buffer.alloc(4)])).ok).toBe(true);
  });

  it('refuses every truncation of a valid file', () => {
    for (const [content, message] of [
      [SCANS.pdf, NOT_PDF],
      [SCANS.png, NOT_PNG],
      [SCANS.jpeg, NOT_JPEG],
    ] as const) {
      for (let length = 3; length < content.length - 1; length += 1) {
        const check = checkScan(content.subarray(0, length));
        expect(check.ok, `${message} cut at ${length}`).toBe(false);
      }
    }
  });
});

describe('scanDisplayName', () => {
  it.each([
    ['scan.exe', 'application/pdf', 'scan.pdf'],
    ['scan.html', 'application/pdf', 'scan.pdf'],
    ['scan\u202efdp.exe', 'application/pdf', 'scanfdp.pdf'],
    ['scan.pdf\0.html', 'application/pdf', 'scan_pdf.pdf'],
    ['营业执照.PDF', 'application/pdf', '营业执照.pdf'],
    ['营业执照.pdf', 'image/png', '营业执照.png'],
    ['photo', 'image/jpeg', 'photo.jpg'],
    ['C:\\Users\\张伟\\扫描\\营业执照.pdf', 'application/pdf', '营业执照.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['\u200f\u200b\ufeff\u0007', 'image/png', '扫描件.png'],
    ['..', 'image/png', '扫描件.png'],
    ['a<b>:c"d|e?f*.png', 'image/png', 'abcdef.png'],
  ] as const)('%j of a %s is stored as %j', (typed, type, stored) => {
    expect(scanDisplayName(typed, type)).toBe(stored);
  });

  it('bounds the length and keeps only visible characters', () => {
    const name = scanDisplayName(`${'长'.repeat(500)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(84);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(scanDisplayName('a\u0000b\u202ec\u2066d\u2028e.exe', 'image/png')).toBe('abcde.png');
  });
});
