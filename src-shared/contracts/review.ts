import { z } from './zod-chinese';
import { TRANSITIONS } from '../domain/workflow';
import type { TransitionId } from '../domain/workflow';
import { applicationRecordSchema, publicityPeriodSchema } from './applications';

/**
 * Review decisions (manual chapter 4, DESIGN.md "Sync", push): the reviewer's comments and decision travel
 * as one operation with a client-made UUID and the version it was decided on. The server applies each in
 * one transaction and keeps its result, so a replay (the answer got lost) gets the same result again.
 */

const idField = z.string().min(1).max(64);

/**
 * Where a comment points: the application as a whole (sectionKey ''), a section, a row of a row section,
 * or one field (of a single section, or of one row).
 */
export const commentTargetSchema = z.strictObject({
  sectionKey: z.string().max(40),
  rowIndex: z.number().int().min(0).max(1000).nullable(),
  fieldKey: z.string().max(40).nullable(),
});
export type CommentTarget = z.infer<typeof commentTargetSchema>;

export const reviewCommentSchema = z.strictObject({
  target: commentTargetSchema,
  text: z.string().trim().min(1, '请填写修改意见').max(1000, '修改意见不能超过1000个字'),
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

/** The steps a reviewer (unit or department) takes; the applicant's own steps have their own API. */
export const REVIEW_TRANSITION_IDS = TRANSITIONS.filter(
  (t) => t.role === 'unitAdmin' || t.role === 'deptAdmin',
).map((t) => t.id) as [TransitionId, ...TransitionId[]];

export const reviewOperationSchema = z.strictObject({
  /** Made by the client when the reviewer decides; the same id on a retry. */
  id: z.uuid('操作编号无效'),
  applicationId: idField,
  /** The application's version the reviewer saw. */
  baseVersion: z.number().int().min(0),
  transitionId: z.enum(REVIEW_TRANSITION_IDS),
  comments: z.array(reviewCommentSchema).max(500),
  /** For 审核通过,打印公示表: the publicity period chosen. */
  publicity: publicityPeriodSchema.optional(),
  /** When the reviewer decided, by the client's clock (for the record; the server's time is the step's time). */
  decidedAt: z.string().max(40),
});
export type ReviewOperation = z.infer<typeof reviewOperationSchema>;

export const pushOperationsRequestSchema = z.strictObject({
  operations: z.array(reviewOperationSchema).min(1).max(50),
});

export const OPERATION_OUTCOMES = ['applied', 'conflict', 'rejected'] as const;
export type OperationOutcome = (typeof OPERATION_OUTCOMES)[number];

export const operationResultSchema = z.object({
  id: z.string(),
  /**
   * applied: done; conflict: the application changed (version or state) since the reviewer saw it;
   * rejected: the operation can never work (no such application in the caller's scope, a guard refused it).
   */
  outcome: z.enum(OPERATION_OUTCOMES),
  /** Why, in Chinese, for a conflict or a rejection. */
  message: z.string().nullable(),
  /** The application as the server has it now (after the step when applied), when the caller may see it. */
  application: applicationRecordSchema.nullable(),
});
export type OperationResult = z.infer<typeof operationResultSchema>;

export const pushOperationsResponseSchema = z.object({ results: z.array(operationResultSchema) });

// --- the app API of the review dialog (answered by the core from the cache and the outbox) --------------

export const saveCommentDraftSchema = z.strictObject({
  applicationId: idField,
  target: commentTargetSchema,
  /** An empty text deletes the draft. */
  text: z.string().max(1000, '修改意见不能超过1000个字'),
});

export const OUTBOX_STATES = ['pending', 'sending', 'applied', 'conflict', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * What a list row says beside the state about a decision of this reviewer the server has not applied
 * (the row keeps the server's state until it has): on screen as a tag, in an exported list after the state.
 */
export const UNAPPLIED_DECISION_LABELS: Readonly<Record<Exclude<OutboxState, 'applied'>, string>> = {
  pending: '待同步',
  sending: '待同步',
  conflict: '冲突',
  rejected: '未生效',
};

export const commentDraftSchema = z.object({
  target: commentTargetSchema,
  text: z.string(),
  updatedAt: z.string(),
});

export const pendingDecisionSchema = z.object({
  operationId: z.string(),
  transitionId: z.enum(REVIEW_TRANSITION_IDS),
  /** pending/sending: 待同步; conflict and rejected wait for the reviewer. */
  status: z.enum(OUTBOX_STATES),
  message: z.string().nullable(),
  createdAt: z.string(),
});

/** What the dialog shows besides the application: the reviewer's drafts and the decision on its way. */
export const reviewStateSchema = z.object({
  applicationId: z.string(),
  drafts: z.array(commentDraftSchema),
  decision: pendingDecisionSchema.nullable(),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const decideSchema = z.strictObject({
  applicationId: idField,
  transitionId: z.enum(REVIEW_TRANSITION_IDS),
  publicity: publicityPeriodSchema.optional(),
});

/** keep: drop the refused decision, keep the comments; reapply: decide again on the new version; discard: drop both. */
export const resolveConflictSchema = z.strictObject({
  applicationId: idField,
  action: z.enum(['keep', 'reapply', 'discard']),
});

/** What 退出并清除本地数据 would delete that exists nowhere else: said before the user confirms. */
export const localDataSummarySchema = z.object({
  /** Decisions not applied by the server yet (待同步, or refused and waiting for the reviewer). */
  unsentDecisions: z.number().int().nonnegative(),
  /** Comment drafts not sent with a decision. */
  commentDrafts: z.number().int().nonnegative(),
  /** An edit of the 常用意见 list not sent to the server yet. */
  commentPhrasesPending: z.boolean(),
});
export type LocalDataSummary = z.infer<typeof localDataSummarySchema>;
