import type { DeclareRoute } from '../http/route';
import { readPhraseList, replacePhraseList } from './phrase-lists';

/**
 * 常用意见: every signed-in account reads and replaces its own list, never another's (the account comes
 * from the session, not from the request). A save made on an older version than the server's is not an
 * error of the request: it is answered with the server's list (outcome 'conflict'), and the client
 * merges its edit into that list and saves again (src-main/core/sync/comment-phrases-sync.ts).
 */
export function commentPhraseRoutes(route: DeclareRoute) {
  route('getCommentPhraseList', async (_input, { db, session }) => readPhraseList(db, session.userId));

  route('saveCommentPhraseList', async ({ phrases, baseVersion }, { db, session, now }) => {
    // Saved: the list exactly as stored, which the client's next edit is made from (a read after the
    // write could already show another instance's newer save).
    const saved = await replacePhraseList(db, session.userId, phrases, baseVersion, now());
    if (saved !== null) return { outcome: 'saved', list: saved };
    return { outcome: 'conflict', list: await readPhraseList(db, session.userId) };
  });
}
