import { z } from './zod-chinese';

/**
 * The client's settings (the 设置 screen): which server it talks to, how often it syncs, which printer
 * the 公示表 goes to. Kept on this computer; an administrator may preset any of them with environment
 * variables or a config file beside the installation, and a preset field is read-only on the screen.
 * The unit's print settings (受理(监督)部门及电话, 公示地点) are print.ts's, shown on the same screen.
 */

export const SERVER_MODES = ['embedded', 'remote'] as const;
export type ServerMode = (typeof SERVER_MODES)[number];

export const MIN_SYNC_INTERVAL_MINUTES = 1;
export const MAX_SYNC_INTERVAL_MINUTES = 240;

/** What `GET /api/info` answers as its name: tells our platform server from any other web server. */
export const PLATFORM_SERVER_NAME = 'zhicheng-platform';

const URL_EXAMPLE = 'https://zc.example.gov.cn';
const URL_REQUIRED = '请填写中心服务器地址';

/** Why a central server's address cannot be used, in words the user can act on; null when it can. */
export function serverUrlProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return URL_REQUIRED;
  if (!/^https?:\/\//i.test(text)) return `中心服务器地址应以 http:// 或 https:// 开头,如 ${URL_EXAMPLE}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `中心服务器地址格式不正确,请填写如 ${URL_EXAMPLE} 的网址`;
  }
  if (url.username !== '' || url.password !== '') return '中心服务器地址中不能包含用户名或密码';
  if (url.search !== '' || url.hash !== '') return `中心服务器地址不能带“?”或“#”后面的内容,如 ${URL_EXAMPLE}`;
  return null;
}

/** The address without surrounding blanks and trailing slashes, as the client stores and uses it. */
export function normalizeServerUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

const serverUrlText = z.string().max(500, '中心服务器地址不能超过500个字符');

/** A central server's address that must be usable (the connection test). */
export const serverUrlSchema = serverUrlText.superRefine((value, context) => {
  const problem = serverUrlProblem(value);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

export const serverSettingsSchema = z
  .strictObject({
    mode: z.enum(SERVER_MODES, '请选择服务器'),
    /** The central server's address; kept while the embedded server is chosen, checked when remote. */
    url: serverUrlText,
  })
  .superRefine((server, context) => {
    if (server.mode !== 'remote') return;
    const problem = serverUrlProblem(server.url);
    if (problem !== null) context.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

export const syncIntervalMinutesSchema = z
  .number('请填写自动同步间隔(分钟)')
  .int('自动同步间隔请填写整数分钟')
  .min(MIN_SYNC_INTERVAL_MINUTES, `自动同步间隔不能少于${MIN_SYNC_INTERVAL_MINUTES}分钟`)
  .max(MAX_SYNC_INTERVAL_MINUTES, `自动同步间隔不能超过${MAX_SYNC_INTERVAL_MINUTES}分钟(4小时)`);

export const defaultPrinterSchema = z
  .string()
  .max(200, '打印机名称不能超过200个字符')
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f]/.test(name), '打印机名称中不能有换行等控制字符');

export const appSettingsSchema = z.strictObject({
  server: serverSettingsSchema,
  syncIntervalMinutes: syncIntervalMinutesSchema,
  /** The printer's system name; empty means the system's default printer. */
  defaultPrinter: defaultPrinterSchema,
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  server: { mode: 'embedded', url: '' },
  syncIntervalMinutes: 2,
  defaultPrinter: '',
};

/** The fields an administrator may preset, by their path in AppSettings. */
export const SETTING_PATHS = ['server.mode', 'server.url', 'syncIntervalMinutes', 'defaultPrinter'] as const;
export type SettingPath = (typeof SETTING_PATHS)[number];

export const SETTING_LABELS: Readonly<Record<SettingPath, string>> = {
  'server.mode': '服务器',
  'server.url': '中心服务器地址',
  syncIntervalMinutes: '自动同步间隔',
  defaultPrinter: '默认打印机',
};

/** Where a preset comes from: an environment variable or the config file beside the installation. */
export const LOCK_SOURCES = ['env', 'config'] as const;
export type LockSource = (typeof LOCK_SOURCES)[number];

export const settingLocksSchema = z.partialRecord(z.enum(SETTING_PATHS), z.enum(LOCK_SOURCES));
export type SettingLocks = z.infer<typeof settingLocksSchema>;

/** The hint beside a preset field. */
export const LOCKED_HINT = '由管理员统一设置';

export const settingsViewSchema = z.object({
  /** In effect: the presets over the user's own choices over the defaults. */
  settings: appSettingsSchema,
  /** Preset fields, shown read-only with LOCKED_HINT. */
  locked: settingLocksSchema,
  /** The server chosen differs from the one this running client uses: it takes effect after a restart. */
  restartNeeded: z.boolean(),
  /** The administrator's config file could not be used (its presets are ignored), in Chinese; else null. */
  configProblem: z.string().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const serverConnectionTestSchema = z.strictObject({ url: serverUrlSchema });

export const serverConnectionResultSchema = z.object({
  reachable: z.boolean(),
  /** The server runs with demo data (演示数据). */
  demo: z.boolean(),
  /** What the test found, in Chinese: 连接成功, or why not. */
  message: z.string(),
});
export type ServerConnectionResult = z.infer<typeof serverConnectionResultSchema>;

export const printerSchema = z.object({
  /** The name the operating system knows it by (what defaultPrinter stores). */
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
});
export type Printer = z.infer<typeof printerSchema>;

export const printerListSchema = z.object({ printers: z.array(printerSchema) });
