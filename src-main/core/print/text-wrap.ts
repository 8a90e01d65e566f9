/**
 * Line breaking for printed Chinese text: a line may break between any two CJK characters, but not inside a
 * Latin word or number (ISSN 1234-5678 stays whole where it fits), not before closing punctuation and not
 * after opening punctuation (the basic 避头尾 rules). A word wider than the line is broken by character.
 */

/** The width of a text in the unit the line width is given in (points at the font size in use). */
export type MeasureText = (text: string) => number;

/** Closing punctuation that may not start a line. */
const NO_LINE_START = new Set(Array.from(',。、;:?!)》」』”’】〕〉…%,.;:?!)]}'));
/** Opening punctuation that may not end a line. */
const NO_LINE_END = new Set(Array.from('(《「『“‘【〔〈([{'));

/**
 * Characters below the CJK blocks (U+2E80) that are not spaces run together into words, with their
 * punctuation (30.5, 1234-5678,); everything from there on (CJK ideographs, kana, full-width forms) is a
 * word of its own.
 */
function isWordCharacter(char: string): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  return codePoint < 0x2e80 && !/\s/u.test(char) && !NO_LINE_END.has(char);
}

/** The pieces of a paragraph that a line break may separate; spaces are pieces of their own. */
function breakablePieces(paragraph: string): string[] {
  const pieces: string[] = [];
  let word = '';
  let pendingOpen = '';
  const push = (piece: string) => {
    if (piece === '') return;
    const glued = pendingOpen + piece;
    pendingOpen = '';
    const last = pieces.length - 1;
    if (NO_LINE_START.has(Array.from(piece)[0] ?? '') && last >= 0 && pieces[last] !== ' ') {
      pieces[last] += glued;
    } else {
      pieces.push(glued);
    }
  };
  for (const char of paragraph) {
    if (isWordCharacter(char)) {
      word += char;
      continue;
    }
    push(word);
    word = '';
    if (/\s/u.test(char)) {
      if (pendingOpen !== '') pieces.push(pendingOpen);
      pendingOpen = '';
      pieces.push(' ');
    } else if (NO_LINE_END.has(char)) {
      pendingOpen += char;
    } else {
      push(char);
    }
  }
  push(word);
  if (pendingOpen !== '') pieces.push(pendingOpen);
  return pieces;
}

/**
 * `text` in lines no wider than `width`, each paragraph ('\n') starting a new line. Spaces at a break are
 * dropped. An empty text is one empty line, so that every cell has a height.
 */
export function wrapText(text: string, width: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const endLine = () => {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    };
    for (const piece of breakablePieces(paragraph)) {
      if (piece === ' ' && line === '') continue;
      const pieceWidth = measure(piece);
      if (lineWidth + pieceWidth <= width) {
        line += piece;
        lineWidth += pieceWidth;
        continue;
      }
      if (line.trim() !== '') endLine();
      if (piece === ' ') continue;
      if (pieceWidth <= width) {
        line = piece;
        lineWidth = pieceWidth;
        continue;
      }
      // Wider than a whole line: fill lines character by character.
      for (const char of piece) {
        const charWidth = measure(char);
        if (lineWidth + charWidth > width && line !== '') endLine();
        line += char;
        lineWidth += charWidth;
      }
    }
    endLine();
  }
  return lines;
}

/** `measure` with the widths it has given remembered: a form measures the same characters many times. */
export function cachedMeasure(measure: MeasureText): MeasureText {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = measure(text);
      widths.set(text, width);
    }
    return width;
  };
}
