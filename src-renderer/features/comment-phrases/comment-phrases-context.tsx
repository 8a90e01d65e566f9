import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useAppEvents } from '../../api/app-api-context';
import { useSession } from '../auth/session-context';
import { CommentPhrasesManager } from './CommentPhrasesManager';
import {
  createCommentPhrasesStore,
  type CommentPhrasesState,
  type CommentPhrasesStore,
} from './comment-phrases-store';

/** Without a provider (a screen rendered on its own) there is no list: comment boxes are plain boxes. */
const CommentPhrasesContext = createContext<CommentPhrasesStore | null>(null);

/**
 * Holds the reviewer's 常用意见 while someone is signed in: loaded once, and again after each sync; and
 * the one 管理常用意见 dialog, which every picker and 设置 open.
 */
export function CommentPhrasesProvider({ children }: { children: ReactNode }) {
  const call = useSession((s) => s.call);
  const events = useAppEvents();
  const [store] = useState(() => createCommentPhrasesStore(call, events));
  useEffect(() => store.getState().start(), [store]);
  return (
    <CommentPhrasesContext.Provider value={store}>
      {children}
      <CommentPhrasesManager />
    </CommentPhrasesContext.Provider>
  );
}

/** The list's store, or null outside a signed-in screen. */
export function useCommentPhrasesStore(): CommentPhrasesStore | null {
  return useContext(CommentPhrasesContext);
}

/** Reads the store; only inside CommentPhrasesProvider. */
export function useCommentPhrases<T>(select: (state: CommentPhrasesState) => T): T {
  const store = useContext(CommentPhrasesContext);
  if (!store) throw new Error('useCommentPhrases outside CommentPhrasesProvider');
  return useStore(store, select);
}
