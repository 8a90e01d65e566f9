import { createContext, useContext, useMemo } from 'react';
import type { CommentTarget, StoredComment } from '../../../../src-shared/contracts';
import { useStore } from 'zustand';
import type { ContentChanges } from './content-changes';
import { targetKey } from './comment-targets';
import type { ReviewDraftState, ReviewDraftStore } from './review-draft-store';

/** What every comment box and mark in the dialog reads: one application's review as it stands. */
export interface ReviewModel {
  store: ReviewDraftStore;
  /** A decision waits to be sent: the core keeps its comments as they were, so the boxes are read-only. */
  locked: boolean;
  /** "是否全部显示": every comment open. */
  showAll: boolean;
  /** Sections whose comments the reviewer opened while 否. */
  expandedSections: ReadonlySet<string>;
  toggleSection(sectionKey: string): void;
  /** Boxes the reviewer opened with 意见 (by targetKey). */
  openTargets: ReadonlySet<string>;
  setTargetOpen(target: CommentTarget, open: boolean): void;
  /** The server's comments of every round, by (normalized) targetKey. */
  stored: ReadonlyMap<string, readonly StoredComment[]>;
  /** The application's submitCount: comments of this round are current, earlier ones history. */
  round: number;
  /** The earlier round whose comments the applicant answered with the current content. */
  answeredRound: number | null;
  changes: ContentChanges | null;
}

const ReviewModelContext = createContext<ReviewModel | null>(null);

export const ReviewModelProvider = ReviewModelContext.Provider;

export function useReviewModel(): ReviewModel {
  const model = useContext(ReviewModelContext);
  if (!model) throw new Error('useReviewModel outside the review dialog');
  return model;
}

export function useDrafts<T>(select: (state: ReviewDraftState) => T): T {
  return useStore(useReviewModel().store, select);
}

/**
 * The targets whose box has text, as one string the store selector can compare: typing in a box that
 * already has text does not re-render the whole application.
 */
export function useFilledKeys(): ReadonlySet<string> {
  const joined = useDrafts((s) =>
    Object.entries(s.drafts)
      .filter(([, entry]) => entry.text.trim() !== '')
      .map(([key]) => key)
      .sort()
      .join('\n'),
  );
  return useMemo(() => new Set(joined === '' ? [] : joined.split('\n')), [joined]);
}

/** Whether the target has something to show: text in its box, or the server's comments. */
export function hasComments(model: ReviewModel, filled: ReadonlySet<string>, target: CommentTarget): boolean {
  const key = targetKey(target);
  return filled.has(key) || (model.stored.get(key)?.length ?? 0) > 0;
}

/** Whether the target's box is open: opened with 意见, or shown with all of its section's comments. */
export function boxOpen(model: ReviewModel, filled: ReadonlySet<string>, target: CommentTarget): boolean {
  if (model.openTargets.has(targetKey(target))) return true;
  return (
    (model.showAll || model.expandedSections.has(target.sectionKey)) && hasComments(model, filled, target)
  );
}
