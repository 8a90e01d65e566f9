import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src-main/core/print/text-wrap';

/** Full-width characters 2 units wide, everything else 1: the proportions of a CJK font. */
const measure = (text: string) =>
  Array.from(text).reduce((sum, char) => sum + ((char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);

describe('wrapText', () => {
  it('breaks Chinese text between any two characters and fills each line', () => {
    const lines = wrapText('重庆市卫生高级职称评审委员会', 10, measure);
    expect(lines).toEqual(['重庆市卫生', '高级职称评', '审委员会']);
  });

  it('keeps Latin words and numbers whole and drops the space at a break', () => {
    const lines = wrapText('ISSN 1234-5678 and CN 50-1234/R', 12, measure);
    expect(lines).toEqual(['ISSN', '1234-5678', 'and CN', '50-1234/R']);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(12);
  });

  it('breaks a word wider than the line by character', () => {
    expect(wrapText('ABCDEFGHIJ', 4, measure)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // The comma would start the second line and the bracket end the first if each character stood alone.
    const lines = wrapText('一二三四,五六七(八九)', 8, measure);
    expect(lines.every((line) => !/^[,)]/.test(line))).toBe(true);
    expect(lines.every((line) => !/[(]$/.test(line))).toBe(true);
    expect(lines.join('')).toBe('一二三四,五六七(八九)');
  });

  it('starts a new line at each line break and keeps empty text as one line', () => {
    expect(wrapText('1. 论文\n2. 获奖', 40, measure)).toEqual(['1. 论文', '2. 获奖']);
    expect(wrapText('', 40, measure)).toEqual(['']);
  });

  it('keeps every character of a long mixed text, in order', () => {
    const text =
      '《基于加速康复外科理念的儿童支气管哮喘危险因素分析研究》,重庆医学,2017年06月,第1作者 '.repeat(4);
    const lines = wrapText(text, 30, measure);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(30);
  });
});
