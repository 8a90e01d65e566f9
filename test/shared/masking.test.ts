import { describe, expect, it } from 'vitest';

import { maskIdNumber, maskMobile, maskName } from '../../src-shared/domain/masking';

/** Characters of `masked` that are not '*', as code points. */
const revealed = (masked: string) => Array.from(masked).filter((c) => c !== '*').length;

describe('maskIdNumber', () => {
  it.each([
    ['500101199001011234', `5${'*'.repeat(16)}4`],
    ['50010119900101123x', `5${'*'.repeat(16)}X`],
    [' 500101199001011234 ', `5${'*'.repeat(16)}4`],
    ['12x', '1*X'],
    ['ab', '**'],
    ['a', '*'],
    ['', ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });

  it('keeps the length of an 18-character ID number', () => {
    expect(maskIdNumber('360426199101010071')).toHaveLength(18);
  });
});

describe('maskMobile', () => {
  it.each([
    ['15012345655', '150****5655'],
    ['+86 150 1234 5655', '150****5655'],
    ['8615012345655', '150****5655'],
    ['150123456551', '150*****6551'],
    ['1501234565', '**********'],
    ['12345', '*****'],
    ['', ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskMobile(input)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张小飞', '**飞'],
    ['张飞', '*飞'],
    ['飞', '*'],
    ['欧阳小飞', '***飞'],
    ['买买提·艾力', '*****力'],
    [' 张小飞 ', '**飞'],
    // A character outside the BMP counts as one character.
    ['张𠀀', '*𠀀'],
    ['𠀀张', '*张'],
    ['', ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });
});

describe('masking never reveals more than its rule', () => {
  const inputs = [
    '',
    'x',
    'xy',
    'xyz',
    '1234',
    '123456',
    '1234567890',
    '12345678901',
    '张',
    '张三',
    '𠀀𠀀𠀀',
  ];

  it.each(inputs)('for %j', (input) => {
    expect(revealed(maskIdNumber(input))).toBeLessThanOrEqual(2);
    expect(revealed(maskMobile(input))).toBeLessThanOrEqual(7);
    expect(revealed(maskName(input))).toBeLessThanOrEqual(1);
    // Seven characters of a value shorter than a mobile number would reveal most of it.
    if (Array.from(input).length < 11) expect(revealed(maskMobile(input))).toBe(0);
    // A masked value keeps the length of the value.
    expect(Array.from(maskName(input))).toHaveLength(Array.from(input.trim()).length);
  });

  it('does not throw on any input', () => {
    for (const input of ['\u0000', '\uD800', '*'.repeat(100), ' '.repeat(5)]) {
      expect(() => [maskIdNumber(input), maskMobile(input), maskName(input)]).not.toThrow();
    }
  });
});
