import {
  appSettingsSchema,
  printSettingsSchema,
  type AppSettings,
  type PrintSettings,
  type ServerMode,
  type SettingPath,
  type SettingsView,
} from '../../../src-shared/contracts';

/**
 * The 设置 screen's form: every field as the user typed it (the interval too, so that "5分" stays on
 * screen with its message rather than vanishing), checked with the contract's own schemas.
 */
export interface SettingsDraft {
  serverMode: ServerMode;
  serverUrl: string;
  syncInterval: string;
  defaultPrinter: string;
  supervisingPhone: string;
  publicityPlace: string;
}

export type DraftField = keyof SettingsDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The draft field each settings path is typed in. */
export const FIELD_OF_PATH: Readonly<Record<SettingPath, DraftField>> = {
  'server.mode': 'serverMode',
  'server.url': 'serverUrl',
  syncIntervalMinutes: 'syncInterval',
  defaultPrinter: 'defaultPrinter',
};

const FIELD_OF_KEY: Readonly<Record<string, DraftField>> = {
  ...FIELD_OF_PATH,
  supervisingPhone: 'supervisingPhone',
  publicityPlace: 'publicityPlace',
};

export function draftOf(settings: AppSettings, print: PrintSettings): SettingsDraft {
  return {
    serverMode: settings.server.mode,
    serverUrl: settings.server.url,
    syncInterval: String(settings.syncIntervalMinutes),
    defaultPrinter: settings.defaultPrinter,
    supervisingPhone: print.supervisingPhone,
    publicityPlace: print.publicityPlace,
  };
}

export type CheckedDraft =
  { ok: true; settings: AppSettings; print: PrintSettings } | { ok: false; errors: DraftErrors };

export function checkDraft(draft: SettingsDraft): CheckedDraft {
  const errors: DraftErrors = {};
  const intervalText = draft.syncInterval.trim();
  let minutes = Number.NaN;
  if (intervalText === '') errors.syncInterval = '请填写自动同步间隔(分钟)';
  else if (!/^\d+$/.test(intervalText)) errors.syncInterval = '自动同步间隔请填写整数分钟,如 2';
  else minutes = Number(intervalText);

  const settings = appSettingsSchema.safeParse({
    server: { mode: draft.serverMode, url: draft.serverUrl },
    syncIntervalMinutes: minutes,
    defaultPrinter: draft.defaultPrinter,
  });
  const print = printSettingsSchema.safeParse({
    supervisingPhone: draft.supervisingPhone,
    publicityPlace: draft.publicityPlace,
  });
  for (const issue of [...(settings.error?.issues ?? []), ...(print.error?.issues ?? [])]) {
    const field = FIELD_OF_KEY[issue.path.map(String).join('.')];
    if (field !== undefined) errors[field] ??= issue.message;
  }
  if (settings.success && print.success && Object.keys(errors).length === 0) {
    return { ok: true, settings: settings.data, print: print.data };
  }
  return { ok: false, errors };
}

/** The core's field messages (keyed by the contract's paths), beside the fields they are about. */
export function errorsFromFields(fields: Readonly<Record<string, string>> | undefined): DraftErrors {
  const errors: DraftErrors = {};
  for (const [key, message] of Object.entries(fields ?? {})) {
    const field = FIELD_OF_KEY[key];
    if (field !== undefined) errors[field] ??= message;
  }
  return errors;
}

export function isLocked(view: SettingsView, field: DraftField): boolean {
  return Object.entries(FIELD_OF_PATH).some(
    ([path, draftField]) => draftField === field && view.locked[path as SettingPath] !== undefined,
  );
}
