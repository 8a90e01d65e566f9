import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { publicityFormInputOf } from '../../src-main/core/print/publicity-form-input';
import { renderPublicityForms } from '../../src-main/core/print/publicity-form-pdf';
import { demoDetails } from './demo-details';
import { compareWithGolden } from './image-checks';
import { renderPagePngs } from './poppler';

/**
 * The 公示表 of one fixed demo application (seed 2026, the generator's clock fixed, printed on a fixed day)
 * against the committed rendering in golden/. A change of layout, font or content shows as a diff figure;
 * when the change is meant, `UPDATE_GOLDEN=1 npx vitest run test/print` rewrites the golden image.
 */

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden', 'publicity-form.png');
/** Share of pixels allowed to differ: anti-aliasing of another poppler build, not a moved line or glyph. */
const TOLERANCE = 0.01;
/** The same within any 16×16 square, where one changed digit shows (about 6%). */
const TILE_TOLERANCE = 0.03;

it('looks like the golden image of the demo application CQ2026-000001', async () => {
  const [detail] = demoDetails(1);
  if (detail === undefined) throw new Error('no demo detail');
  const pdf = await renderPublicityForms([publicityFormInputOf(detail)], {
    printedOn: '2026-05-06',
    supervisingPhone: '重庆市卫生健康委员会 023-67706700',
    publicityPlace: '门诊楼一楼公示栏',
  });
  const [page] = await renderPagePngs(pdf, 50);
  if (page === undefined) throw new Error('no page rendered');
  const result = await compareWithGolden(page, GOLDEN);
  const see = `see ${result.diffFile ?? 'the message above'}`;
  expect(result.ratio, see).toBeLessThan(TOLERANCE);
  expect(result.worstTile, see).toBeLessThan(TILE_TOLERANCE);
});
