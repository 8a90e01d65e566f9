import { createStore } from 'zustand/vanilla';
import type { AppError, CommentTarget, ReviewState } from '../../../../src-shared/contracts';
import type { PublicityPeriod, TransitionId } from '../../../../src-shared/domain/workflow';
import type { SessionStoreState } from '../../auth/session-store';
import { targetKey } from './comment-targets';

/** A pause in typing this long saves the draft; leaving the box saves at once. */
export const DRAFT_SAVE_DEBOUNCE_MS = 500;

/**
 * editing: typed, waiting for the pause; saving: the core has it but has not answered; saved: on disk
 * (savedAt); failed: the core refused or could not be reached (error), the text stays in the box.
 */
export type SavePhase = 'idle' | 'editing' | 'saving' | 'saved' | 'failed';

export interface DraftEntry {
  target: CommentTarget;
  /** What the box shows. */
  text: string;
  /** What the core has on disk for the target ('' for nothing). */
  savedText: string;
  phase: SavePhase;
  savedAt: string | null;
  error: string | null;
}

export type Decision = NonNullable<ReviewState['decision']>;

export interface ReviewDraftState {
  /** The first getReviewState answered. */
  loaded: boolean;
  loadError: AppError | null;
  /** By targetKey. */
  drafts: Readonly<Record<string, DraftEntry>>;
  decision: Decision | null;
  /** decide or resolveConflict is on its way to the core. */
  busy: boolean;
  /** Reads the drafts and the decision from the core; text typed here and not yet on disk wins. */
  load(): Promise<void>;
  /**
   * Drops a decision already shown as 已生效: the store outlives the dialog, and a reopened dialog is
   * about the application as it is now (a later round), not about the last decision.
   */
  forgetApplied(): void;
  /** The reviewer typed: shown at once, saved after a pause. */
  edit(target: CommentTarget, text: string): void;
  /** Saves what was typed for the target now; true when it is on disk. */
  flush(target: CommentTarget): Promise<boolean>;
  /** Saves every box; true when all of them are on disk. */
  flushAll(): Promise<boolean>;
  /** Queues a decision with the saved drafts as its comments; answers the failure, or null. */
  decide(transitionId: TransitionId, publicity?: PublicityPeriod): Promise<AppError | null>;
  resolveConflict(action: 'keep' | 'reapply' | 'discard'): Promise<AppError | null>;
  /** Saves what waits for a pause; the store is going away. */
  dispose(): void;
}

export type ReviewDraftStore = ReturnType<typeof createReviewDraftStore>;

interface ReviewDraftOptions {
  applicationId: string;
  call: SessionStoreState['call'];
  debounceMs?: number;
}

/** Whether the entry holds text the core does not have yet. */
export function isUnsaved(entry: DraftEntry): boolean {
  return entry.text !== entry.savedText;
}

/** The comments a decision would carry: every box with something in it. */
export function filledDrafts(drafts: Readonly<Record<string, DraftEntry>>): DraftEntry[] {
  return Object.values(drafts).filter((entry) => entry.text.trim() !== '');
}

/**
 * The decision to show. The core reports only decisions still to settle; one that was waiting (or shown
 * applied) and is gone from its answer was applied by the server, since nothing else takes a waiting
 * decision out of the outbox, and the reviewer should see it took effect rather than see it vanish.
 */
function settled(previous: Decision | null, next: Decision | null): Decision | null {
  if (next !== null || previous === null) return next;
  const waited =
    previous.status === 'pending' || previous.status === 'sending' || previous.status === 'applied';
  return waited ? { ...previous, status: 'applied', message: null } : null;
}

/**
 * One application's comment drafts and pending decision, as the review dialog edits them. Each box saves
 * on its own, one request at a time per box and in order, so a slow answer never overwrites newer text;
 * "已保存" appears only once the core answered for exactly the text on screen.
 */
export function createReviewDraftStore({
  applicationId,
  call,
  debounceMs = DRAFT_SAVE_DEBOUNCE_MS,
}: ReviewDraftOptions) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const queues = new Map<string, Promise<boolean>>();
  const stopTimer = (key: string) => {
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
  };

  return createStore<ReviewDraftState>()((set, get) => {
    const patch = (key: string, change: Partial<DraftEntry>) => {
      const entry = get().drafts[key];
      if (entry) set((s) => ({ drafts: { ...s.drafts, [key]: { ...entry, ...change } } }));
    };

    const saveOnce = async (key: string): Promise<boolean> => {
      const entry = get().drafts[key];
      if (!entry) return true;
      if (!isUnsaved(entry)) {
        // Typed and typed back: nothing to send, and what the box shows is what is on disk.
        if (entry.phase === 'editing' || entry.phase === 'failed') {
          patch(key, { phase: entry.savedAt ? 'saved' : 'idle', error: null });
        }
        return true;
      }
      const text = entry.text;
      patch(key, { phase: 'saving', error: null });
      const result = await call((api) => api.saveCommentDraft({ applicationId, target: entry.target, text }));
      const now = get().drafts[key];
      if (!now) return result.ok;
      if (!result.ok) {
        patch(key, { phase: 'failed', error: result.error.message });
        return false;
      }
      const current = now.text === text;
      // Newer text was typed meanwhile: it has its own save coming, so this is not 已保存 yet.
      patch(key, {
        savedText: text,
        savedAt: result.value.savedAt,
        phase: current ? 'saved' : 'editing',
        error: null,
      });
      return current;
    };

    const save = (key: string): Promise<boolean> => {
      stopTimer(key);
      const previous = queues.get(key) ?? Promise.resolve(true);
      const next = previous.then(() => saveOnce(key));
      queues.set(key, next);
      void next.finally(() => {
        if (queues.get(key) === next) queues.delete(key);
      });
      return next;
    };

    /** Saves until the box's text is on disk, or a save fails. */
    const flushKey = async (key: string): Promise<boolean> => {
      for (;;) {
        const ok = await save(key);
        const entry = get().drafts[key];
        if (!ok && (!entry || entry.phase === 'failed')) return false;
        if (!entry || !isUnsaved(entry)) return true;
      }
    };

    const apply = (state: ReviewState) => {
      const server = new Map(state.drafts.map((d) => [targetKey(d.target), d]));
      const drafts: Record<string, DraftEntry> = {};
      for (const [key, d] of server) {
        const local = get().drafts[key];
        drafts[key] =
          local && isUnsaved(local)
            ? { ...local, savedText: d.text }
            : {
                target: d.target,
                text: d.text,
                savedText: d.text,
                phase: 'saved',
                savedAt: d.updatedAt,
                error: null,
              };
      }
      // A box with unsaved text keeps it even when the core has nothing for it (never lose typed text);
      // a saved one the core no longer has went out with a decision or was discarded.
      for (const [key, local] of Object.entries(get().drafts)) {
        if (!server.has(key) && isUnsaved(local)) drafts[key] = { ...local, savedText: '' };
      }
      set({ drafts, decision: settled(get().decision, state.decision) });
    };

    return {
      loaded: false,
      loadError: null,
      drafts: {},
      decision: null,
      busy: false,

      async load() {
        const result = await call((api) => api.getReviewState({ applicationId }));
        if (!result.ok) {
          set({ loadError: result.error });
          return;
        }
        apply(result.value);
        set({ loaded: true, loadError: null });
        // Text that could not be saved before tries again.
        for (const [key, entry] of Object.entries(get().drafts)) {
          if (isUnsaved(entry) && !timers.has(key) && !queues.has(key)) void save(key);
        }
      },

      forgetApplied() {
        if (get().decision?.status === 'applied') set({ decision: null });
      },

      edit(target, text) {
        const key = targetKey(target);
        const entry: DraftEntry = get().drafts[key] ?? {
          target,
          text: '',
          savedText: '',
          phase: 'idle',
          savedAt: null,
          error: null,
        };
        set((s) => ({ drafts: { ...s.drafts, [key]: { ...entry, text, phase: 'editing', error: null } } }));
        stopTimer(key);
        timers.set(
          key,
          setTimeout(() => {
            timers.delete(key);
            void save(key);
          }, debounceMs),
        );
      },

      flush(target) {
        return flushKey(targetKey(target));
      },

      async flushAll() {
        const keys = Object.keys(get().drafts).filter((key) => {
          const entry = get().drafts[key];
          return timers.has(key) || queues.has(key) || (entry !== undefined && isUnsaved(entry));
        });
        const results = await Promise.all(keys.map(flushKey));
        return results.every(Boolean);
      },

      async decide(transitionId, publicity) {
        set({ busy: true });
        try {
          // The core sends the drafts it has on disk: what is on screen must be there first.
          if (!(await get().flushAll())) {
            return { code: 'BAD_REQUEST', message: '有修改意见未能保存,请处理后再提交审核结果' };
          }
          const result = await call((api) =>
            api.decide({ applicationId, transitionId, ...(publicity ? { publicity } : {}) }),
          );
          if (!result.ok) return result.error;
          apply(result.value);
          return null;
        } finally {
          set({ busy: false });
        }
      },

      async resolveConflict(action) {
        set({ busy: true });
        try {
          if (action === 'reapply' && !(await get().flushAll())) {
            return { code: 'BAD_REQUEST', message: '有修改意见未能保存,请处理后再重新提交' };
          }
          const result = await call((api) => api.resolveConflict({ applicationId, action }));
          if (!result.ok) return result.error;
          apply(result.value);
          return null;
        } finally {
          set({ busy: false });
        }
      },

      dispose() {
        for (const key of [...timers.keys()]) void save(key);
      },
    };
  });
}
