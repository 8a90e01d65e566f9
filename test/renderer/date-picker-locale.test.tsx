// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { AppConfigProvider } from '../../src-renderer/app/AppConfigProvider';
import { PublicityPeriodModal } from '../../src-renderer/features/application-review/review-dialog/PublicityPeriodModal';

/** The 公示期 date picker under the renderer's root settings: Chinese weekday names, weeks from Monday. */

afterEach(cleanup);

it('heads the calendar 一 二 三 四 五 六 日, with Mondays in the first column', async () => {
  render(
    <AppConfigProvider>
      <PublicityPeriodModal open busy={false} onCancel={() => {}} onSubmit={async () => null} />
    </AppConfigProvider>,
  );
  await userEvent.click(await screen.findByLabelText('公示开始日期'));
  const panel = document.querySelector<HTMLElement>('.ant-picker-date-panel');
  if (panel === null) throw new Error('the date panel did not open');

  const heads = [...panel.querySelectorAll('thead th')].map((th) => th.textContent);
  expect(heads).toEqual(['一', '二', '三', '四', '五', '六', '日']);

  const firstColumn = [...panel.querySelectorAll('tbody tr')].map(
    (row) => row.querySelector('td')?.getAttribute('title') ?? '',
  );
  expect(firstColumn.length).toBeGreaterThanOrEqual(4);
  for (const date of firstColumn) expect(new Date(`${date}T00:00:00Z`).getUTCDay(), date).toBe(1);
});
