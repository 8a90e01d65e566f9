/**
 * A one-page A4 PDF that shows a few lines of text: the stand-in for scanned documents in the demo data
 * (营业执照, and the scans of demo applications). Small, valid (it opens in any viewer and passes
 * detectScanType), and written by hand so the seed needs no PDF library. The built-in Helvetica has no
 * Chinese glyphs, so the lines must be ASCII; the first is the title, in a larger size.
 */
export function onePagePdf(lines: readonly string[]): Buffer {
  const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = [
    'BT',
    '/F1 20 Tf',
    '72 760 Td',
    ...lines.flatMap((line, i) => [...(i > 0 ? ['0 -32 Td', '/F1 14 Tf'] : []), `(${text(line)}) Tj`]),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, CR LF.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The stand-in for a unit's scanned 营业执照/法人证书. */
export function demoLicencePdf(creditCode: string): Buffer {
  return onePagePdf([
    'DEMO LICENCE SCAN',
    `Unified social credit code: ${creditCode}`,
    'Demo data, not a real document',
  ]);
}
