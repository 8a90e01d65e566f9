import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppFailure, reviewOperationSchema } from '../../../src-shared/contracts';
import type {
  CommentTarget,
  decideSchema,
  resolveConflictSchema,
  ReviewOperation,
  ReviewState,
  saveCommentDraftSchema,
  SessionUser,
} from '../../../src-shared/contracts';
import type { WorkingCalendar } from '../../../src-shared/domain/calendar';
import { fieldByKey, sectionByKey } from '../../../src-shared/domain/catalog';
import { applyTransition, transitionById } from '../../../src-shared/domain/workflow';
import type { Role } from '../../../src-shared/domain/roles';
import type { PublicityPeriod, TransitionId } from '../../../src-shared/domain/workflow';
import type { CommentDraft, NewOutboxEntry, OutboxEntry, ReviewTarget } from '../cache/application-cache';
import type { ReviewerWork } from '../cache/reviewer-work';
import { commentTargetKey, parseCommentTargetKey } from './comment-targets';

/**
 * The review dialog's writes (DESIGN.md "Sync", push): comment drafts, decisions and the reviewer's
 * answer to a refused decision, all against the local cache, so they work offline and are on disk before
 * the UI says so. The sync engine sends what is queued; this class only queues and asks for a push.
 *
 * While a decision waits, the list and the dialog keep the server's state and show the decision as
 * 待同步 (ApplicationListRow.outboxStatus) rather than the state it is expected to lead to: a pull may
 * bring the server's version of the application at any time, a conflict would have to undo a guessed
 * state, and the state filter's counts stay what the server says. A decision queued is one the reviewer
 * can see is not done yet.
 */

const NOT_CACHED = '本机缓存中没有这份申报书,请同步后重试';
const WAITING = '这份申报书已有审核结果等待同步,同步完成前不能再次审核';
const REFUSED_WAITING = '这份申报书上一次的审核结果未被服务器接受,请先处理(保留意见、重新提交或放弃)后再审核';
const DRAFTS_LOCKED = '审核结果正在等待同步,暂时不能修改意见';
const NOTHING_TO_RESOLVE = '这份申报书没有需要处理的审核冲突';
const BAD_TARGET = '修改意见所指的位置在申报书中不存在';
const MAX_COMMENTS = 500;

export type SaveCommentDraftInput = z.output<typeof saveCommentDraftSchema>;
export type DecideInput = z.output<typeof decideSchema>;
export type ResolveConflictInput = z.output<typeof resolveConflictSchema>;

export class ReviewDesk {
  constructor(
    /** The cache's part that holds drafts and the outbox: all this class reads and writes. */
    private readonly work: ReviewerWork,
    private readonly user: SessionUser,
    /** Asks the sync engine to send the outbox now (or right after the run in progress). */
    private readonly requestPush: () => void,
    /** The statutory calendar as this client has it (the cache's copy of the server's table). */
    private readonly calendar: () => WorkingCalendar,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores one comment (an empty text deletes it); committed to disk when this returns. */
  saveCommentDraft({ applicationId, target, text }: SaveCommentDraftInput): { savedAt: string } {
    // The server refuses a decision whose comment points nowhere; better to say so while typing.
    if (!isCatalogTarget(target)) throw new AppFailure('BAD_REQUEST', BAD_TARGET);
    const savedAt = this.now().toISOString();
    const stored = this.work.saveCommentDraft({
      applicationId,
      target: commentTargetKey(target),
      text,
      updatedAt: savedAt,
    });
    if (!stored) throw new AppFailure('CONFLICT', DRAFTS_LOCKED);
    return { savedAt };
  }

  reviewState(applicationId: string): ReviewState {
    const decision = this.work.latestOperation(applicationId);
    return {
      applicationId,
      drafts: this.work.commentDrafts(applicationId).map((draft) => ({
        target: parseCommentTargetKey(draft.target),
        text: draft.text,
        updatedAt: draft.updatedAt,
      })),
      decision:
        decision === null
          ? null
          : {
              operationId: decision.id,
              transitionId: decision.operation as ReviewOperation['transitionId'],
              status: decision.status,
              message: decision.message,
              createdAt: decision.createdAt,
            },
    };
  }

  /**
   * Queues a decision made on the cached version with the reviewer's current drafts as its comments,
   * after the checks the server will make too (role, state, comment, publicity), so a decision that can
   * only fail is refused here, with the reason, while the reviewer is still at it.
   */
  decide({ applicationId, transitionId, publicity }: DecideInput): ReviewState {
    this.work.enqueueOperation(applicationId, ({ drafts, decision, application }) => {
      if (application === null) throw new AppFailure('NOT_FOUND', NOT_CACHED);
      if (decision !== null) {
        const waiting = decision.status === 'pending' || decision.status === 'sending';
        throw new AppFailure('CONFLICT', waiting ? WAITING : REFUSED_WAITING);
      }
      return {
        entry: this.operation(applicationId, application, transitionId, drafts, publicity),
        replaces: null,
      };
    });
    // The state first: the push starts at once and would already show the decision as 'sending'.
    const state = this.reviewState(applicationId);
    this.requestPush();
    return state;
  }

  /**
   * The reviewer's answer to a decision the server refused (conflict or rejected). keep: drop the
   * decision, keep the comments to decide again; discard: drop both; reapply: decide the same step (and
   * publicity) again on the version the server sent with its refusal, under a new operation id.
   *
   * reapply sends the drafts as they are now: they are the refused decision's comments unless the
   * reviewer changed them after seeing the conflict, and then what they see beside it is what they mean.
   */
  resolveConflict({ applicationId, action }: ResolveConflictInput): ReviewState {
    const refused = this.work.latestOperation(applicationId);
    if (refused === null || !isRefused(refused)) throw new AppFailure('CONFLICT', NOTHING_TO_RESOLVE);
    if (action === 'reapply') {
      const previous = reviewOperationSchema.parse(JSON.parse(refused.payloadJson));
      this.work.enqueueOperation(applicationId, ({ drafts, decision, application }) => {
        if (decision?.id !== refused.id || !isRefused(decision)) {
          throw new AppFailure('CONFLICT', NOTHING_TO_RESOLVE);
        }
        if (application === null) throw new AppFailure('NOT_FOUND', NOT_CACHED);
        return {
          entry: this.operation(
            applicationId,
            application,
            previous.transitionId,
            drafts,
            previous.publicity,
          ),
          replaces: refused.id,
        };
      });
      const state = this.reviewState(applicationId);
      this.requestPush();
      return state;
    } else if (!this.work.dropRefusedOperation(refused.id, { withDrafts: action === 'discard' })) {
      throw new AppFailure('CONFLICT', NOTHING_TO_RESOLVE);
    }
    return this.reviewState(applicationId);
  }

  /** The outbox entry of a decision, or the Chinese reason it cannot be made. */
  private operation(
    applicationId: string,
    application: ReviewTarget,
    transitionId: TransitionId,
    drafts: readonly CommentDraft[],
    publicity: PublicityPeriod | undefined,
  ): NewOutboxEntry {
    const transition = transitionById(transitionId);
    if (transition === undefined) throw new AppFailure('BAD_REQUEST', '未知的审核操作');
    const comments = drafts.flatMap((draft) => {
      const text = draft.text.trim();
      return text === '' ? [] : [{ target: parseCommentTargetKey(draft.target), text }];
    });
    if (comments.length > MAX_COMMENTS) {
      throw new AppFailure('BAD_REQUEST', `修改意见不能超过${MAX_COMMENTS}条`);
    }
    const now = this.now();
    const check = applyTransition(
      { state: application.state, version: application.version, submitCount: 0 },
      transitionId,
      {
        role: this.roleFor(application, transition.role),
        now,
        calendar: this.calendar(),
        comments: comments.length,
        // 上报主管部门 waits for the end of the period recorded on approval; approval chooses one.
        publicity: transition.guard === 'publicityOver' ? (application.publicity ?? undefined) : publicity,
      },
    );
    if (!check.ok) throw new AppFailure('BAD_REQUEST', check.reason);
    const parsed = reviewOperationSchema.safeParse({
      id: randomUUID(),
      applicationId,
      baseVersion: application.version,
      transitionId,
      comments,
      ...(transition.guard === 'publicityPeriod' && publicity !== undefined ? { publicity } : {}),
      decidedAt: now.toISOString(),
    });
    if (!parsed.success) {
      throw new AppFailure('BAD_REQUEST', parsed.error.issues[0]?.message ?? '审核内容不正确');
    }
    const operation = parsed.data;
    return {
      id: operation.id,
      applicationId,
      operation: operation.transitionId,
      payloadJson: JSON.stringify(operation),
      baseVersion: operation.baseVersion,
      createdAt: operation.decidedAt,
    };
  }

  /**
   * The caller's role for this application: unit administrator of its unit, or department administrator
   * of its department. When they hold another role there, that one (applyTransition then says why the
   * step is not theirs); when none, they may not review it at all.
   */
  private roleFor(application: ReviewTarget, wanted: Role): Role {
    const { memberships } = this.user;
    const scopeOf = (role: Role) => (role === 'deptAdmin' ? application.departmentId : application.unitId);
    const exact = memberships.find((m) => m.role === wanted && m.unitId === scopeOf(wanted));
    if (exact !== undefined) return exact.role;
    const other = memberships.find((m) => m.unitId === scopeOf(m.role));
    if (other !== undefined) return other.role;
    throw new AppFailure('FORBIDDEN', '您无权审核这份申报书');
  }
}

/**
 * The application as a whole (no section), a catalog section, one of its fields, or in a row section a
 * row or a field of a row: the places the review dialog offers, and the server accepts.
 */
function isCatalogTarget({ sectionKey, rowIndex, fieldKey }: CommentTarget): boolean {
  if (sectionKey === '') return rowIndex === null && fieldKey === null;
  const section = sectionByKey(sectionKey);
  if (section === undefined || (section.mode === 'single' && rowIndex !== null)) return false;
  return fieldKey === null || fieldByKey(sectionKey, fieldKey) !== undefined;
}

function isRefused(entry: OutboxEntry): boolean {
  return entry.status === 'conflict' || entry.status === 'rejected';
}
