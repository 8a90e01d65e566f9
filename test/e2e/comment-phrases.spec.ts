import type { Locator, Page } from '@playwright/test';
import { readPhraseList } from '../../src-server/comment-phrases/phrase-lists';
import { expect, screenshotPath, test } from './fixtures';
import { closeDialog, firstWaiting, openReviewDialog, signIn, UNIT, useReviewWorld } from './review-world';

/**
 * 常用意见 as a unit's reviewer uses them: in 申请书审核 a preset goes into a comment box through the
 * 常用意见 button and through a typed `/`, a phrase of their own is added in 管理常用意见 and used at
 * once (the save sends it to the server at once), and every comment is saved as a draft. Then offline:
 * an edit of the list made in 设置 waits as 待同步 and reaches the server once it is back.
 */

const world = useReviewWorld('comment-phrases');

/** The comment box with this label and the group holding it (its save status, its 常用意见 button). */
function commentBox(dialog: Locator, label: string) {
  const box = dialog.getByLabel(label, { exact: true });
  // The box's own group is the innermost one holding it (a `has` locator is relative to the group).
  const group = dialog
    .getByRole('group')
    .filter({ has: dialog.page().getByLabel(label, { exact: true }) })
    .last();
  return { box, group };
}

/** The list of phrases open under a box. */
const phraseList = (page: Page) => page.getByRole('listbox', { name: '常用意见' });

async function serverPhrases(account: string): Promise<string[]> {
  const db = world.server.platform.db;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('account', '=', account)
    .executeTakeFirstOrThrow();
  return (await readPhraseList(db, user.id)).phrases;
}

test('a reviewer inserts presets and a phrase of their own into comments, and edits the list offline', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, world, UNIT);
  const applicationNo = await firstWaiting(page);
  const dialog = await openReviewDialog(page, applicationNo);

  // The 常用意见 button: searched, chosen with the mouse.
  const basic = commentBox(dialog, '基本信息的修改意见');
  await basic.group.getByRole('button', { name: '常用意见' }).click();
  await expect(phraseList(page)).toBeVisible();
  await page.getByLabel('搜索常用意见').fill('扫描件');
  await phraseList(page).getByRole('option', { name: '请上传清晰的扫描件' }).click();
  await expect(basic.box).toHaveValue('请上传清晰的扫描件');
  await expect(phraseList(page)).toBeHidden();

  // A typed `/`: filtered by what follows it, chosen with Enter, in place of the `/…`.
  await basic.box.press('End');
  await basic.box.pressSequentially(' /核对');
  await expect(phraseList(page).getByRole('option')).toHaveText([
    '请核对参加工作时间',
    '请核对现任专业技术职务的取得时间和聘任时间',
    '年度考核结果与单位存档不一致,请核对',
  ]);
  await page.screenshot({ path: screenshotPath('comment-phrases') });
  await basic.box.press('Enter');
  await expect(basic.box).toHaveValue('请上传清晰的扫描件 请核对参加工作时间');
  // Enter was the list's: the dialog is open and the comment is saved as typed text is.
  await expect(basic.group).toContainText('已保存');

  // Tab from the box leads past the list (Chromium would stop on a scrolling list) to 管理常用意见…; Esc
  // there closes the list only, back in the box.
  await basic.box.pressSequentially(' /');
  await expect(phraseList(page)).toBeVisible();
  await basic.box.press('Tab');
  await expect(page.getByRole('button', { name: '管理常用意见…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(phraseList(page)).toBeHidden();
  await expect(basic.box).toBeFocused();
  await expect(dialog).toBeVisible();
  await basic.box.press('Backspace');
  await basic.box.press('Backspace');
  await expect(basic.box).toHaveValue('请上传清晰的扫描件 请核对参加工作时间');
  // A `/` left before the caret (its list closed as the focus went to another box) opens nothing when the
  // focus comes back: here from the 常用意见 button's list, closed with Esc. Only a typed `/` opens the
  // list, so one Esc is enough and Enter is a line break again.
  await basic.box.pressSequentially(' /');
  await expect(phraseList(page)).toBeVisible();
  await dialog.getByLabel('教育经历的修改意见', { exact: true }).focus();
  await expect(phraseList(page)).toBeHidden();
  await basic.group.getByRole('button', { name: '常用意见' }).click();
  await expect(page.getByLabel('搜索常用意见')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(basic.box).toBeFocused();
  await basic.box.press('Enter');
  await expect(basic.box).toHaveValue('请上传清晰的扫描件 请核对参加工作时间 /\n');
  await expect(phraseList(page)).toBeHidden();
  for (let typed = 0; typed < 3; typed += 1) await basic.box.press('Backspace');
  await expect(basic.box).toHaveValue('请上传清晰的扫描件 请核对参加工作时间');

  // 管理常用意见 from the picker: a phrase of the reviewer's own, saved, and at once in the list.
  const education = commentBox(dialog, '教育经历的修改意见');
  await education.group.getByRole('button', { name: '常用意见' }).click();
  await page.getByRole('button', { name: '管理常用意见…' }).click();
  const manager = page.getByRole('dialog', { name: '管理常用意见' });
  await manager.getByRole('button', { name: '添加常用意见' }).click();
  await manager.getByLabel('第9条常用意见', { exact: true }).fill('请补充单位推荐意见');
  await manager.getByRole('button', { name: '上移第9条常用意见' }).click();
  await expect(manager.getByLabel('第8条常用意见', { exact: true })).toHaveValue('请补充单位推荐意见');
  await manager.getByRole('button', { name: '保存', exact: true }).click();
  await expect(manager).toBeHidden();
  // Online, the save sends the list at once: 已保存 (not 待同步) means the server has it.
  const saved = page.getByText('常用意见已保存', { exact: true });
  await expect(saved).toBeVisible();
  expect((await serverPhrases(UNIT.account)).indexOf('请补充单位推荐意见')).toBe(7);

  await education.box.click();
  await education.box.pressSequentially('/推荐');
  await expect(phraseList(page).getByRole('option')).toHaveText(['请补充单位推荐意见']);
  await education.box.press('Enter');
  await expect(education.box).toHaveValue('请补充单位推荐意见');
  await education.box.blur();
  await expect(education.group).toContainText('已保存');
  await expect(dialog.getByText('此申请书有2条修改意见,是否全部显示')).toBeVisible();

  await closeDialog(dialog);

  // Offline: an edit in 设置 → 常用意见 is kept here and waits as 待同步 (its own message, once the
  // first one has gone).
  await expect(saved).toBeHidden();
  await world.stopServer();
  await page.getByRole('button', { name: '立即同步' }).click();
  await page.getByRole('menuitem', { name: '设置' }).click();
  const card = page.locator('.ant-card').filter({ hasText: '管理常用意见' });
  // The list saved online waits for nothing.
  await expect(card.getByText('共9条')).toBeVisible();
  await expect(card.getByText('待同步')).toBeHidden();
  await card.getByRole('button', { name: '管理常用意见' }).click();
  await manager.getByRole('button', { name: '删除第1条常用意见' }).click();
  await manager.getByRole('button', { name: '添加常用意见' }).click();
  await manager.getByLabel('第9条常用意见', { exact: true }).fill('离线时添加的意见');
  await manager.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('常用意见已保存在本机,待同步到服务器')).toBeVisible();
  await expect(card.getByText('待同步')).toBeVisible();
  await expect(card.getByText('共9条')).toBeVisible();

  // The server is back: the next sync sends the edit.
  await world.startServer();
  await expect.poll(() => serverPhrases(UNIT.account), { timeout: 60_000 }).toContain('离线时添加的意见');
  const onServer = await serverPhrases(UNIT.account);
  expect(onServer).not.toContain('请上传清晰的扫描件');
  expect(onServer.at(-1)).toBe('离线时添加的意见');
  await expect(card.getByText('待同步')).toBeHidden({ timeout: 30_000 });
});
