import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../../../src-shared/contracts/zod-chinese';
import {
  AppFailure,
  appSettingsSchema,
  DEFAULT_APP_SETTINGS,
  defaultPrinterSchema,
  normalizeServerUrl,
  SERVER_MODES,
  serverUrlProblem,
  SETTING_LABELS,
  SETTING_PATHS,
  syncIntervalMinutesSchema,
  type AppSettings,
  type LockSource,
  type SettingLocks,
  type SettingPath,
} from '../../../src-shared/contracts';
import { writeJsonDurably } from './json-file';
import {
  defaultPrinterFromEnv,
  serverUrlFromEnv,
  syncIntervalFromEnv,
  type SettingsEnv,
} from './settings-env';

/** The config file an administrator puts beside the installation (the Electron main passes its path). */
export const CONFIG_FILE_NAME = 'zhicheng-desk.config.json';
/** The user's own settings, in the data folder. */
export const USER_SETTINGS_FILE = 'settings.json';

export interface AppSettingsSources {
  /** The data folder, where the user's choices are kept (settings.json). */
  dataDir: string;
  /** The administrator's environment variables (ZHICHENG_…); none when absent. */
  env?: SettingsEnv;
  /** The administrator's config file; none when absent or null. A missing file is no preset. */
  configFile?: string | null;
}

export interface LoadedSettings {
  /** In effect: environment over config file over the user's choices over the defaults. */
  settings: AppSettings;
  /** The fields an administrator preset, and where. */
  locked: SettingLocks;
  /** Why the config file was ignored, in Chinese; null when it was used or there is none. */
  configProblem: string | null;
}

/** What an administrator may preset: any part of the settings. */
interface Preset {
  server?: AppSettings['server'];
  syncIntervalMinutes?: number;
  defaultPrinter?: string;
}

const configFileSchema = z.strictObject({
  server: z
    .strictObject(
      {
        mode: z.enum(SERVER_MODES, '服务器只能是 embedded(内置服务器)或 remote(中心服务器)').optional(),
        url: z.string('中心服务器地址应为文字').optional(),
      },
      '服务器设置应为一个对象',
    )
    .optional(),
  syncIntervalMinutes: syncIntervalMinutesSchema.optional(),
  defaultPrinter: defaultPrinterSchema.optional(),
});

/**
 * The settings the hosts need before creating the core (embedded or remote server, the sync interval).
 * Throws when an environment variable is malformed; a broken config file is only reported.
 */
export function loadStartupSettings(sources: AppSettingsSources): Promise<LoadedSettings> {
  return new AppSettingsStore(sources).load();
}

/**
 * This computer's settings (the 设置 screen): the user's choices in `<dataDir>/settings.json`, written
 * durably (a power cut leaves the old file or the new one), under the administrator's presets.
 * Everything is read again on each load, so a changed config file shows on the screen at once (it takes
 * effect like any server change, after a restart).
 */
export class AppSettingsStore {
  private readonly userFile: string;
  // Saves one at a time, so two quick saves never interleave their read and write.
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly sources: AppSettingsSources) {
    this.userFile = path.join(sources.dataDir, USER_SETTINGS_FILE);
  }

  async load(): Promise<LoadedSettings> {
    const user = await this.loadUser();
    const config = await readConfigFile(this.sources.configFile ?? null);
    const env = presetFromEnv(this.sources.env ?? {});
    const settings: AppSettings = { ...user, server: { ...user.server } };
    const locked: SettingLocks = {};
    applyPreset(settings, locked, config.preset, 'config');
    applyPreset(settings, locked, env, 'env');
    return { settings, locked, configProblem: config.problem };
  }

  /** Saves the user's choices; refuses (BAD_REQUEST, field by field) to change a preset field. */
  save(wanted: AppSettings): Promise<LoadedSettings> {
    const next = this.saving.then(() => this.saveNow(wanted));
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async saveNow(wanted: AppSettings): Promise<LoadedSettings> {
    const current = await this.load();
    const changed = SETTING_PATHS.filter(
      (field) => current.locked[field] !== undefined && changesField(current.settings, wanted, field),
    );
    if (changed.length > 0) {
      const fields = Object.fromEntries(
        changed.map((field) => [field, `“${SETTING_LABELS[field]}”由管理员统一设置,不能在此修改`]),
      );
      throw new AppFailure('BAD_REQUEST', Object.values(fields)[0], fields);
    }
    // A preset field keeps the user's own earlier choice, which returns if the preset is removed.
    const previous = await this.loadUser();
    const keep = (field: SettingPath) => current.locked[field] !== undefined;
    const stored: AppSettings = {
      server: {
        mode: keep('server.mode') ? previous.server.mode : wanted.server.mode,
        url: keep('server.url') ? previous.server.url : normalizeServerUrl(wanted.server.url),
      },
      syncIntervalMinutes: keep('syncIntervalMinutes')
        ? previous.syncIntervalMinutes
        : wanted.syncIntervalMinutes,
      defaultPrinter: keep('defaultPrinter') ? previous.defaultPrinter : wanted.defaultPrinter.trim(),
    };
    await writeJsonDurably(this.userFile, stored);
    return this.load();
  }

  /** The user's own choices; a missing or unreadable file counts as the defaults. */
  private async loadUser(): Promise<AppSettings> {
    const text = await readFile(this.userFile, 'utf8').catch(() => null);
    if (text === null) return DEFAULT_APP_SETTINGS;
    try {
      const parsed = appSettingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : DEFAULT_APP_SETTINGS;
    } catch {
      return DEFAULT_APP_SETTINGS;
    }
  }
}

function changesField(current: AppSettings, wanted: AppSettings, field: SettingPath): boolean {
  switch (field) {
    case 'server.mode':
      return wanted.server.mode !== current.server.mode;
    case 'server.url':
      // The address only matters while the central server is in use.
      return (
        current.server.mode === 'remote' &&
        normalizeServerUrl(wanted.server.url) !== normalizeServerUrl(current.server.url)
      );
    case 'syncIntervalMinutes':
      return wanted.syncIntervalMinutes !== current.syncIntervalMinutes;
    case 'defaultPrinter':
      return wanted.defaultPrinter.trim() !== current.defaultPrinter;
  }
}

function applyPreset(settings: AppSettings, locked: SettingLocks, preset: Preset, source: LockSource): void {
  if (preset.server !== undefined) {
    // The server is preset as a whole: its mode and its address go together.
    settings.server = { ...preset.server };
    locked['server.mode'] = source;
    locked['server.url'] = source;
  }
  if (preset.syncIntervalMinutes !== undefined) {
    settings.syncIntervalMinutes = preset.syncIntervalMinutes;
    locked.syncIntervalMinutes = source;
  }
  if (preset.defaultPrinter !== undefined) {
    settings.defaultPrinter = preset.defaultPrinter;
    locked.defaultPrinter = source;
  }
}

function presetFromEnv(env: SettingsEnv): Preset {
  const url = serverUrlFromEnv(env);
  const syncIntervalMinutes = syncIntervalFromEnv(env);
  const defaultPrinter = defaultPrinterFromEnv(env);
  return {
    ...(url === null ? {} : { server: { mode: 'remote', url } }),
    ...(syncIntervalMinutes === null ? {} : { syncIntervalMinutes }),
    ...(defaultPrinter === null ? {} : { defaultPrinter }),
  };
}

const CONFIG_IGNORED = '其中的设置均未生效,请联系管理员修改';

/** The config file's presets; a file that cannot be used gives none and says why. */
async function readConfigFile(file: string | null): Promise<{ preset: Preset; problem: string | null }> {
  if (file === null) return { preset: {}, problem: null };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { preset: {}, problem: null };
    return { preset: {}, problem: `无法读取配置文件 ${file},${CONFIG_IGNORED}` };
  }
  let json: unknown;
  try {
    // A BOM is what Notepad writes first on many unit PCs.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { preset: {}, problem: `配置文件 ${file} 不是有效的JSON格式,${CONFIG_IGNORED}` };
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      preset: {},
      problem: `配置文件 ${file} 有误:${describeIssue(parsed.error.issues[0])},${CONFIG_IGNORED}`,
    };
  }
  const { server, syncIntervalMinutes, defaultPrinter } = parsed.data;
  let presetServer: AppSettings['server'] | undefined;
  if (server !== undefined && (server.mode !== undefined || server.url !== undefined)) {
    // An address alone means the central server.
    const mode = server.mode ?? 'remote';
    const url = normalizeServerUrl(server.url ?? '');
    const problem = mode === 'remote' ? serverUrlProblem(url) : null;
    if (problem !== null)
      return { preset: {}, problem: `配置文件 ${file} 有误:${problem},${CONFIG_IGNORED}` };
    presetServer = { mode, url };
  }
  return {
    preset: {
      ...(presetServer === undefined ? {} : { server: presetServer }),
      ...(syncIntervalMinutes === undefined ? {} : { syncIntervalMinutes }),
      ...(defaultPrinter === undefined ? {} : { defaultPrinter: defaultPrinter.trim() }),
    },
    problem: null,
  };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return '内容不正确';
  if (issue.code === 'unrecognized_keys') return `无法识别的设置项“${issue.keys.join('、')}”`;
  if (issue.code === 'invalid_type' && issue.path.length === 0) return '内容应为一个JSON对象';
  const where = issue.path.join('.');
  return where === '' ? issue.message : `“${where}”${issue.message}`;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
