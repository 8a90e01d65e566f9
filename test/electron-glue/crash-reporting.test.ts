import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startLocalCrashReporter } from '../../src-main/electron/crash-reporting';

/** Minidumps stay on this computer, in the logs folder: the folder is set first, uploading is off. */

describe('startLocalCrashReporter', () => {
  it('points crashDumps at <data>/logs/crashes, then starts the reporter without uploading', () => {
    const calls: string[] = [];
    const app = { setPath: vi.fn((name: string, dir: string) => void calls.push(`setPath ${name} ${dir}`)) };
    const crashReporter = {
      start: vi.fn(
        (options: { uploadToServer?: boolean }) => void calls.push(`start ${JSON.stringify(options)}`),
      ),
    };
    const dataDir = path.join('/data', 'zhicheng-desk');
    const dir = startLocalCrashReporter(app, crashReporter, dataDir);
    expect(dir).toBe(path.join(dataDir, 'logs', 'crashes'));
    expect(calls).toEqual([`setPath crashDumps ${dir}`, 'start {"uploadToServer":false}']);
  });
});
