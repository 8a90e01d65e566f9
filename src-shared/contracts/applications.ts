import { z } from './zod-chinese';
import { APPLICATION_STATES } from '../domain/workflow';
import { fileContentSchema, storedFileSchema } from './units';

/**
 * Applications (申报书) between the platform server and the core: the applicant API (save a draft,
 * submit, resubmit, withdraw), the records the sync API hands to a reviewer's client, and the pull
 * protocol itself (DESIGN.md "Sync").
 */

const idField = z.string().min(1).max(64);

export const applicationStateSchema = z.enum(APPLICATION_STATES);

// --- content ---------------------------------------------------------------------------------------------

/**
 * The JSON shape of ApplicationContent, bounded so a request cannot be made arbitrarily large; what the
 * catalog allows inside it is checked by validateApplicationContent on the server.
 */
const fieldValueSchema = z.union([z.string().max(4000), z.number().finite(), z.null()]);
const fieldValuesSchema = z.record(z.string().max(40), fieldValueSchema);
export const applicationContentSchema = z.record(
  z.string().max(40),
  z.union([fieldValuesSchema, z.array(fieldValuesSchema).max(100)]),
);

// --- the applicant API -------------------------------------------------------------------------------------

export const saveApplicationDraftSchema = z.strictObject({
  /** Absent for a new draft. */
  id: idField.optional(),
  /** The version the applicant edited; required when `id` is given, so two tabs cannot overwrite each other. */
  baseVersion: z.number().int().min(0).optional(),
  /** The applicant's unit (工作单位), which reviews the application first. */
  unitId: idField,
  content: applicationContentSchema,
});
export type SaveApplicationDraft = z.input<typeof saveApplicationDraftSchema>;

/** submit, resubmit and withdraw: which application, at which version. */
export const applicantActionSchema = z.strictObject({
  id: idField,
  baseVersion: z.number().int().min(0),
});

export const applicantApplicationSchema = z.object({
  id: z.string(),
  applicationNo: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  state: applicationStateSchema,
  version: z.number().int(),
  submitCount: z.number().int(),
  content: applicationContentSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ApplicantApplication = z.infer<typeof applicantApplicationSchema>;

// --- what a reviewer's client receives -------------------------------------------------------------------

export const applicationHistoryEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** A TransitionId of workflow.ts, or 'created' / 'saved' for the applicant's own edits. */
  action: z.string(),
  fromState: applicationStateSchema.nullable(),
  toState: applicationStateSchema,
  actorName: z.string(),
  comment: z.string().nullable(),
});
export type ApplicationHistoryEntry = z.infer<typeof applicationHistoryEntrySchema>;

/** A scan the application refers to: which field holds it, and what the core needs to cache it once. */
export const applicationAttachmentSchema = storedFileSchema.extend({
  sha256: z.string(),
  sectionKey: z.string(),
  fieldKey: z.string(),
  /** For row sections: the row, counted from 0. */
  rowIndex: z.number().int().nullable(),
});
export type ApplicationAttachment = z.infer<typeof applicationAttachmentSchema>;

export const publicityPeriodSchema = z.object({ start: z.string().max(10), end: z.string().max(10) });

/** A reviewer's comment as the server keeps it: every round's, so later rounds see what was asked before. */
export const storedCommentSchema = z.object({
  /** The submission it was made on (submitCount at the time): comments of earlier rounds are history. */
  round: z.number().int(),
  target: z.object({
    sectionKey: z.string(),
    rowIndex: z.number().int().nullable(),
    fieldKey: z.string().nullable(),
  }),
  text: z.string(),
  authorName: z.string(),
  /** The step it came with (a TransitionId). */
  action: z.string(),
  at: z.string(),
});
export type StoredComment = z.infer<typeof storedCommentSchema>;

/**
 * One application as a reviewer's client caches it. The list's columns come as plain fields; the content
 * travels as the JSON text the server stores, so neither side parses 5 KB per application during a sync
 * (the client parses it when the application is opened).
 */
export const applicationRecordSchema = z.object({
  id: z.string(),
  applicationNo: z.string(),
  year: z.string(),
  state: applicationStateSchema,
  version: z.number().int(),
  submitCount: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  departmentId: z.string().nullable(),
  applicantName: z.string(),
  /** In full: the client masks it in lists and shows it only inside the review dialog. */
  idNumber: z.string(),
  /** 申请资格 as 系列/专业/资格. */
  qualification: z.string(),
  applicationType: z.string(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  publicity: publicityPeriodSchema.nullable(),
  contentJson: z.string(),
  attachments: z.array(applicationAttachmentSchema),
  history: z.array(applicationHistoryEntrySchema),
  comments: z.array(storedCommentSchema).default([]),
  /** The content as it was at the latest return, so the reviewer sees what the applicant changed since. */
  previousContentJson: z.string().nullable().default(null),
});
export type ApplicationRecord = z.infer<typeof applicationRecordSchema>;

export const applicationIdSchema = z.strictObject({ id: idField });

export const applicationAttachmentRequestSchema = z.strictObject({ id: idField, fileId: idField });
export const applicationAttachmentContentSchema = fileContentSchema;

// --- pull ----------------------------------------------------------------------------------------------------

/** Most applications one pull answers with; a page is applied in one local transaction. */
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

export const pullRequestSchema = z.strictObject({
  /** Absent for a first sync or a snapshot after "resync". Opaque to the client. */
  cursor: z.string().max(8192).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});

export const pullResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('changes'),
    /** Applications that entered the caller's scope or changed there, oldest change first. */
    applications: z.array(applicationRecordSchema),
    /** Applications that left the caller's scope since the cursor (tombstones). */
    removedIds: z.array(z.string()),
    /** Where the next pull starts; store it in the same transaction as the page. */
    cursor: z.string(),
    /** Changes after this page, for progress; 0 when the client is up to date. */
    remaining: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal('resync'),
    /** Why, for the log: the cursor is unknown, expired, from another server, or the caller's scope changed. */
    reason: z.string(),
  }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

// --- pull stream ---------------------------------------------------------------------------------------------

/** Most pages one streamed answer carries; the client asks again from the last page's cursor. */
export const MAX_PULL_STREAM_PAGES = 100;

/**
 * The streamed pull (NDJSON): the pages the paged pull would answer one after another, in one answer,
 * so the server counts what remains once per answer and the client applies a page while the next is on
 * its way. The same cursor as the paged pull.
 */
export const pullStreamRequestSchema = z.strictObject({
  cursor: z.string().max(8192).optional(),
  /** Applications per page (per line). */
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
  /** Most pages in this answer. */
  max: z.coerce.number().int().min(1).max(MAX_PULL_STREAM_PAGES).optional(),
});

/**
 * One line of the streamed answer: a page, each with the cursor that follows it, or a single "resync"
 * line. The answer ends after a page with `remaining` 0 or after `max` pages; an answer that ends
 * without its last line complete was cut off, and the pages before it stand.
 */
export const pullStreamLineSchema = pullResponseSchema;
export type PullStreamLine = z.infer<typeof pullStreamLineSchema>;
