/**
 * How wide a text is in a spreadsheet's columns: Excel measures a column in widths of the digit 0, and a
 * Chinese character (or any full-width one) is about two of them, so it counts double here.
 */

const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  // By code point, so a rare character outside the BMP (𠈌) counts once, as wide.
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
