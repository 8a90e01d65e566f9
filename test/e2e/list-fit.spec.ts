import type { Locator, Page } from '@playwright/test';
import { comparePersonNames } from '../../src-shared/domain/pinyin-key';
import { expect, screenshotPath, test } from './fixtures';
import {
  cellText,
  DEPT,
  listRows,
  signIn,
  signOut,
  statusFilter,
  UNIT,
  useReviewWorld,
} from './review-world';

/**
 * The list on the common unit PC (issue 16, parts 5 and 6): at 1366×768 (a 728 px high page inside the
 * window) the unit administrator sees the whole list at once, each row one line high, the header and
 * pagination on screen and only the rows scrolling; a cut 申请资格 shows in full on hover; 姓名 sorts in
 * pinyin; "wx" finds 吴雪 of the demo hospital. The department's list, with its 所在单位 column, fits
 * as well. In a world of its own so no other journey's place (the list remembers filter, search and
 * sort) carries over.
 */

const world = useReviewWorld('list-fit');

test.use({ viewport: { width: 1366, height: 728 } });

/** A row of the small table with one line of text: 22 px of text, 8 px padding above and below, a border. */
const ONE_LINE_ROW_PX = 41;

async function columnIndex(page: Page, title: string): Promise<number> {
  const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((text) => text.trim());
  const index = headers.indexOf(title);
  if (index < 0) throw new Error(`no column ${title} in ${headers.join('|')}`);
  return index;
}

async function namesOnPage(page: Page): Promise<string[]> {
  const rows = listRows(page);
  const names: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) names.push(await cellText(page, rows.nth(i), '姓名'));
  return names;
}

/** Whether the text in this cell is wider than the cell shows (cut with an ellipsis). */
async function isCut(text: Locator): Promise<boolean> {
  return text.evaluate((el) => el.scrollWidth > el.clientWidth);
}

test('the unit’s and the department’s lists fit 1366×768: one-line rows, full text on hover, pinyin order and initials', async ({
  page,
}) => {
  await signIn(page, world, UNIT);
  await expect(page.getByText('已同步')).toBeVisible();
  const rows = listRows(page);

  // 全部, 50 a page: the demo hospital's 24 applications on one page.
  await statusFilter(page, '全部').click();
  await expect(page.getByText('共 24 条')).toBeVisible();
  await page.locator('.ant-pagination-options').getByText('20 条/页').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '50 条/页' }).click();
  await expect(rows).toHaveCount(24);

  // Each row one line high.
  const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThanOrEqual(15);
  for (const height of heights) expect(height).toBeLessThanOrEqual(ONE_LINE_ROW_PX);
  // The page itself does not scroll: the rows scroll inside the list, between its header and pagination.
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fits).toBe(true);
  await expect(page.getByRole('columnheader', { name: '申请资格' })).toBeInViewport();
  await expect(page.locator('.ant-pagination')).toBeInViewport();
  await expect(page.getByText('共 24 条')).toBeInViewport();
  const body = page.locator('.ant-table-body');
  expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  // No sideways scrolling at this width: every column shows, 操作 too.
  expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(rows.first().getByRole('button', { name: '查看' })).toBeInViewport();

  // A 申请资格 too long for its column is cut; hovering it shows all of it.
  const qualification = await columnIndex(page, '申请资格');
  const texts = rows.locator(`td:nth-child(${qualification + 1}) [tabindex="0"]`);
  let cut: Locator | null = null;
  for (let i = 0; i < (await texts.count()) && cut === null; i++) {
    if (await isCut(texts.nth(i))) cut = texts.nth(i);
  }
  if (cut === null)
    throw new Error('no 申请资格 is cut at 1366 px: the check of the tooltip has nothing to hover');
  const full = (await cut.textContent()) ?? '';
  await cut.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: full })).toBeVisible();
  await page.screenshot({ path: screenshotPath('list-1366') });
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip').filter({ hasText: full })).toBeHidden();
  // From the keyboard too: the cut text takes focus and shows its tooltip.
  await cut.focus();
  await expect(page.getByRole('tooltip').filter({ hasText: full })).toBeVisible();
  await cut.blur();

  // 姓名 in pinyin order, as the shared comparator orders names; not by code points.
  await page.getByRole('columnheader', { name: '姓名' }).click();
  await expect(page.getByRole('columnheader', { name: '姓名' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => namesOnPage(page)).toEqual((await namesOnPage(page)).sort(comparePersonNames));
  const names = await namesOnPage(page);
  expect(names).toHaveLength(24);
  expect(names).not.toEqual([...names].sort());
  // And as the browser's own Chinese collation orders them, but for a surname read as a surname:
  // 覃 is Qín in a name (before 任 Rén), where ICU's dictionary reading is tán.
  const byCollator: string[] = await page.evaluate(
    (list) => [...list].sort(new Intl.Collator('zh-CN').compare),
    names,
  );
  const notQin = (name: string) => !name.startsWith('覃');
  expect(names.filter(notQin)).toEqual(byCollator.filter(notQin));
  expect(names.indexOf('覃永玲')).toBeLessThan(names.indexOf('任梅云'));

  // Initials find the applicant: "wx" is 吴雪 (not 吴宏雪, whx).
  const search = page.getByPlaceholder('请输入姓名、申请书编号或身份证号(支持拼音首字母)');
  await search.fill('wx');
  await search.press('Enter');
  await expect(rows).toHaveCount(1);
  expect(await cellText(page, rows.first(), '姓名')).toBe('吴雪');
  await search.fill('wuxue');
  await search.press('Enter');
  await expect(rows).toHaveCount(1);
  expect(await cellText(page, rows.first(), '姓名')).toBe('吴雪');

  await signOut(page);

  // The department's list has 所在单位 besides: still no sideways scrolling, every row one line, and a
  // unit's name too long for its column cut, in full on hover.
  await signIn(page, world, DEPT);
  await statusFilter(page, '全部').click();
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '所在单位' })).toBeInViewport();
  expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(rows.first().getByRole('button', { name: '查看' })).toBeInViewport();
  const departmentHeights = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getBoundingClientRect().height),
  );
  for (const height of departmentHeights) expect(height).toBeLessThanOrEqual(ONE_LINE_ROW_PX);
  const unitName = rows
    .first()
    .locator(`td:nth-child(${(await columnIndex(page, '所在单位')) + 1}) [tabindex="0"]`);
  expect(await isCut(unitName)).toBe(true);
  await unitName.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: '重庆市示例人民医院' })).toBeVisible();
});
