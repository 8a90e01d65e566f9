import { describe, expect, it } from 'vitest';
import { detectScanType, LICENCE_MAX_BYTES, licenceProblem } from '../../src-shared/domain/units';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('licence scans', () => {
  it.each([
    ['PDF', bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), 'application/pdf'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['a Windows executable', bytes(0x4d, 0x5a, 0x90, 0x00), null],
    ['text', new TextEncoder().encode('%PDF but not really'), null],
    ['GIF', new TextEncoder().encode('GIF89a'), null],
    ['nothing', bytes(), null],
  ])('recognises %s by content', (_name, head, type) => {
    expect(detectScanType(head)).toBe(type);
  });

  it('says what is wrong with a scan', () => {
    expect(licenceProblem(1000, 'image/png')).toBeNull();
    expect(licenceProblem(LICENCE_MAX_BYTES, 'application/pdf')).toBeNull();
    expect(licenceProblem(LICENCE_MAX_BYTES + 1, 'application/pdf')).toMatch(/10MB/);
    expect(licenceProblem(1000, null)).toMatch(/PDF、JPG或PNG/);
    expect(licenceProblem(0, null)).toMatch(/空/);
  });
});
