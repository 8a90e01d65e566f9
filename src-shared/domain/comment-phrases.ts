/**
 * 常用意见: the phrases a reviewer keeps for their comment boxes. One list per account, kept on the
 * server and cached by every client of the account; the rules of the list (limits, the presets a new
 * account starts with, how an offline edit meets a newer server list) live here, shared by all three.
 */

/** The most phrases one account keeps. */
export const MAX_COMMENT_PHRASES = 100;
/** The longest phrase, in characters. */
export const MAX_COMMENT_PHRASE_LENGTH = 200;

/**
 * What a new account starts with: what a Chongqing unit's 职称 reviewer writes most often in a 申报书's
 * comments. The reviewer may edit or delete any of them.
 */
export const PRESET_COMMENT_PHRASES: readonly string[] = [
  '请上传清晰的扫描件',
  '请核对参加工作时间',
  '请补充上传学历、学位证书扫描件',
  '请核对现任专业技术职务的取得时间和聘任时间',
  '继续教育学时不足,请补充公需课和专业课学时证明',
  '年度考核结果与单位存档不一致,请核对',
  '业绩成果请提供相应的佐证材料',
  '工作经历时间不连续,请补充说明',
];

/** Line breaks and other control characters: a phrase is one line of text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function hasControlCharacters(phrase: string): boolean {
  return CONTROL_CHARACTERS.test(phrase);
}

/** Why a list cannot be kept, as [index of the phrase, Chinese message], or null when it can. */
export function commentPhraseProblem(phrases: readonly string[]): [number, string] | null {
  if (phrases.length > MAX_COMMENT_PHRASES) {
    return [MAX_COMMENT_PHRASES, `常用意见最多${MAX_COMMENT_PHRASES}条,请先删除不用的`];
  }
  const seen = new Map<string, number>();
  for (const [index, raw] of phrases.entries()) {
    const phrase = raw.trim();
    if (phrase === '') return [index, `第${index + 1}条常用意见是空的,请填写或删除`];
    if (phrase.length > MAX_COMMENT_PHRASE_LENGTH) {
      return [index, `第${index + 1}条常用意见超过${MAX_COMMENT_PHRASE_LENGTH}个字,请缩短`];
    }
    if (hasControlCharacters(phrase)) return [index, `第${index + 1}条常用意见不能包含换行`];
    const earlier = seen.get(phrase);
    if (earlier !== undefined) return [index, `第${index + 1}条常用意见与第${earlier + 1}条重复`];
    seen.set(phrase, index);
  }
  return null;
}

/**
 * The list after an offline edit meets a server list that moved on since the edit's base (another PC of
 * the account saved meanwhile): a three-way merge that loses neither side's work. The phrases the local
 * edit removed from its base are removed, the ones it added are appended after the server's in the
 * local order; everything else, and the order, is the server's. (A changed phrase is a removal and an
 * addition, so both PCs' edits of one phrase survive side by side; a local reorder gives way to the
 * server's order.)
 */
export function mergeCommentPhrases(
  base: readonly string[],
  local: readonly string[],
  server: readonly string[],
): string[] {
  const localSet = new Set(local);
  const baseSet = new Set(base);
  const removed = new Set(base.filter((phrase) => !localSet.has(phrase)));
  const merged = server.filter((phrase) => !removed.has(phrase));
  const present = new Set(merged);
  for (const phrase of local) {
    if (baseSet.has(phrase) || present.has(phrase)) continue;
    merged.push(phrase);
    present.add(phrase);
  }
  return merged;
}

/** What the reviewer typed after a `/` that opens the phrase list, and where that `/` is. */
export interface PhraseTrigger {
  /** Index of the `/` in the text. */
  slashAt: number;
  /** The text between the `/` and the caret: what the list is filtered by. */
  query: string;
}

/** Characters after which a `/` opens the list: the box's start, or after white space (also 全角空格). */
const OPENS_AFTER = /\s/u;
/** The query ends the trigger when it holds white space: the reviewer went on writing. */
const ENDS_QUERY = /\s/u;
/** A query longer than any phrase is not a search any more. */
const MAX_QUERY_LENGTH = 20;

/**
 * The `/` before the caret that opens the phrase list, or null: only a `/` at the start of the text or
 * right after white space, with no white space between it and the caret. A `/` inside a word ("1/2",
 * "http://") never opens it.
 */
export function phraseTriggerAt(text: string, caret: number): PhraseTrigger | null {
  const before = text.slice(0, caret);
  const slashAt = before.lastIndexOf('/');
  if (slashAt === -1) return null;
  const query = before.slice(slashAt + 1);
  if (ENDS_QUERY.test(query) || query.length > MAX_QUERY_LENGTH) return null;
  const previous = slashAt === 0 ? '' : before.charAt(slashAt - 1);
  if (previous !== '' && !OPENS_AFTER.test(previous)) return null;
  return { slashAt, query };
}

/**
 * The `/` trigger an edit of the box typed, or null: `phraseTriggerAt` only when this edit put that `/`
 * there (typed, pasted). A `/` already in the text opens nothing when the caret comes back after it (the
 * focus returning to the box, a click, typing on after an Esc). `caret` is the caret after the edit; what
 * follows it is what followed the edit before.
 */
export function typedPhraseTrigger(previous: string, text: string, caret: number): PhraseTrigger | null {
  const trigger = phraseTriggerAt(text, caret);
  if (trigger === null) return null;
  const editEnd = Math.min(caret, previous.length - (text.length - caret));
  let editStart = 0;
  while (editStart < editEnd && previous[editStart] === text[editStart]) editStart += 1;
  return trigger.slashAt >= editStart ? trigger : null;
}

/** The phrases that contain the query (ignoring case and the query's surrounding spaces), in list order. */
export function filterCommentPhrases(phrases: readonly string[], query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [...phrases];
  return phrases.filter((phrase) => phrase.toLowerCase().includes(needle));
}
