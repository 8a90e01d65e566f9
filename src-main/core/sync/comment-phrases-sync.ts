import { AppFailure } from '../../../src-shared/contracts';
import { commentPhraseProblem } from '../../../src-shared/domain/comment-phrases';
import type { ApplicationCache } from '../cache/application-cache';
import type { ServerClient } from '../server-client/server-client';

/**
 * One sync of the reviewer's 常用意见 (cache/cache-comment-phrases.ts), run by the sync engine after the
 * pull: an edit made here is sent on the version it was made from; when the server answers that its list
 * moved on, the edit is merged into the server's list and the merge is sent (a few rounds at most: each
 * round means another PC saved in between). With nothing pending, the server's list is taken. A save
 * runs it too, at once, to send only (SyncEngine.sendCommentPhrases).
 *
 * An unreachable server fails the step (and the run, as offline), the edit staying pending for the next
 * run. A list the server refuses as it is (the merge exceeded the limit) stays pending with the reason,
 * for the reviewer to shorten in 常用意见; a server without the route (older) is left alone.
 */

export interface CommentPhrasesSyncOptions {
  cache: ApplicationCache;
  server: ServerClient;
  withToken: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  now: () => Date;
  /** Only send a pending edit (a save asked): with nothing pending there is nothing to do. */
  sendOnly?: boolean;
}

/** Send-and-merge rounds per run; more happen only when other PCs keep saving, and the next run goes on. */
const MAX_ROUNDS = 3;

export async function syncCommentPhrases({
  cache,
  server,
  withToken,
  now,
  sendOnly = false,
}: CommentPhrasesSyncOptions): Promise<void> {
  const phrases = cache.phrases;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const local = phrases.snapshot();
      if (!local.pending) {
        if (sendOnly) return;
        const list = await withToken((token) => server.call('getCommentPhraseList', {}, token));
        phrases.takeServerList(list, now().toISOString());
        return;
      }
      const problem = commentPhraseProblem(local.phrases);
      if (problem !== null) {
        phrases.setProblem(`常用意见未同步:${problem[1]}`);
        return;
      }
      let answer;
      try {
        answer = await withToken((token) =>
          server.call(
            'saveCommentPhraseList',
            { phrases: local.phrases, baseVersion: local.baseVersion },
            token,
          ),
        );
      } catch (error) {
        if (error instanceof AppFailure && error.error.code === 'BAD_REQUEST') {
          const reason = Object.values(error.error.fields ?? {})[0] ?? error.error.message;
          phrases.setProblem(`常用意见未同步:${reason}`);
          return;
        }
        throw error;
      }
      if (answer.outcome === 'saved') {
        phrases.accepted(answer.list, local.revision, now().toISOString());
        // Edited again while it was on its way: the next round sends that edit.
        if (!phrases.snapshot().pending) return;
      } else if (!phrases.rebase(answer.list, now().toISOString())) {
        return;
      }
    }
  } catch (error) {
    // A server from before 常用意见: the list stays as this client has it.
    if (error instanceof AppFailure && error.error.code === 'NOT_FOUND') return;
    throw error;
  }
}
