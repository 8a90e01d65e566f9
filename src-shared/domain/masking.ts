import { normalizeIdNumber, normalizeMobile } from './validation';

/**
 * Masking of personal data shown in lists, on the 公示表 and in logs, as the platform shows it (manual 2.3:
 * "**飞", "150****5655", "5***********9"). Every function accepts any string, never throws, and for input
 * shorter than its rule expects masks everything rather than reveal a larger share of the value.
 *
 * Characters are counted as code points (Array.from), so a rare character outside the BMP is one character.
 */

const MASK = '*';

function chars(s: string): string[] {
  return Array.from(s.trim());
}

/**
 * '500101199001011234' → '5****************4': the first and the last character stay, every character between
 * becomes one '*'. The manual's screenshot shows a shorter run of stars; we keep the length instead, so a
 * masked number still looks like an ID number and lines up in tables. Input of two characters or fewer is
 * fully masked.
 */
export function maskIdNumber(id: string): string {
  const c = chars(normalizeIdNumber(id));
  if (c.length <= 2) return MASK.repeat(c.length);
  return `${c[0]}${MASK.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/**
 * '15012345655' (also '+86 150 1234 5655') → '150****5655': the first three and the last four digits stay.
 * Anything longer keeps the same ends with more stars; anything shorter than 11 characters is fully masked,
 * because keeping seven characters of a short value would reveal most of it.
 */
export function maskMobile(mobile: string): string {
  const c = chars(normalizeMobile(mobile));
  if (c.length < 11) return MASK.repeat(c.length);
  return `${c.slice(0, 3).join('')}${MASK.repeat(c.length - 7)}${c.slice(-4).join('')}`;
}

/** '张小飞' → '**飞': only the last character stays; a one-character name becomes '*'. */
export function maskName(name: string): string {
  const c = chars(name);
  if (c.length <= 1) return MASK.repeat(c.length);
  return `${MASK.repeat(c.length - 1)}${c[c.length - 1]}`;
}
