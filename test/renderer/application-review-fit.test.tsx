// @vitest-environment jsdom
import '../setup/dom';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { deptAdmin, listDouble, MASKED_ID, row, syncStatus, unitAdmin } from './application-review-fixtures';
import { openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/**
 * The list fits the screen (issue 16, part 6): one line a row, long text cut with the whole of it in a
 * tooltip on hover and on keyboard focus, 操作 fixed at the right, the rows scrolling under the header.
 */

afterEach(() => {
  cleanup();
  resetAppEvents();
});

const idle = async () => ({ ok: true, value: syncStatus() }) as const;

const LONG_QUALIFICATION = '卫生/中西医结合临床医学(心血管内科方向)/主任中西医结合医师(正高级)';
const LONG_UNIT = '重庆市示例区人民医院(重庆医科大学附属示例医院)心血管病研究所';

function cellOf(tr: HTMLElement, text: string): HTMLElement {
  const cell = within(tr)
    .getAllByRole('cell')
    .find((td) => td.textContent === text);
  if (cell === undefined) throw new Error(`no cell reads ${text}`);
  return cell;
}

async function firstRow(): Promise<HTMLElement> {
  return (await screen.findByText('申报人1')).closest('tr') ?? document.body;
}

describe('the review list on a small screen', () => {
  it('cuts long text to one line and shows all of it on hover', async () => {
    const list = listDouble({
      total: 1,
      rows: () => [row(1, { qualification: LONG_QUALIFICATION, unitName: LONG_UNIT })],
    });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: deptAdmin }));
    await openReview();
    const tr = await firstRow();

    for (const text of [LONG_QUALIFICATION, LONG_UNIT, '正常晋升']) {
      const cell = cellOf(tr, text);
      // antd's one-line cell (nowrap, overflow hidden, ellipsis), without a title of its own.
      expect(cell).toHaveClass('ant-table-cell-ellipsis');
      expect(cell).not.toHaveAttribute('title');
    }

    await userEvent.hover(within(cellOf(tr, LONG_QUALIFICATION)).getByText(LONG_QUALIFICATION));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(LONG_QUALIFICATION);
  });

  it('shows the whole text to the keyboard too: the cut text takes focus', async () => {
    const list = listDouble({ total: 1, rows: () => [row(1, { unitName: LONG_UNIT })] });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: deptAdmin }));
    await openReview();
    const tr = await firstRow();

    const unit = within(cellOf(tr, LONG_UNIT)).getByText(LONG_UNIT);
    expect(unit).toHaveAttribute('tabindex', '0');
    act(() => unit.focus());
    await waitFor(() =>
      expect(screen.getAllByRole('tooltip').some((tip) => tip.textContent === LONG_UNIT)).toBe(true),
    );
    // The tooltip is made on this first focus; the text keeps the focus meanwhile.
    expect(document.activeElement).toHaveTextContent(LONG_UNIT);
  });

  it('keeps the masked ID number on the name’s line, and both in the tooltip', async () => {
    const list = listDouble({ total: 1 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    const tr = await firstRow();

    const name = cellOf(tr, `申报人1 ${MASKED_ID}`);
    expect(name).toHaveClass('ant-table-cell-ellipsis');
    // One line: no block (div) of its own for the ID number, as there was when it stood below the name.
    expect(name.querySelector('div')).toBeNull();
    await userEvent.hover(within(name).getByText('申报人1'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(`申报人1 ${MASKED_ID}`);
  });

  it('is a small table whose rows scroll under the header, with 操作 fixed at the right', async () => {
    const list = listDouble({ total: 3 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    const tr = await firstRow();

    const table = tr.closest('.ant-table') ?? document.body;
    expect(table).toHaveClass('ant-table-small');
    // scroll.y: the rows are in a body of their own that scrolls, below a header table that stays.
    const body = tr.closest('.ant-table-body');
    expect(body).not.toBeNull();
    expect((body as HTMLElement).style.maxHeight).toMatch(/^\d+px$/);
    expect(table.querySelector('.ant-table-header')).not.toBeNull();

    const actions = within(tr).getByRole('button', { name: '查看' }).closest('td');
    expect(actions?.className).toMatch(/ant-table-cell-fix-(right|end)/);
    const actionsHeader = screen.getByRole('columnheader', { name: '操作' });
    expect(actionsHeader.className).toMatch(/ant-table-cell-fix-(right|end)/);
  });

  it('tells that names are found by their pinyin initials too', async () => {
    const list = listDouble({ total: 1 });
    renderApp(fakeApi({ listApplications: list.listApplications, getSyncStatus: idle }, { user: unitAdmin }));
    await openReview();
    expect(await screen.findByRole('searchbox', { name: '搜索' })).toHaveAttribute(
      'placeholder',
      '请输入姓名、申请书编号或身份证号(支持拼音首字母)',
    );
  });
});
