// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { AppApiProvider } from '../../src-renderer/api/app-api-context';
import { SessionProvider } from '../../src-renderer/features/auth/session-context';
import { CalendarProvider } from '../../src-renderer/features/calendar/calendar-context';
import { PublicityPeriodText } from '../../src-renderer/features/application-review/PublicityPeriodText';
import { PublicityPeriodModal } from '../../src-renderer/features/application-review/review-dialog/PublicityPeriodModal';
import { HolidaysPage } from '../../src-renderer/features/holidays/HolidaysPage';
import {
  appError,
  type AppApi,
  type CachedHolidayTable,
  type HolidayYearInput,
} from '../../src-shared/contracts';
import { WorkingCalendar } from '../../src-shared/domain/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import { earliestPublicityEnd } from '../../src-shared/domain/workflow';
import { fakeEvents, syncStatus } from './application-review-fixtures';
import { fakeApi } from './fake-app-api';

/** The page renders many antd inputs; typing into them in jsdom takes seconds on a loaded machine. */
const PAGE_TIMEOUT = 60_000;

/**
 * The client's holiday table on the screens: the publicity dialog counts by it (and says when a period
 * runs into a year without a notice), periods show their real end, and 节假日安排 edits a year with the
 * contract's Chinese messages beside the fields, losing nothing typed.
 */

afterEach(cleanup);

const NOTICE_2027: HolidayYearInput = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  published: '2026-11-10',
  holidays: [{ name: '元旦', daysOff: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
};

/** The shipped notices as the core answers them (plain, mutable data). */
const shipped = (): HolidayYearInput[] =>
  JSON.parse(JSON.stringify(SHIPPED_HOLIDAY_YEARS)) as HolidayYearInput[];

const tableOf = (years: HolidayYearInput[], updatedAt: string | null = null): CachedHolidayTable => ({
  years,
  updatedAt,
  syncedAt: '2026-12-01T02:00:00.000Z',
});

function renderWith(api: AppApi, ui: React.ReactNode, events = fakeEvents()) {
  render(
    <ConfigProvider theme={{ token: { motion: false } }} button={{ autoInsertSpace: false }}>
      <AppApiProvider api={api} events={events.source}>
        <SessionProvider>
          <CalendarProvider>{ui}</CalendarProvider>
        </SessionProvider>
      </AppApiProvider>
    </ConfigProvider>,
  );
  return events;
}

/** A core whose table is `table` until the next sync, when it is `next` (if given). */
function holidayCore(table: CachedHolidayTable) {
  let current = table;
  const saved: HolidayYearInput[] = [];
  return {
    saved,
    replace(next: CachedHolidayTable) {
      current = next;
    },
    api: {
      getHolidayTable: async () => ({ ok: true, value: current }) as const,
      saveHolidayYear: async (entry: HolidayYearInput) => {
        saved.push(entry);
        current = tableOf(
          [...current.years.filter((year) => year.year !== entry.year), entry].sort(
            (a, b) => a.year - b.year,
          ),
          '2026-12-06T02:00:00.000Z',
        );
        return { ok: true, value: current } as const;
      },
    },
  };
}

async function chooseStart(date: string) {
  const start = screen.getByLabelText('公示开始日期');
  await userEvent.clear(start);
  await userEvent.type(start, `${date}{enter}`);
}

describe('the publicity dialog and the client’s holiday table', () => {
  it(
    'says beside the dates when the period runs into a year the table does not have',
    async () => {
      // Far ahead, so that the start is never before today: the last days of 2098, whose period runs
      // into 2099. The client has 2098's notice (no holidays) and not yet 2099's.
      const notice = (year: number, daysOff: string[]): HolidayYearInput => ({
        year,
        notice: `国务院办公厅关于${year}年部分节假日安排的通知`,
        published: `${year - 1}-11-10`,
        holidays: daysOff.length === 0 ? [] : [{ name: '元旦', daysOff, workdays: [] }],
      });
      const start = '2098-12-29';
      const byWeekends = earliestPublicityEnd(start, new WorkingCalendar([]));
      const core = holidayCore(tableOf([notice(2098, [])]));
      const events = renderWith(
        fakeApi(core.api),
        <PublicityPeriodModal open busy={false} onCancel={() => undefined} onSubmit={async () => null} />,
      );
      await chooseStart(start);
      await waitFor(() => expect(screen.getByLabelText('公示结束日期')).toHaveValue(byWeekends));
      expect(screen.getByTestId('missing-holiday-years')).toHaveTextContent(
        '2099年节假日安排尚未发布,暂按周末计算',
      );

      // A sync brings 2099's notice, whose first working day is off: the notice goes, and the chosen
      // period is one working day short by the new table.
      const firstWorkday = new WorkingCalendar([]).addWorkingDays('2098-12-31', 1);
      const withNotice = [notice(2098, []), notice(2099, [firstWorkday])];
      core.replace(tableOf(withNotice));
      act(() => events.emitStatus(syncStatus({ lastSyncedAt: '2026-12-06T03:00:00.000Z' })));
      await waitFor(() => expect(screen.queryByTestId('missing-holiday-years')).toBeNull());
      const earliest = earliestPublicityEnd(start, new WorkingCalendar(withNotice));
      expect(earliest > byWeekends).toBe(true);
      expect(
        screen.getByText(`公示期不少于5个工作日(节假日不计),结束日期最早为${earliest}`),
      ).toBeInTheDocument();
    },
    PAGE_TIMEOUT,
  );

  it('shows the real end of a period a holiday added later has moved', async () => {
    const core = holidayCore(
      tableOf([
        ...shipped().filter((year) => year.year !== 2026),
        {
          ...NOTICE_2027,
          year: 2026,
          notice: '临时通知',
          holidays: [{ name: '临时休假', daysOff: ['2026-03-04'], workdays: [] }],
        },
      ]),
    );
    renderWith(
      fakeApi(core.api),
      <PublicityPeriodText period={{ start: '2026-03-02', end: '2026-03-06' }} />,
    );
    expect(
      await screen.findByText('2026-03-02 至 2026-03-09(因节假日安排顺延,原定2026-03-06)'),
    ).toBeInTheDocument();
  });
});

describe('节假日安排', () => {
  const field = (label: string) => screen.getByLabelText(label);

  it(
    'shows a year, refuses mistakes beside their fields keeping the text, and saves',
    async () => {
      const core = holidayCore(tableOf(shipped()));
      renderWith(fakeApi(core.api), <HolidaysPage />);
      await userEvent.click(await screen.findByRole('button', { name: '新增年份' }));
      const year = screen.getByLabelText('新增的年份');
      await userEvent.clear(year);
      await userEvent.type(year, '2027');
      await userEvent.click(screen.getByRole('button', { name: '确定' }));
      expect(field('通知名称')).toHaveValue('国务院办公厅关于2027年部分节假日安排的通知');

      await userEvent.type(field('发布日期'), '2026-11-10');
      await userEvent.click(screen.getByRole('button', { name: '添加节日' }));
      await userEvent.type(field('第1个节日的节日名称'), '春节');
      await userEvent.type(field('第1个节日的放假日期'), '2027-02-06至2027-02-12');
      await userEvent.type(field('第1个节日的调休上班日期'), '2027-02-15');
      await userEvent.click(screen.getByRole('button', { name: '保存2027年节假日安排' }));

      expect(await screen.findByText('2027-02-15不是周末,无需调休上班')).toBeInTheDocument();
      expect(field('第1个节日的调休上班日期')).toHaveValue('2027-02-15');
      expect(field('第1个节日的放假日期')).toHaveValue('2027-02-06至2027-02-12');
      expect(core.saved).toEqual([]);

      await userEvent.clear(field('第1个节日的调休上班日期'));
      await userEvent.type(field('第1个节日的调休上班日期'), '2027-02-2x');
      await userEvent.click(screen.getByRole('button', { name: '保存2027年节假日安排' }));
      expect(await screen.findByText('“2027-02-2x”不是有效日期,请按YYYY-MM-DD填写')).toBeInTheDocument();

      await userEvent.clear(field('第1个节日的调休上班日期'));
      await userEvent.type(field('第1个节日的调休上班日期'), '2027-01-30');
      await userEvent.click(screen.getByRole('button', { name: '保存2027年节假日安排' }));
      await waitFor(() =>
        expect(core.saved).toEqual([
          {
            year: 2027,
            notice: '国务院办公厅关于2027年部分节假日安排的通知',
            published: '2026-11-10',
            holidays: [
              {
                name: '春节',
                daysOff: [
                  '2027-02-06',
                  '2027-02-07',
                  '2027-02-08',
                  '2027-02-09',
                  '2027-02-10',
                  '2027-02-11',
                  '2027-02-12',
                ],
                workdays: ['2027-01-30'],
              },
            ],
          },
        ]),
      );
      expect(await screen.findByText(/已保存2027年节假日安排/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '保存2027年节假日安排' })).toBeDisabled();
    },
    PAGE_TIMEOUT,
  );

  it(
    'shows the server’s refusal beside the field, the edits kept',
    async () => {
      const core = holidayCore(tableOf(shipped()));
      const api = fakeApi({
        ...core.api,
        saveHolidayYear: async () => ({
          ok: false as const,
          error: appError('FORBIDDEN', '只有职改办管理员可以修改节假日安排'),
        }),
      });
      renderWith(api, <HolidaysPage />);
      // 2026 is shown first: the year of today's date, or the latest.
      const name = await screen.findByLabelText('第1个节日的节日名称');
      expect((field('第1个节日的放假日期') as HTMLTextAreaElement).value).toMatch(/^20\d\d-01-01至/);
      await userEvent.clear(name);
      await userEvent.type(name, '新年');
      const rows = within(document.body).getAllByRole('button', { name: /^删除第/ });
      await userEvent.click(rows[rows.length - 1] as HTMLElement);
      await userEvent.click(screen.getByRole('button', { name: /^保存20\d\d年节假日安排$/ }));
      expect(await screen.findByText('只有职改办管理员可以修改节假日安排')).toBeInTheDocument();
      expect(field('第1个节日的节日名称')).toHaveValue('新年');
    },
    PAGE_TIMEOUT,
  );
});
