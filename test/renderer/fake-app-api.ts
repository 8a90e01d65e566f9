import { appError } from '../../src-shared/contracts';
import type {
  AppApi,
  Captcha,
  CommentPhrases,
  Result,
  SaveCommentPhrasesInput,
  SessionUser,
} from '../../src-shared/contracts';
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

/**
 * 常用意见 as the core keeps them: offline (the default) a save is kept at once and pending until
 * `synced()` (the next sync); `online`, it is answered as sent; `failSaves` makes the core refuse saves
 * (a disk or a connection to the core gone).
 */
export function commentPhrasesDouble(initial: readonly string[]) {
  let list: CommentPhrases = { phrases: [...initial], pending: false, syncedAt: null, problem: null };
  const saved: string[][] = [];
  const state = {
    reads: 0,
    failSaves: false,
    /** The core reaches the server: a save answers the list sent, not pending. */
    online: false,
    /** What the server answers a sent list with (another PC's edit merged in); the list itself when null. */
    serverAnswers: null as string[] | null,
    /** A save answers only once this settles (the send on its way). */
    held: null as Promise<void> | null,
  };
  const api = {
    getCommentPhrases: async (): Promise<Result<CommentPhrases>> => {
      state.reads += 1;
      return { ok: true, value: list };
    },
    saveCommentPhrases: async (input: SaveCommentPhrasesInput): Promise<Result<CommentPhrases>> => {
      if (state.failSaves) return { ok: false, error: appError('SERVER_ERROR', '本机数据写入失败,请重试') };
      saved.push([...input.phrases]);
      await state.held;
      list = state.online
        ? { ...list, phrases: [...(state.serverAnswers ?? input.phrases)], pending: false }
        : { ...list, phrases: [...input.phrases], pending: true };
      return { ok: true, value: list };
    },
  } satisfies Partial<AppApi>;
  return {
    api,
    saved,
    state,
    /** A sync sent the edit, or brought another PC's list. */
    synced(phrases: readonly string[] = list.phrases) {
      list = { phrases: [...phrases], pending: false, syncedAt: '2026-03-02T02:00:00.000Z', problem: null };
    },
  };
}
