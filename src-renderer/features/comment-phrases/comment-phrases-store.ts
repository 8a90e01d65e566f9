import { createStore } from 'zustand/vanilla';
import type { AppError, AppEventSource, CommentPhrases } from '../../../src-shared/contracts';
import type { SessionStoreState } from '../auth/session-store';

/** The manager's edit of the list, with the core's list it was made from (to merge with a newer one). */
export interface PhraseListDraft {
  phrases: readonly string[];
  base: readonly string[];
}

export interface CommentPhrasesState {
  /** The core's copy of the reviewer's 常用意见 (offline too); null until the core has answered. */
  list: CommentPhrases | null;
  /** The last read failed (the list shown, if any, is the one read before). */
  loadError: AppError | null;
  /** Reads the list from the core. */
  load(): Promise<void>;
  /** Loads now and again after every sync (a sync may bring another PC's edits); answers the stop function. */
  start(): () => void;
  /**
   * Keeps a new list in the core (on disk), which sends it at once when online and answers the list as
   * the server took it (merged, if another PC saved since); offline, or not taken, it is pending until a
   * sync has sent it. Answers the failure, or null.
   */
  save(phrases: readonly string[]): Promise<AppError | null>;
  /**
   * The manager's edits not saved yet, kept for the session: closing the manager or a failed save
   * loses nothing typed. null when there are none.
   */
  draft: PhraseListDraft | null;
  keepDraft(draft: PhraseListDraft | null): void;
  /** The manager is open (from a picker or from 设置): one manager for the whole signed-in screen. */
  managerOpen: boolean;
  openManager(): void;
  closeManager(): void;
}

export type CommentPhrasesStore = ReturnType<typeof createCommentPhrasesStore>;

/** 常用意见 as the signed-in reviewer's client has it (getCommentPhrases / saveCommentPhrases). */
export function createCommentPhrasesStore(call: SessionStoreState['call'], events: AppEventSource) {
  return createStore<CommentPhrasesState>()((set, get) => {
    // Only the latest answer counts: a slow read must not replace a list saved after it was asked for.
    let reading = 0;
    return {
      list: null,
      loadError: null,
      draft: null,
      managerOpen: false,

      async load() {
        const ticket = (reading += 1);
        const result = await call((api) => api.getCommentPhrases());
        if (ticket !== reading) return;
        if (result.ok) set({ list: result.value, loadError: null });
        else set({ loadError: result.error });
      },

      start() {
        void get().load();
        return events.subscribe((event) => {
          if (event.name === 'syncStatus' && event.payload.phase === 'idle') void get().load();
        });
      },

      async save(phrases) {
        const result = await call((api) =>
          api.saveCommentPhrases({ phrases: phrases.map((phrase) => phrase.trim()) }),
        );
        if (!result.ok) return result.error;
        reading += 1;
        set({ list: result.value, loadError: null });
        return null;
      },

      keepDraft(draft) {
        set({ draft });
      },

      openManager() {
        set({ managerOpen: true });
      },

      closeManager() {
        set({ managerOpen: false });
      },
    };
  });
}
