import { maskName } from '../domain/masking';

/**
 * Hides known people's names in a text, each as the lists show it (maskName: '张小飞' → '**飞').
 * A Chinese name has no shape a pattern could find, so only names the caller knows are hidden.
 *
 * One pass, longest name first at each position: '欧阳娜娜' is masked whole rather than as '欧阳娜' plus
 * a visible '娜', and a masked name is never scanned again. A lookup per name length and position
 * rather than one alternation: a department's cache knows tens of thousands of names, and the cost
 * stays the text's length times the few lengths names have. One-character names are left alone:
 * hiding every '李' would hide the text, not the person.
 */
export function nameHider(names: readonly string[]): (text: string) => string {
  const known = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (Array.from(name).length >= 2) known.add(name);
  }
  if (known.size === 0) return (text) => text;
  const lengths = [...new Set([...known].map((name) => name.length))].sort((a, b) => b - a);
  // Most positions start no name: one character lookup skips them without cutting any slice.
  const firsts = new Set([...known].map((name) => name[0]));
  return (text) => {
    let out = '';
    let copiedTo = 0;
    let at = 0;
    while (at < text.length) {
      if (!firsts.has(text[at])) {
        at += 1;
        continue;
      }
      const length = lengths.find((n) => at + n <= text.length && known.has(text.slice(at, at + n)));
      if (length === undefined) {
        at += 1;
        continue;
      }
      out += text.slice(copiedTo, at) + maskName(text.slice(at, at + length));
      at += length;
      copiedTo = at;
    }
    return copiedTo === 0 ? text : out + text.slice(copiedTo);
  };
}
