import { pinyin } from 'pinyin-pro';

/**
 * Pinyin sort keys and search terms for names (issue 16): the list sorts 姓名 and 所在单位 by a key
 * column compared by SQLite's BINARY collation (code points), so the key spells the pinyin order in
 * plain ASCII, and the search box finds 吴雪 by "wuxue" or "wx".
 *
 * A key is one segment per syllable, character by character as a Chinese dictionary (and ICU's zh
 * collation) compares them, not letter by letter: 李娜 (li na) comes before 林 (lin) because 李 comes
 * before 林. Each segment ends with a space, which is below every digit and letter, so a syllable that
 * is a prefix of another (li, lin) sorts first.
 *
 * - A Chinese character: its toneless syllable, the tone digit (0 for the neutral tone; tones order
 *   homophones as a dictionary does) and the character itself, so that people with homophone surnames
 *   (张, 章) stay in groups rather than interleave. Surnames are read as surnames (单 shàn, 曾 zēng,
 *   尉迟 yùchí), since pinyin-pro's surname mode knows their readings; ü is written v, as IMEs type it.
 * - A run of Latin letters: lower case, after NFKC (full-width letters become ASCII), so Anna files
 *   under a as a Chinese phone book does.
 * - A run of digits: as written; digits sort before letters.
 * - A Chinese character pinyin-pro does not know (rare characters outside its dictionary): `~` (above
 *   every letter) and the character, so those sort after every known syllable, by code point.
 * - Anything else (the middle dot of 阿依古丽·买买提, spaces, punctuation) does not count.
 *
 * Equal keys (the same name) are left to the caller's tie-breaker: the list orders them by id.
 */

type NameKind = 'personal' | 'organisation';

interface Syllable {
  /** The sort segment, without its trailing space. */
  sort: string;
  /** What the full-pinyin search matches ("wu"), or null when the character has no known reading. */
  spelled: string | null;
  /** What the initials search matches ("w"). */
  initial: string | null;
}

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT_RUN = /[a-z]+|[0-9]+/g;

/** The key the list sorts a person's name (姓名) by: surnames read as surnames. */
export function personNameSortKey(name: string): string {
  return keyOf(syllablesOf(name, 'personal'));
}

/** The key the list sorts a unit's name (所在单位) by. */
export function unitNameSortKey(name: string): string {
  return keyOf(syllablesOf(name, 'organisation'));
}

/**
 * What the search box matches besides the name itself: the full pinyin and the initials, each without
 * spaces ("wuxue|wx" for 吴雪), lower case. Empty for a name with nothing to spell.
 */
export function personNameSearchTerms(name: string): string {
  const syllables = syllablesOf(name, 'personal');
  const spelled = syllables.map((s) => s.spelled ?? '').join('');
  const initials = syllables.map((s) => s.initial ?? '').join('');
  return spelled === '' ? '' : `${spelled}|${initials}`;
}

/**
 * Orders unit names as the client's list orders 所在单位 (by unitNameSortKey, ties by code point), for
 * the server's pick lists of units. Not Intl.Collator('zh-CN'): ICU reads each character one way
 * whatever the word, so it files 重庆 under zhong, 长寿 under zhang and 覃 under tan, and the server's lists would then
 * disagree with the client's; the keys read 重庆 as chongqing.
 */
export function compareUnitNames(a: string, b: string): number {
  return compareKeys(unitNameSortKey(a), unitNameSortKey(b)) || compareKeys(a, b);
}

/** Orders people's names as the list sorts 姓名 (by personNameSortKey, ties by code point). */
export function comparePersonNames(a: string, b: string): number {
  return compareKeys(personNameSortKey(a), personNameSortKey(b)) || compareKeys(a, b);
}

/** Code-point order, as SQLite's BINARY collation compares the key columns. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(syllables: readonly Syllable[]): string {
  return syllables.map((s) => `${s.sort} `).join('');
}

/**
 * Readings already worked out, by kind and name. A sync writes the same unit's name for each of its
 * applications, and a page rewrites names it wrote before; reading one costs about 17 µs, 500 a page.
 */
const known = new Map<string, Syllable[]>();
const KNOWN_LIMIT = 10_000;

function syllablesOf(name: string, kind: NameKind): Syllable[] {
  const memoKey = `${kind}\n${name}`;
  const remembered = known.get(memoKey);
  if (remembered) return remembered;
  const read = readSyllables(name, kind);
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(memoKey, read);
  return read;
}

function readSyllables(name: string, kind: NameKind): Syllable[] {
  const normalised = name.normalize('NFKC');
  if (normalised === '') return [];
  const read = pinyin(normalised, {
    type: 'all',
    toneType: 'num',
    v: true,
    nonZh: 'consecutive',
    // 'head': only a leading surname (尉迟, 单) gets its surname reading; 单 inside a unit's name does not.
    surname: kind === 'personal' ? 'head' : 'off',
  });
  const syllables: Syllable[] = [];
  for (const item of read) {
    if (item.isZh && item.pinyin !== '') {
      // "shan4" → "shan", "4"; a reading without a tone digit counts as the neutral tone.
      const match = /^([a-z]+)([0-5]?)$/.exec(item.pinyin);
      const letters = match?.[1] ?? item.pinyin;
      const tone = match?.[2] === '' || match?.[2] === undefined ? '0' : match[2];
      syllables.push({
        sort: `${letters}${tone}${item.origin}`,
        spelled: letters,
        initial: letters[0] ?? null,
      });
      continue;
    }
    syllables.push(...otherSyllables(item.origin));
  }
  return syllables;
}

/** Segments of text pinyin-pro left alone: Latin words, numbers and characters it has no reading for. */
function otherSyllables(text: string): Syllable[] {
  const out: Syllable[] = [];
  let run = '';
  // A run of letters and digits becomes one word per letter or digit group; a space, a dot or other
  // punctuation ends the run and counts for nothing.
  const flush = () => {
    for (const word of run.match(LATIN_OR_DIGIT_RUN) ?? []) {
      out.push({ sort: word, spelled: word, initial: word[0] ?? null });
    }
    run = '';
  };
  for (const char of text.toLowerCase()) {
    if (/[a-z0-9]/.test(char)) {
      run += char;
    } else {
      flush();
      if (HAN.test(char)) out.push({ sort: `~${char}`, spelled: null, initial: null });
    }
  }
  flush();
  return out;
}
