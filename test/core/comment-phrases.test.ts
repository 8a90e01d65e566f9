import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { PRESET_COMMENT_PHRASES } from '../../src-shared/domain/comment-phrases';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

/**
 * 常用意见 in the client (cache/cache-comment-phrases.ts, sync/comment-phrases-sync.ts): the list comes
 * from the server at sync and is there offline; an edit made offline is kept in the cache, across a
 * restart, and sent at the next sync; when another PC of the account saved meanwhile, the two edits are
 * merged, never one dropped; two clients of one account see each other's list after a sync.
 */

const PHRASES_PATH = '/api/comment-phrases';

let server: DemoServer;
let proxy: FaultProxy;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  proxy = await startFaultProxy(server.url);
}, 60_000);

afterAll(async () => {
  for (const core of cores) await core.close();
  await proxy?.close();
  await server?.close();
});

/** A client of the unit's administrator with its own data folder (or the one given), signed in and synced. */
async function openClient(name: string, serverUrl = server.url) {
  const core = createAppCore({
    serverUrl,
    mode: 'remote',
    dataDir: path.join(server.clientDataDir, name),
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 3_600_000,
  });
  cores.push(core);
  const { user } = await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
  const workspace = core.workspace();
  if (user === null || workspace === null) throw new Error('login failed');
  await workspace.syncAndWait();
  return { core, workspace };
}

/** The phrase requests fail as if the network were gone; everything else gets through. */
function phrasesUnreachable() {
  proxy.setRule((request) => (request.path.startsWith(PHRASES_PATH) ? 'drop' : null));
}

describe('the comment phrases in the client', () => {
  it('has the presets before any edit, from the server at the first sync', async () => {
    const { core } = await openClient('first');
    const phrases = await core.handlers.getCommentPhrases(undefined);
    expect(phrases).toMatchObject({ phrases: [...PRESET_COMMENT_PHRASES], pending: false, problem: null });
    expect(phrases.syncedAt).not.toBeNull();
  });

  it('sends a list saved online at once, not pending, and another PC of the account has it at its sync', async () => {
    // The saving clients never sync again (their interval is an hour): the save itself sends the list.
    const office = await openClient('office-pc');
    const home = await openClient('home-pc');
    const list = ['请核对参加工作时间', '请上传清晰的扫描件', '请补充职称证书'];
    expect(await office.core.handlers.saveCommentPhrases({ phrases: list })).toMatchObject({
      phrases: list,
      pending: false,
      problem: null,
    });
    expect(await office.core.handlers.getLocalDataSummary(undefined)).toMatchObject({
      commentPhrasesPending: false,
    });

    await home.workspace.syncAndWait();
    expect((await home.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(list);

    // And back: the home PC reorders and deletes, the office PC sees it.
    const reordered = ['请补充职称证书', '请核对参加工作时间'];
    expect(await home.core.handlers.saveCommentPhrases({ phrases: reordered })).toMatchObject({
      pending: false,
    });
    await office.workspace.syncAndWait();
    expect((await office.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(reordered);
  });

  it('sends a list saved while a sync runs, and answers it sent', async () => {
    const { core, workspace } = await openClient('busy-pc');
    const list = ['同步进行时保存的意见', '请核对参加工作时间'];
    const running = workspace.syncAndWait();
    expect(await core.handlers.saveCommentPhrases({ phrases: list })).toMatchObject({
      phrases: list,
      pending: false,
    });
    await running;
    expect(await core.handlers.getCommentPhrases(undefined)).toMatchObject({ phrases: list, pending: false });
    const other = await openClient('busy-pc-other');
    expect((await other.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(list);
  });

  it('merges a list saved online with one another PC saved since the last sync, and answers the merge', async () => {
    const office = await openClient('office-race');
    const laptop = await openClient('laptop-race');
    const base = (await laptop.core.handlers.getCommentPhrases(undefined)).phrases;
    await office.core.handlers.saveCommentPhrases({ phrases: ['办公室先保存的意见', ...base] });

    // The laptop has not synced since: its edit was made from the older list.
    const merged = ['办公室先保存的意见', ...base.slice(1), '笔记本随后保存的意见'];
    expect(
      await laptop.core.handlers.saveCommentPhrases({ phrases: [...base.slice(1), '笔记本随后保存的意见'] }),
    ).toMatchObject({ phrases: merged, pending: false, problem: null });
    await office.workspace.syncAndWait();
    expect((await office.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(merged);
  });

  it('keeps an offline edit across a restart, sends it at the next sync and merges it with a newer list', async () => {
    const office = await openClient('office-merge');
    const base = (await office.core.handlers.getCommentPhrases(undefined)).phrases;
    const laptop = await openClient('laptop', proxy.url);
    expect((await laptop.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(base);

    // Offline, the laptop adds a phrase and deletes the first one.
    phrasesUnreachable();
    const offlineEdit = [...base.slice(1), '离线时添加的意见'];
    expect(await laptop.core.handlers.saveCommentPhrases({ phrases: offlineEdit })).toMatchObject({
      phrases: offlineEdit,
      pending: true,
    });
    await laptop.workspace.syncAndWait();
    expect(laptop.workspace.syncStatus().phase).toBe('offline');
    expect(await laptop.core.handlers.getCommentPhrases(undefined)).toMatchObject({
      phrases: offlineEdit,
      pending: true,
    });
    // 退出并清除本地数据 would lose it: its warning says so.
    expect(await laptop.core.handlers.getLocalDataSummary(undefined)).toMatchObject({
      commentPhrasesPending: true,
    });

    // Closed and started again, still offline: the edit is still there, still waiting.
    await laptop.core.close();
    const restarted = await openClient('laptop', proxy.url);
    expect(await restarted.core.handlers.getCommentPhrases(undefined)).toMatchObject({
      phrases: offlineEdit,
      pending: true,
    });

    // Meanwhile the office PC saves a newer list: one phrase added at the top.
    await office.core.handlers.saveCommentPhrases({ phrases: ['办公室添加的意见', ...base] });
    await office.workspace.syncAndWait();

    // Back online: neither edit is lost, and the older offline list did not overwrite the newer one.
    proxy.setRule(null);
    await restarted.workspace.syncAndWait();
    const merged = ['办公室添加的意见', ...base.slice(1), '离线时添加的意见'];
    expect(await restarted.core.handlers.getCommentPhrases(undefined)).toMatchObject({
      phrases: merged,
      pending: false,
      problem: null,
    });
    expect(await restarted.core.handlers.getLocalDataSummary(undefined)).toMatchObject({
      commentPhrasesPending: false,
    });
    await office.workspace.syncAndWait();
    expect((await office.core.handlers.getCommentPhrases(undefined)).phrases).toEqual(merged);
  });

  it('keeps a merge the server cannot take pending, with the reason, until the reviewer shortens it', async () => {
    const office = await openClient('office-full');
    const laptop = await openClient('laptop-full', proxy.url);
    phrasesUnreachable();
    const base = (await laptop.core.handlers.getCommentPhrases(undefined)).phrases;
    await laptop.core.handlers.saveCommentPhrases({ phrases: [...base, '笔记本上添加的意见'] });
    await laptop.workspace.syncAndWait();

    const full = Array.from({ length: 100 }, (_, index) => `办公室的第${index + 1}条意见`);
    await office.core.handlers.saveCommentPhrases({ phrases: full });
    await office.workspace.syncAndWait();

    proxy.setRule(null);
    await laptop.workspace.syncAndWait();
    const stuck = await laptop.core.handlers.getCommentPhrases(undefined);
    expect(stuck.pending).toBe(true);
    expect(stuck.problem).toBe('常用意见未同步:常用意见最多100条,请先删除不用的');
    expect(stuck.phrases).toEqual([...full, '笔记本上添加的意见']);

    const shortened = stuck.phrases.slice(1);
    await laptop.core.handlers.saveCommentPhrases({ phrases: shortened });
    await laptop.workspace.syncAndWait();
    expect(await laptop.core.handlers.getCommentPhrases(undefined)).toMatchObject({
      phrases: shortened,
      pending: false,
      problem: null,
    });
  });

  it('refuses a list it cannot keep through the app API with a Chinese message', async () => {
    const { core } = await openClient('refusing');
    const { dispatchAppCall } = await import('../../src-main/core/app-api/dispatch');
    const answer = await dispatchAppCall(core.handlers, 'saveCommentPhrases', {
      phrases: ['请核对', '请核对'],
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_CALL',
        message: '第2条常用意见与第1条重复',
        fields: { 'phrases.1': '第2条常用意见与第1条重复' },
      },
    });
    expect((await core.handlers.getCommentPhrases(undefined)).pending).toBe(false);
  });
});
