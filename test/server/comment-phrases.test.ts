import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-server/listen';
import {
  commentPhraseListStateSchema,
  saveCommentPhraseListResponseSchema,
} from '../../src-shared/contracts/comment-phrases';
import { PRESET_COMMENT_PHRASES } from '../../src-shared/domain/comment-phrases';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, testClock, testConfig } from './helpers';

/**
 * 常用意见 on the server (migration 0010, src-server/comment-phrases): each account reads and replaces
 * its own list, which starts as the presets; a save names the version it was made on, and one made on
 * an older version is answered with the server's list instead of overwriting it.
 */

describeEachDatabase('the comment phrases', (fresh) => {
  const clock = testClock('2026-03-02T02:00:00.000Z');
  let server: RunningServer;
  /** A second instance on the same database, as behind a load balancer. */
  let other: RunningServer;
  let unitToken: string;
  let deptToken: string;

  beforeAll(async () => {
    const config = testConfig(await fresh(), { now: clock.now });
    server = await startServer(config);
    other = await startServer(config);
    unitToken = await login(server.url, 'unitadmin', 'Unit@2026');
    deptToken = await login(server.url, 'deptadmin', 'Dept@2026');
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  const put = (body: unknown, token?: string, base = server.url) =>
    fetch(`${base}/api/comment-phrases`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
  const list = async (token: string, base = server.url) =>
    expectOk(await getJson(`${base}/api/comment-phrases`, token), commentPhraseListStateSchema);

  it('gives a new account the presets at version 0, and nothing to anyone signed out', async () => {
    expect(await list(unitToken)).toEqual({
      phrases: [...PRESET_COMMENT_PHRASES],
      version: 0,
      updatedAt: null,
    });
    await expectError(await getJson(`${server.url}/api/comment-phrases`), 401, 'UNAUTHENTICATED');
    await expectError(await put({ phrases: [], baseVersion: 0 }), 401, 'UNAUTHENTICATED');
  });

  it('saves a list on its version for its own account only, trimmed, and answers it', async () => {
    const answer = await expectOk(
      await put({ phrases: ['  请核对参加工作时间 ', '请补充职称证书'], baseVersion: 0 }, unitToken),
      saveCommentPhraseListResponseSchema,
    );
    expect(answer).toEqual({
      outcome: 'saved',
      list: {
        phrases: ['请核对参加工作时间', '请补充职称证书'],
        version: 1,
        updatedAt: '2026-03-02T02:00:00.000Z',
      },
    });
    // Another instance reads it at once; another account still has its presets.
    expect((await list(unitToken, other.url)).phrases).toEqual(['请核对参加工作时间', '请补充职称证书']);
    expect(await list(deptToken)).toMatchObject({ phrases: [...PRESET_COMMENT_PHRASES], version: 0 });

    // Deleting every phrase, presets included, is a list like any other.
    const emptied = await expectOk(
      await put({ phrases: [], baseVersion: 1 }, unitToken, other.url),
      saveCommentPhraseListResponseSchema,
    );
    expect(emptied).toMatchObject({ outcome: 'saved', list: { phrases: [], version: 2 } });
  });

  it('answers a save on an older version with the server’s list, which it leaves as it was', async () => {
    const current = await list(unitToken);
    const stale = await expectOk(
      await put({ phrases: ['离线时写的'], baseVersion: current.version - 1 }, unitToken),
      saveCommentPhraseListResponseSchema,
    );
    expect(stale).toEqual({ outcome: 'conflict', list: current });
    // A version the server never had is stale too, and so is 0 once the account has a list.
    for (const baseVersion of [current.version + 5, 0]) {
      const answer = await expectOk(
        await put({ phrases: ['离线时写的'], baseVersion }, unitToken),
        saveCommentPhraseListResponseSchema,
      );
      expect(answer.outcome).toBe('conflict');
    }
    expect(await list(unitToken)).toEqual(current);
  });

  it('lets only one of two saves on the same version win, on two instances at once', async () => {
    const { version } = await list(deptToken);
    const answers = await Promise.all(
      ['甲', '乙'].map(async (phrase, index) =>
        expectOk(
          await put(
            { phrases: [phrase], baseVersion: version },
            deptToken,
            index === 0 ? server.url : other.url,
          ),
          saveCommentPhraseListResponseSchema,
        ),
      ),
    );
    expect(answers.map((answer) => answer.outcome).sort()).toEqual(['conflict', 'saved']);
    const winner = answers.find((answer) => answer.outcome === 'saved');
    expect((await list(deptToken)).phrases).toEqual(winner?.list.phrases);
    expect((await list(deptToken)).version).toBe(version + 1);
  });

  it('refuses a list it cannot keep with 400 and a Chinese message for the phrase at fault', async () => {
    const before = await list(unitToken);
    const tooMany = Array.from({ length: 101 }, (_, index) => `第${index + 1}条意见`);
    const cases: Array<[phrases: unknown, field: string, message: string]> = [
      [['请核对', '   '], 'phrases.1', '常用意见不能为空'],
      [['请核对', 'x'.repeat(201)], 'phrases.1', '每条常用意见不能超过200个字'],
      [['请核对', '第一行\n第二行'], 'phrases.1', '常用意见不能包含换行'],
      [['请核对', '请补充', ' 请核对 '], 'phrases.2', '第3条常用意见与第1条重复'],
      [tooMany, 'phrases', '常用意见最多100条,请先删除不用的'],
      [[42], 'phrases.0', ''],
      ['请核对', 'phrases', ''],
    ];
    for (const [phrases, field, message] of cases) {
      const error = await expectError(
        await put({ phrases, baseVersion: before.version }, unitToken),
        400,
        'BAD_REQUEST',
      );
      expect(error.fields?.[field], JSON.stringify(phrases).slice(0, 40)).toBeDefined();
      if (message !== '') expect(error.fields?.[field]).toBe(message);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // Exactly 100 phrases of 200 characters each are fine.
    const largest = Array.from({ length: 100 }, (_, index) => `${index}`.padEnd(200, '意'));
    const saved = await expectOk(
      await put({ phrases: largest, baseVersion: before.version }, unitToken),
      saveCommentPhraseListResponseSchema,
    );
    expect(saved.outcome).toBe('saved');
    await expectError(await put({ phrases: [], baseVersion: -1 }, unitToken), 400, 'BAD_REQUEST');
    await expectError(await put({ phrases: [], baseVersion: 1, extra: 1 }, unitToken), 400, 'BAD_REQUEST');
  });
});
