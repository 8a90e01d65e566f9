import { z } from './zod-chinese';
import {
  MAX_COMMENT_PHRASES,
  MAX_COMMENT_PHRASE_LENGTH,
  commentPhraseProblem,
  hasControlCharacters,
} from '../domain/comment-phrases';

/**
 * 常用意见 (domain/comment-phrases.ts): one list per account on the server, a copy in each client's cache.
 * The server keeps a version per list; a save names the version it was made on, and a save made on an
 * older one is answered with the server's list (outcome 'conflict') for the client to merge, not applied.
 */

export const commentPhraseSchema = z
  .string()
  .trim()
  .min(1, '常用意见不能为空')
  .max(MAX_COMMENT_PHRASE_LENGTH, `每条常用意见不能超过${MAX_COMMENT_PHRASE_LENGTH}个字`)
  .refine((phrase) => !hasControlCharacters(phrase), { message: '常用意见不能包含换行' });

/** A whole list: at most MAX_COMMENT_PHRASES, none empty, none twice. */
export const commentPhraseListSchema = z
  .array(commentPhraseSchema)
  .max(MAX_COMMENT_PHRASES, `常用意见最多${MAX_COMMENT_PHRASES}条,请先删除不用的`)
  .superRefine((phrases, ctx) => {
    const problem = commentPhraseProblem(phrases);
    // Length and emptiness have their own messages above; duplicates are found only across the list.
    if (problem !== null && problem[1].includes('重复')) {
      ctx.addIssue({ code: 'custom', path: [problem[0]], message: problem[1] });
    }
  });

/** The server keeps the version in an `integer` column: PostgreSQL's int4 bounds it, not JavaScript's. */
const MAX_LIST_VERSION = 2_147_483_647;
const versionField = z.number().int().min(0).max(MAX_LIST_VERSION);

/** The server's list of one account: version 0 and no updatedAt while it is still the presets. */
export const commentPhraseListStateSchema = z.object({
  phrases: z.array(z.string()),
  version: versionField,
  updatedAt: z.string().nullable(),
});
export type CommentPhraseListState = z.infer<typeof commentPhraseListStateSchema>;

export const saveCommentPhraseListRequestSchema = z.strictObject({
  phrases: commentPhraseListSchema,
  /** The version the list was edited from. */
  baseVersion: versionField,
});
export type SaveCommentPhraseListRequest = z.input<typeof saveCommentPhraseListRequestSchema>;

export const saveCommentPhraseListResponseSchema = z.object({
  /** saved: the list is the new one; conflict: the server's list moved past baseVersion and is unchanged. */
  outcome: z.enum(['saved', 'conflict']),
  list: commentPhraseListStateSchema,
});
export type SaveCommentPhraseListResponse = z.infer<typeof saveCommentPhraseListResponseSchema>;

/** The list as the client has it (app API): its cached copy, with what has not reached the server yet. */
export const commentPhrasesSchema = z.object({
  phrases: z.array(z.string()),
  /** An edit made here waits to be sent (offline, or sending now). */
  pending: z.boolean(),
  /** When the copy last came from the server; null before the first sync. */
  syncedAt: z.string().nullable(),
  /** Why the edit could not be sent as it is (after a merge), in Chinese; null when nothing is wrong. */
  problem: z.string().nullable(),
});
export type CommentPhrases = z.infer<typeof commentPhrasesSchema>;

export const saveCommentPhrasesSchema = z.strictObject({ phrases: commentPhraseListSchema });
export type SaveCommentPhrasesInput = z.input<typeof saveCommentPhrasesSchema>;
