// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../src-shared/contracts';
import type { FileContent, Result, SyncStatus } from '../../src-shared/contracts';
import { APPLICATION_CATALOG } from '../../src-shared/domain/catalog';
import {
  detail,
  FULL_ID,
  listDouble,
  MASKED_ID,
  PNG_BASE64,
  syncStatus,
  unitAdmin,
} from './application-review-fixtures';
import { dialogOf, openReview, renderApp, resetAppEvents } from './application-review-render';
import { fakeApi } from './fake-app-api';

/** 查看: the read-only details with every catalog section, full ID number, scans and 审核历史. */

beforeEach(() => {
  // jsdom has no blob: URLs; the PDF view only needs one to point at.
  URL.createObjectURL = vi.fn(() => 'blob:fake-pdf');
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  cleanup();
  resetAppEvents();
});

type OpenAttachment = (input: { applicationId: string; fileId: string }) => Promise<Result<FileContent>>;

function apiFor(options: { status?: SyncStatus; openAttachment?: OpenAttachment } = {}) {
  const opened: { applicationId: string; fileId: string }[] = [];
  const api = fakeApi(
    {
      listApplications: listDouble({ total: 1 }).listApplications,
      getSyncStatus: async () => ({ ok: true, value: options.status ?? syncStatus() }) as const,
      getApplicationDetail: async ({ id }: { id: string }) =>
        id === detail.id
          ? ({ ok: true, value: detail } as const)
          : ({ ok: false, error: appError('NOT_FOUND') } as const),
      openAttachment: async (input: {
        applicationId: string;
        fileId: string;
      }): Promise<Result<FileContent>> => {
        opened.push(input);
        if (options.openAttachment) return options.openAttachment(input);
        const file = detail.attachments.find((a) => a.fileId === input.fileId);
        if (!file) return { ok: false, error: appError('NOT_FOUND') };
        return {
          ok: true,
          value: {
            fileId: file.fileId,
            fileName: file.fileName,
            mimeType: file.mimeType,
            size: file.size,
            contentBase64: PNG_BASE64,
          },
        };
      },
    },
    { user: unitAdmin },
  );
  return { api, opened };
}

async function openDetails(): Promise<HTMLElement> {
  await openReview();
  const row = (await screen.findByText('申报人1')).closest('tr') ?? document.body;
  expect(row).toHaveTextContent(MASKED_ID);
  expect(screen.queryByText(FULL_ID)).toBeNull();
  await userEvent.click(within(row).getByRole('button', { name: '查看' }));
  const drawer = dialogOf(await screen.findByText('申请书详情'));
  await within(drawer).findByText('审核历史');
  return drawer;
}

describe('申请书详情', () => {
  it('shows every catalog section with its fields, the full ID number and the 审核历史', async () => {
    renderApp(apiFor().api);
    const drawer = await openDetails();

    for (const section of APPLICATION_CATALOG) {
      expect(within(drawer).getByText(section.title, { selector: 'h4, h5' })).toBeInTheDocument();
    }
    expect(within(drawer).getByText('业绩成果', { selector: 'h4' })).toBeInTheDocument();
    // Header.
    expect(within(drawer).getAllByText('20260300001').length).toBeGreaterThan(0);
    expect(within(drawer).getByText('提交次数')).toBeInTheDocument();
    // In full here: the details are part of the review.
    expect(within(drawer).getByText(FULL_ID)).toBeInTheDocument();
    expect(within(drawer).getByText('15012345655')).toBeInTheDocument();
    expect(within(drawer).queryByText(MASKED_ID)).toBeNull();
    // Grouped fields and rows.
    expect(within(drawer).getByText('卫生/内科学/主任医师')).toBeInTheDocument();
    expect(within(drawer).getByText('2008-09 至 2013-06')).toBeInTheDocument();
    expect(within(drawer).getByText('2013-07 至 至今')).toBeInTheDocument();
    expect(within(drawer).getByText('高血压管理研究')).toBeInTheDocument();
    const projects = drawer.querySelector<HTMLElement>('section[aria-label="项目"]') ?? drawer;
    expect(within(projects).getByText('未填写')).toBeInTheDocument();
    // History, with the return's target and comment.
    expect(within(drawer).getByText(/审核不通过,回退\(退回个人\)/)).toBeInTheDocument();
    expect(within(drawer).getByText(/请补充继续教育学时/)).toBeInTheDocument();
    expect(within(drawer).getByText(/2026-03-02 09:30 申报人1 再次提交/)).toBeInTheDocument();
  });

  it('opens a scan with 查看: an image inline, a PDF from a blob: URL', async () => {
    const { api, opened } = apiFor({
      openAttachment: async ({ fileId }) =>
        fileId === 'file-insurance'
          ? {
              ok: true,
              value: {
                fileId,
                fileName: '参保记录.pdf',
                mimeType: 'application/pdf',
                size: 2048,
                contentBase64: 'JVBERi0xLjQK',
              },
            }
          : {
              ok: true,
              value: {
                fileId,
                fileName: '存档查询.png',
                mimeType: 'image/png',
                size: 70,
                contentBase64: PNG_BASE64,
              },
            },
    });
    renderApp(api);
    const drawer = await openDetails();

    await userEvent.click(within(drawer).getByLabelText('查看 存档查询.png'));
    expect(opened).toEqual([{ applicationId: 'app-1', fileId: 'file-archive' }]);
    const viewer = dialogOf(await screen.findByText('附件:存档查询.png'));
    expect(await within(viewer).findByAltText('存档查询.png')).toHaveAttribute(
      'src',
      `data:image/png;base64,${PNG_BASE64}`,
    );
    await userEvent.click(within(viewer).getByRole('button', { name: /Close|关闭/ }));

    await userEvent.click(within(drawer).getByLabelText('查看 参保记录.pdf'));
    const pdf = dialogOf(await screen.findByText('附件:参保记录.pdf'));
    expect(await within(pdf).findByTitle('参保记录.pdf')).toHaveAttribute('src', 'blob:fake-pdf');
    expect(within(pdf).getByRole('link', { name: '下载查看' })).toHaveAttribute('href', 'blob:fake-pdf');
  });

  it('says a scan that is not cached cannot be opened offline', async () => {
    const { api, opened } = apiFor({ status: syncStatus({ phase: 'offline' }) });
    renderApp(api);
    const drawer = await openDetails();

    const insurance = within(drawer).getByText('参保记录.pdf').closest<HTMLElement>('.ant-space') ?? drawer;
    expect(within(insurance).getByText('离线状态下无法查看此附件')).toBeInTheDocument();
    expect(within(drawer).queryByLabelText('查看 参保记录.pdf')).toBeNull();
    // A cached scan still opens.
    await userEvent.click(within(drawer).getByLabelText('查看 职称证书.png'));
    expect(await screen.findByAltText('职称证书.png')).toBeInTheDocument();
    expect(opened).toEqual([{ applicationId: 'app-1', fileId: 'file-cert' }]);
  });

  it('shows the offline message when the server cannot be reached for a scan', async () => {
    const { api } = apiFor({
      openAttachment: async () => ({ ok: false, error: appError('SERVER_UNREACHABLE') }),
    });
    renderApp(api);
    const drawer = await openDetails();
    await userEvent.click(within(drawer).getByLabelText('查看 参保记录.pdf'));
    const viewer = dialogOf(await screen.findByText('附件:参保记录.pdf'));
    await waitFor(() => expect(within(viewer).getByText('离线状态下无法查看此附件')).toBeInTheDocument());
  });
});
