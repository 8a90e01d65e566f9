// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnitRegistration } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { commentPhrasesDouble, departmentAdmin, fakeApi } from './fake-app-api';

/**
 * 下级单位注册审核: the list with masked phones, the details in full, and 审核不通过 with its reason (with the
 * reviewer's 常用意见).
 */

afterEach(cleanup);

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const pending: UnitRegistration = {
  id: 'reg-1',
  name: '重庆市示例社区卫生服务中心',
  creditCode: '12500108MB0P35261K',
  kind: 'unit',
  nature: '事业单位',
  industry: '卫生和社会工作',
  districtCode: '500108',
  districtName: '南岸区',
  parentId: 'dept-health',
  parentName: '重庆市卫生健康委员会',
  address: '重庆市南岸区示例路66号',
  leaderName: '钱丽',
  contactName: '赵强',
  contactPhone: '13800000005',
  licence: { fileId: 'file-1', fileName: '事业单位法人证书.png', mimeType: 'image/png', size: 70 },
  status: 'pending',
  rejectReason: null,
  submittedAt: '2026-03-02T01:30:00.000Z',
  updatedAt: '2026-03-02T01:30:00.000Z',
  history: [{ at: '2026-03-02T01:30:00.000Z', action: 'submitted', actorName: '赵强', reason: null }],
};

/** rc-util gives every dialog the same aria-labelledby id under test, so find the dialog by its title. */
function dialogOf(title: HTMLElement): HTMLElement {
  const dialog = title.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the title is not inside a dialog');
  return dialog;
}

describe('下级单位注册审核', () => {
  it('names its status tabs for screen readers, the group 审核状态 and each tab by its text', async () => {
    const asked: string[] = [];
    const api = fakeApi(
      {
        listSubordinateRegistrations: async (input: { status?: string }) => {
          asked.push(input.status ?? '');
          return { ok: true, value: { registrations: [pending] } };
        },
      },
      { user: departmentAdmin },
    );
    render(<App api={api} />);

    await userEvent.click(await screen.findByRole('menuitem', { name: '下级单位注册审核' }));
    const tabs = await screen.findByRole('radiogroup', { name: '审核状态' });
    expect(within(tabs).getAllByRole('radio')).toHaveLength(4);
    for (const name of ['待审核', '审核通过', '审核不通过', '全部']) {
      expect(within(tabs).getByRole('radio', { name })).toBeInTheDocument();
    }
    expect(within(tabs).getByRole('radio', { name: '待审核' })).toBeChecked();
    expect(screen.queryByRole('radiogroup', { name: 'segmented control' })).not.toBeInTheDocument();

    await userEvent.click(within(tabs).getByRole('radio', { name: '全部' }));
    expect(within(tabs).getByRole('radio', { name: '全部' })).toBeChecked();
    await waitFor(() => expect(asked).toEqual(['pending', 'all']));
  });

  it('needs a reason to reject and sends it', async () => {
    const rejected: unknown[] = [];
    const api = fakeApi(
      {
        listSubordinateRegistrations: async () => ({ ok: true, value: { registrations: [pending] } }),
        getRegistrationLicence: async () => ({
          ok: true,
          value: { ...pending.licence, contentBase64: PNG_BASE64 },
        }),
        ...commentPhrasesDouble(['营业执照扫描件不清晰', '单位地址不完整']).api,
        rejectUnitRegistration: async (input: { id: string; reason: string }) => {
          rejected.push(input);
          return {
            ok: true,
            value: { ...pending, status: 'rejected', rejectReason: input.reason },
          } as const;
        },
      },
      { user: departmentAdmin },
    );
    render(<App api={api} />);

    await userEvent.click(await screen.findByRole('menuitem', { name: '下级单位注册审核' }));
    const row = (await screen.findByText('重庆市示例社区卫生服务中心')).closest('tr') ?? document.body;
    expect(row).toHaveTextContent('138****0005');
    expect(row).toHaveTextContent('南岸区');
    await userEvent.click(within(row).getByText('审核'));

    const drawer = dialogOf(await screen.findByText('单位注册详情'));
    expect(within(drawer).getByText('13800000005')).toBeInTheDocument();
    expect(await within(drawer).findByAltText('事业单位法人证书.png')).toHaveAttribute(
      'src',
      `data:image/png;base64,${PNG_BASE64}`,
    );
    await userEvent.click(within(drawer).getByRole('button', { name: '审核不通过' }));

    const modal = dialogOf(await screen.findByText('审核不通过', { selector: '.ant-modal-title' }));
    await userEvent.click(within(modal).getByRole('button', { name: '确定' }));
    expect(await within(modal).findByText('请填写审核不通过的原因')).toBeVisible();
    expect(rejected).toEqual([]);

    // A 常用意见 goes in with a typed `/`, as in a review comment; the reason goes on by hand.
    const reason = within(modal).getByLabelText('审核不通过原因');
    await userEvent.type(reason, '/执照');
    expect(within(modal).getByRole('option', { name: '营业执照扫描件不清晰' })).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    await userEvent.type(reason, ',请重新上传');
    await userEvent.click(within(modal).getByRole('button', { name: '确定' }));
    await waitFor(() =>
      expect(rejected).toEqual([{ id: 'reg-1', reason: '营业执照扫描件不清晰,请重新上传' }]),
    );
  });
});

describe('下级单位注册审核 on a PC set to UTC', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('shows when a registration was submitted in Beijing time, as 上次同步 is shown', async () => {
    // 14:10 UTC is 22:10 in Chongqing; the list once showed the PC's own 14:10.
    const at = '2026-03-02T14:10:00.000Z';
    const late: UnitRegistration = {
      ...pending,
      submittedAt: at,
      history: [{ at, action: 'submitted', actorName: '赵强', reason: null }],
    };
    const api = fakeApi(
      {
        listSubordinateRegistrations: async () => ({ ok: true, value: { registrations: [late] } }),
        getRegistrationLicence: async () => ({
          ok: true,
          value: { ...pending.licence, contentBase64: PNG_BASE64 },
        }),
      },
      { user: departmentAdmin },
    );
    render(<App api={api} />);

    await userEvent.click(await screen.findByRole('menuitem', { name: '下级单位注册审核' }));
    const row = (await screen.findByText('重庆市示例社区卫生服务中心')).closest('tr') ?? document.body;
    expect(row).toHaveTextContent('2026-03-02 22:10');
    await userEvent.click(within(row).getByText('审核'));
    const drawer = dialogOf(await screen.findByText('单位注册详情'));
    expect(drawer).toHaveTextContent('2026-03-02 22:10 赵强');
  });
});
