import type { CommentTarget } from '../../../src-shared/contracts/review';

/**
 * How a comment's target is spelled as the key of its draft (comment_drafts.target): a JSON array
 * [sectionKey, rowIndex, fieldKey]. JSON because section and field keys are free text in the contract
 * (a dotted or bracketed spelling could read two targets the same), and an array of fixed order because
 * the key must be canonical: one target, one draft.
 */
export function commentTargetKey(target: CommentTarget): string {
  return JSON.stringify([target.sectionKey, target.rowIndex, target.fieldKey]);
}

/** The target a draft key names; a key in no known spelling is read as a section key of its own. */
export function parseCommentTargetKey(key: string): CommentTarget {
  try {
    const parsed: unknown = JSON.parse(key);
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      (parsed[1] === null || Number.isInteger(parsed[1])) &&
      (parsed[2] === null || typeof parsed[2] === 'string')
    ) {
      return {
        sectionKey: parsed[0],
        rowIndex: parsed[1] as number | null,
        fieldKey: parsed[2] as string | null,
      };
    }
  } catch {
    // Not JSON: fall through.
  }
  return { sectionKey: key, rowIndex: null, fieldKey: null };
}
