// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readScan } from '../../src-renderer/features/unit-registration/read-scan';
import { demoLicencePdf } from '../../src-server/demo/licence-pdf';
import { checkScan } from '../../src-shared/domain/scan-structure';

const PDF = demoLicencePdf('91500000MA5U7K3X2H');

describe('readScan: the check before uploading is the server’s check', () => {
  it('accepts a whole PDF', async () => {
    const reading = await readScan(new Blob([new Uint8Array(PDF)]));
    expect(reading).toEqual({ ok: true, mimeType: 'application/pdf', contentBase64: PDF.toString('base64') });
  });

  it('refuses a PDF with an HTML page after it, with the message the server would give', async () => {
    const polyglot = Buffer.concat([PDF, Buffer.from('<html><script>alert(1)</script></html>')]);
    const server = checkScan(polyglot);
    expect(server.ok).toBe(false);
    const reading = await readScan(new Blob([new Uint8Array(polyglot)]));
    expect(reading).toEqual({ ok: false, message: server.ok ? '' : server.message });
    expect(reading.ok ? '' : reading.message).toContain('不是有效的PDF');
  });
});
