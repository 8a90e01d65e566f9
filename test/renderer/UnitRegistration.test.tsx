// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Result,
  StoredFile,
  UnitRegistration,
  UnitRegistrationForm,
  UploadLicenceRequest,
} from '../../src-shared/contracts';
import { appError } from '../../src-shared/contracts';
import { App } from '../../src-renderer/app/App';
import { fakeApi, individualUser } from './fake-app-api';

/** 注册管理员 (manual 3.1): the unit form's own checks, the scan check before upload, server errors. */

afterEach(cleanup);

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const VALID_CODE = '91500000MA5U7XK467';
const TAKEN = '该统一社会信用代码已注册';

function registrationApi(submitAnswer: () => Result<UnitRegistration>) {
  const uploads: UploadLicenceRequest[] = [];
  const submitted: UnitRegistrationForm[] = [];
  const api = fakeApi(
    {
      listMyUnitRegistrations: async () => ({ ok: true, value: { registrations: [] } }),
      searchSuperiors: async () => ({
        ok: true,
        value: {
          departments: [
            {
              id: 'dept-health',
              name: '重庆市卫生健康委员会',
              creditCode: '11500000MB1541968X',
              kind: 'department',
            },
          ],
        },
      }),
      uploadLicence: async (request: UploadLicenceRequest): Promise<Result<StoredFile>> => {
        uploads.push(request);
        return {
          ok: true,
          value: {
            fileId: 'file-0123456789abcdef',
            fileName: request.fileName,
            mimeType: 'image/png',
            size: 70,
          },
        };
      },
      submitUnitRegistration: async (form: UnitRegistrationForm) => {
        submitted.push(form);
        return submitAnswer();
      },
    },
    { user: individualUser },
  );
  return { api, uploads, submitted };
}

async function openForm(api: Parameters<typeof App>[0]['api']) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole('menuitem', { name: '注册管理员' }));
  await userEvent.click(await screen.findByRole('button', { name: '注册单位' }));
  return screen.findByRole('button', { name: '提交注册' });
}

/** The form item (label, control and messages) of the field labelled `label`. */
function fieldOf(label: string): HTMLElement {
  const item = screen.getByText(label, { selector: 'label' }).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`no form item for ${label}`);
  return item;
}

async function choose(label: string, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  const popupOption = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (el) => el.getAttribute('title') === option,
    );
    if (!found) throw new Error(`option ${option} not shown`);
    return found;
  });
  await userEvent.click(popupOption);
}

describe('注册管理员: the unit form', () => {
  it('checks the credit code as it is typed and asks for the scan', async () => {
    const { api, submitted } = registrationApi(() => ({ ok: false, error: appError('SERVER_ERROR') }));
    const submit = await openForm(api);
    expect(screen.getByLabelText('联系人')).toHaveValue('陈静');

    await userEvent.type(screen.getByLabelText('统一社会信用代码'), '91500000MA5U7XK4');
    expect(await within(fieldOf('统一社会信用代码')).findByText('统一社会信用代码应为18位')).toBeVisible();
    await userEvent.type(screen.getByLabelText('统一社会信用代码'), '6B');
    expect(await within(fieldOf('统一社会信用代码')).findByText('统一社会信用代码校验位错误')).toBeVisible();

    await userEvent.click(submit);
    expect(
      await within(fieldOf('营业执照/法人证书')).findByText('请上传营业执照/法人证书扫描件'),
    ).toBeVisible();
    expect(within(fieldOf('上级主管部门')).getByText('请选择上级主管部门')).toBeVisible();
    expect(submitted).toEqual([]);
  });

  it('refuses a scan that is not a PDF or an image before uploading it', async () => {
    const { api, uploads } = registrationApi(() => ({ ok: false, error: appError('SERVER_ERROR') }));
    await openForm(api);
    const text = new File(['这不是扫描件,只是一段文字'], 'x.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('营业执照/法人证书'), text);
    expect(
      await within(fieldOf('营业执照/法人证书')).findByText(
        '只能上传PDF、JPG或PNG格式的营业执照/法人证书扫描件',
      ),
    ).toBeVisible();
    expect(uploads).toEqual([]);
    expect(screen.queryByTestId('licence-file-name')).not.toBeInTheDocument();
  });

  it('finds every district with 北 as 北 is typed in 所在区县, and 江北区 as 江北 is', async () => {
    const { api } = registrationApi(() => ({ ok: false, error: appError('SERVER_ERROR') }));
    await openForm(api);
    const shown = () =>
      [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((el) => el.title);
    const district = screen.getByLabelText('所在区县');

    await userEvent.type(district, '北');
    await waitFor(() => expect(shown()).toEqual(['江北区', '北碚区', '渝北区']));
    await userEvent.clear(district);
    await userEvent.type(district, '江北');
    await waitFor(() => expect(shown()).toEqual(['江北区']));
    const option = document.querySelector<HTMLElement>('.ant-select-item-option[title="江北区"]');
    if (!option) throw new Error('江北区 not shown');
    await userEvent.click(option);
    expect(fieldOf('所在区县')).toHaveTextContent('江北区');
  });

  it('shows a taken credit code on its field and keeps everything typed', async () => {
    const { api, uploads, submitted } = registrationApi(() => ({
      ok: false,
      error: appError('CONFLICT', TAKEN, { creditCode: TAKEN }),
    }));
    const submit = await openForm(api);

    await userEvent.type(screen.getByLabelText('单位名称'), '重庆市示例科技有限公司');
    await userEvent.type(screen.getByLabelText('统一社会信用代码'), VALID_CODE);
    await choose('单位性质', '民营企业');
    await choose('所属行业', '信息传输、软件和信息技术服务业');
    await choose('所在区县', '渝中区');
    await choose('上级主管部门', '重庆市卫生健康委员会');
    await userEvent.type(screen.getByLabelText('单位地址'), '重庆市渝中区示例路1号');
    await userEvent.type(screen.getByLabelText('单位负责人'), '王强');
    await userEvent.type(screen.getByLabelText('联系电话'), '023-61234567');
    await userEvent.upload(
      screen.getByLabelText('营业执照/法人证书'),
      new File([PNG], '营业执照.png', { type: 'image/png' }),
    );
    expect(await screen.findByTestId('licence-file-name')).toHaveTextContent('营业执照.png');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.contentBase64).toBe(btoa(String.fromCharCode(...PNG)));

    await userEvent.click(submit);
    expect(await within(fieldOf('统一社会信用代码')).findByText(TAKEN)).toBeVisible();
    expect(submitted).toEqual([
      {
        name: '重庆市示例科技有限公司',
        creditCode: VALID_CODE,
        kind: 'unit',
        nature: '民营企业',
        industry: '信息传输、软件和信息技术服务业',
        districtCode: '500103',
        parentId: 'dept-health',
        address: '重庆市渝中区示例路1号',
        leaderName: '王强',
        contactPhone: '023-61234567',
        licenceFileId: 'file-0123456789abcdef',
      },
    ]);
    expect(screen.getByLabelText('单位名称')).toHaveValue('重庆市示例科技有限公司');
    expect(screen.getByLabelText('统一社会信用代码')).toHaveValue(VALID_CODE);
    expect(screen.getByLabelText('单位地址')).toHaveValue('重庆市渝中区示例路1号');
    expect(screen.getByLabelText('联系电话')).toHaveValue('023-61234567');
    expect(screen.getByTestId('licence-file-name')).toHaveTextContent('营业执照.png');
    expect(fieldOf('上级主管部门')).toHaveTextContent('重庆市卫生健康委员会');
    expect(fieldOf('所在区县')).toHaveTextContent('渝中区');
  });
});
