import { z } from './zod-chinese';
import type { UnitKind } from '../domain/roles';
import { APPLICATION_STATES } from '../domain/workflow';
import {
  applicationAttachmentSchema,
  applicationContentSchema,
  applicationRecordSchema,
  applicationStateSchema,
} from './applications';
import { OUTBOX_STATES } from './review';
import { listFocusSchema } from './unit-overview';

/**
 * The app API of 职称申报审核 (manual chapter 4): the list and the read-only details come from the core's
 * local cache, so they answer instantly and offline; the sync status says how fresh that cache is.
 */

const idField = z.string().min(1).max(64);

export const APPLICATION_SORT_FIELDS = [
  'submittedAt',
  'applicationNo',
  'applicantName',
  'submitCount',
  'unitName',
] as const;
export type ApplicationSortField = (typeof APPLICATION_SORT_FIELDS)[number];

/**
 * A department's list spans the applications of every unit reporting to it, so it shows, sorts and
 * filters by 所在单位; a unit's list is its own applications.
 */
export function listSpansUnits(unitKind: UnitKind): boolean {
  return unitKind === 'department';
}

/** A department has a few hundred units at most; the bound only stops a runaway request. */
const MAX_FILTERED_UNITS = 2_000;

export const LIST_PAGE_SIZES = [20, 50, 100] as const;

export const listApplicationsRequestSchema = z.strictObject({
  /** The unit or department whose list this is: one of the caller's memberships. */
  unitId: idField,
  state: z.enum([...APPLICATION_STATES, 'all']),
  /** 姓名, 申请书编号 or 身份证号, or a part of one. */
  search: z.string().trim().max(50, '搜索内容不能超过50个字').default(''),
  /** 所在单位: only the applications of these units; empty for every unit of the list. */
  filterUnitIds: z.array(idField).max(MAX_FILTERED_UNITS).default([]),
  /** A number of the 单位中心's start page: only those applications (unit-overview.ts); none when absent. */
  focus: listFocusSchema.optional(),
  sortField: z.enum(APPLICATION_SORT_FIELDS).default('submittedAt'),
  sortOrder: z.enum(['ascend', 'descend']).default('descend'),
  /** From 1. */
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
export type ListApplicationsRequest = z.input<typeof listApplicationsRequestSchema>;

export const applicationListRowSchema = z.object({
  id: z.string(),
  applicationNo: z.string(),
  applicantName: z.string(),
  /** 5***********9: lists never show an ID number in full. */
  maskedIdNumber: z.string(),
  qualification: z.string(),
  applicationType: z.string(),
  /** 所在单位. */
  unitName: z.string(),
  state: applicationStateSchema,
  submittedAt: z.string().nullable(),
  submitCount: z.number().int(),
  /**
   * The reviewer's decision on its way, from the core's outbox: pending and sending show as 待同步,
   * conflict and rejected wait for the reviewer; null when there is none. `state` stays the server's
   * until the server has applied the decision.
   */
  outboxStatus: z.enum(OUTBOX_STATES).nullable().default(null),
  /**
   * The publicity period chosen on approval, as recorded; the list shows its real end by the holiday
   * table (publicityEndOf) and whether it may go up. Null before approval.
   */
  publicity: z.object({ start: z.string(), end: z.string() }).nullable().default(null),
});
export type ApplicationListRow = z.infer<typeof applicationListRowSchema>;

export const listApplicationsResponseSchema = z.object({
  rows: z.array(applicationListRowSchema),
  /** Rows matching state and search, over all pages. */
  total: z.number().int(),
  /** Applications per state in this unit's list, ignoring the search: the filter's badges. */
  counts: z.record(applicationStateSchema, z.number().int()),
  /**
   * The units of a department's list with their applications, ignoring every filter: the choices of the
   * 所在单位 filter, by name. Empty for a unit's list.
   */
  units: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
});
export type ListApplicationsResponse = z.infer<typeof listApplicationsResponseSchema>;

export const applicationDetailRequestSchema = z.strictObject({ id: idField });

export const cachedAttachmentSchema = applicationAttachmentSchema.extend({
  /** The scan is in the cache and opens offline. */
  cached: z.boolean(),
});

/**
 * One application as the read-only details (and later the review dialog) show it, from the cache: the
 * record's fields without those only the list and the sync need, with the content and the content at
 * the latest return parsed, and each scan saying whether it opens offline.
 */
export const applicationDetailSchema = applicationRecordSchema
  .pick({
    id: true,
    applicationNo: true,
    year: true,
    state: true,
    version: true,
    submitCount: true,
    unitName: true,
    applicantName: true,
    submittedAt: true,
    updatedAt: true,
    publicity: true,
    history: true,
    /** Every round's comments, for the review dialog. */
    comments: true,
  })
  .extend({
    content: applicationContentSchema,
    attachments: z.array(cachedAttachmentSchema),
    /** The content at the latest return, to show what the applicant changed since; null before any return. */
    previousContent: applicationContentSchema.nullable().default(null),
  });
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const cachedAttachmentRequestSchema = z.strictObject({ applicationId: idField, fileId: idField });

// --- sync status -----------------------------------------------------------------------------------------

export const SYNC_PHASES = ['idle', 'syncing', 'offline', 'error'] as const;

export const syncStatusSchema = z.object({
  /** idle: up to date as of lastSyncedAt; offline: the server cannot be reached, the cache still works. */
  phase: z.enum(SYNC_PHASES),
  /** While syncing: applications received in this run, and how many the server said were left. */
  progress: z.object({ received: z.number().int(), total: z.number().int() }).nullable(),
  /** For phase error: what went wrong, in Chinese. */
  error: z.string().nullable(),
  /** ISO time of the last complete sync, or null before the first. */
  lastSyncedAt: z.string().nullable(),
  /** Applications in the local cache. */
  cachedCount: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
