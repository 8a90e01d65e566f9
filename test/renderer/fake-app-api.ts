import type { AppApi, Captcha, Result, SessionUser } from '../../src-shared/contracts';
import { apiWith } from '../support/partial-api';

/**
 * The app API as a signed-out (or signed-in) renderer first sees it, with captchas that count up
 * (captcha-0001, captcha-0002, ...) so a test can tell a refreshed image from the old one.
 */
export function baseApi(options: { user?: SessionUser | null } = {}) {
  let captchas = 0;
  return {
    getSession: async () => ({ ok: true, value: { user: options.user ?? null } }) as const,
    getConnection: async () =>
      ({
        ok: true,
        value: {
          serverUrl: 'http://127.0.0.1:1',
          mode: 'embedded',
          demo: true,
          reachable: true,
          nativePrint: false,
        },
      }) as const,
    getCaptcha: async (): Promise<Result<Captcha>> => {
      captchas += 1;
      const captchaId = `captcha-${String(captchas).padStart(4, '0')}-0123456789abcdef`;
      return {
        ok: true,
        value: { captchaId, svg: `<svg><text>${captchas}</text></svg>`, expiresInSeconds: 120 },
      };
    },
    logout: async () => ({ ok: true, value: { user: null } }) as const,
  } satisfies Partial<AppApi>;
}

/** `baseApi` plus the methods a test gives, any other call failing loudly. */
export function fakeApi<T extends Partial<AppApi>>(given: T, options: { user?: SessionUser | null } = {}) {
  return apiWith({ ...baseApi(options), ...given });
}

export const titleOfficeUser: SessionUser = {
  id: 'u-root',
  account: 'cqadmin',
  name: '王芳',
  maskedMobile: '138****0004',
  maskedIdNumber: '5****************1',
  memberships: [
    { unitId: 'root', unitName: '重庆市职称改革办公室', unitKind: 'titleOffice', role: 'titleOffice' },
  ],
};

/** 个人用户 without a unit: registers one under 注册管理员. */
export const individualUser: SessionUser = {
  id: 'u-new',
  account: 'newuser',
  name: '陈静',
  maskedMobile: '138****0003',
  maskedIdNumber: '5****************3',
  memberships: [],
};

/** Administers 重庆市卫生健康委员会 and reviews the registrations of its units. */
export const departmentAdmin: SessionUser = {
  id: 'u-dept',
  account: 'deptadmin',
  name: '张伟',
  maskedMobile: '138****0002',
  maskedIdNumber: '5****************2',
  memberships: [
    { unitId: 'dept-health', unitName: '重庆市卫生健康委员会', unitKind: 'department', role: 'deptAdmin' },
  ],
};
