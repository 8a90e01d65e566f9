import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_VERSION } from '../../src-main/core/app-version';
import {
  createFileLog,
  installConsoleCapture,
  LOG_FILE_NAME,
  logDirOf,
} from '../../src-main/core/log/file-log';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { rendererErrorReport } from '../../src-shared/contracts';
import { standInWebHostEnv } from '../support/embedded-env';

/**
 * In the web host, a window's error travels as every app call does (the host, then the core's worker
 * thread), the core writes it to its stderr and the host relays that into its log file, as cli.ts sets it up:
 * the line is in DATA_DIR/logs once, as an ERROR of the core, scrubbed, naming the renderer, the version and
 * the browser's last call.
 */

const CHILD_TIMEOUT_MS = 90_000;
const person = DEMO_ACCOUNTS[1]!;

let root: string;
let client: RunningWebClient;
let uninstall: () => void = () => {};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-web-failures-'));
  const env = await standInWebHostEnv(root);
  // What cli.ts does: its file log takes the console's errors and warnings, and the core's lines.
  const log = createFileLog({ dir: logDirOf(path.join(root, 'data')) });
  uninstall = installConsoleCapture(log, { passThrough: false });
  client = await runWebClient(env, { log });
}, CHILD_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  uninstall();
  await rm(root, { recursive: true, force: true });
});

describe('a window error in the web host', () => {
  it(
    "reaches the host's log file from the core's thread, scrubbed and with its context",
    async () => {
      expect((await client.call('getConnection')).ok).toBe(true);
      const report = rendererErrorReport(
        'unhandledrejection',
        new Error(`提交失败 ${person.idNumber} ${person.mobile} password=${person.password}`),
        { screen: '/' },
      );
      expect(await client.call('reportRendererError', report)).toEqual({
        ok: true,
        value: { recorded: true },
      });
      const file = path.join(logDirOf(path.join(root, 'data')), LOG_FILE_NAME);
      const line = await vi.waitFor(
        async () => {
          const text = await readFile(file, 'utf8');
          const found = text.split('\n').find((entry) => entry.includes('renderer unhandledrejection'));
          if (found === undefined) throw new Error('not in the log yet');
          return found;
        },
        { timeout: 10_000 },
      );
      // Written once by the host, as the core wrote it: its level, its scope under core/, one timestamp.
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR \[core\/failure\] renderer unhandledrejection \{/,
      );
      expect(line.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g)).toHaveLength(1);
      expect(line).toContain('"process":"renderer"');
      expect(line).toContain(`"version":"${APP_VERSION}"`);
      expect(line).toContain('"lastAppMethod":"getConnection"');
      for (const secret of [person.idNumber, person.mobile, person.password])
        expect(line).not.toContain(secret);
    },
    CHILD_TIMEOUT_MS,
  );
});
