import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMPTY_PRINT_SETTINGS, printSettingsSchema, type PrintSettings } from '../../../src-shared/contracts';
import { writeJsonDurably } from './json-file';

/**
 * What the unit writes on every 公示表 (受理(监督)部门及电话, 公示地点), kept on this computer in the data
 * folder: a unit PC prints for one unit, whoever is signed in. Written durably (writeJsonDurably), so a
 * crash or a power cut never leaves half a file; an unreadable file counts as no settings.
 */
export class PrintSettingsStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'print-settings.json');
  }

  async load(): Promise<PrintSettings> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return EMPTY_PRINT_SETTINGS;
    try {
      const parsed = printSettingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : EMPTY_PRINT_SETTINGS;
    } catch {
      return EMPTY_PRINT_SETTINGS;
    }
  }

  async save(settings: PrintSettings): Promise<PrintSettings> {
    await writeJsonDurably(this.file, settings);
    return settings;
  }
}
