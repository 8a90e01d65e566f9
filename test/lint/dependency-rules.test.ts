import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Each dependency rule of DESIGN.md, fed a file that breaks it and one that keeps it, through the
 * project's real ESLint config: a rule that stopped biting would pass a forbidden import silently.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const forbidden: [string, string, string][] = [
  [
    'renderer → main',
    'src-renderer/features/x.ts',
    "import { createAppCore } from '../../src-main/core/app-core';",
  ],
  ['renderer → server', 'src-renderer/x.ts', "import { createServer } from '../src-server/app';"],
  ['renderer → electron', 'src-renderer/x.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer → node', 'src-renderer/x.ts', "import fs from 'node:fs';"],
  ['renderer → bare node name', 'src-renderer/x.ts', "import path from 'path';"],
  ['core → electron value', 'src-main/core/x.ts', "import { app } from 'electron';"],
  ['core → electron glue', 'src-main/core/x.ts', "import { createWindow } from '../electron/window';"],
  ['core → renderer', 'src-main/core/x.ts', "import { App } from '../../src-renderer/app/App';"],
  ['web host → electron value', 'src-main/web/x.ts', "import { BrowserWindow } from 'electron';"],
  ['shared → main', 'src-shared/domain/x.ts', "import { x } from '../../src-main/core/x';"],
  ['shared → server', 'src-shared/x.ts', "import { x } from '../src-server/x';"],
  ['shared → renderer', 'src-shared/x.ts', "import { x } from '../src-renderer/x';"],
  ['shared → node', 'src-shared/x.ts', "import { createHash } from 'node:crypto';"],
  ['shared → electron', 'src-shared/x.ts', "import { app } from 'electron';"],
  ['server → main', 'src-server/x.ts', "import { x } from '../src-main/core/x';"],
  ['server → renderer', 'src-server/x.ts', "import { x } from '../src-renderer/x';"],
  ['server → electron', 'src-server/x.ts', "import { app } from 'electron';"],
  ['renderer → node helpers', 'src-renderer/x.ts', "import { x } from '../src-node/fs/x';"],
  ['shared → node helpers', 'src-shared/x.ts', "import { x } from '../src-node/fs/x';"],
  ['node helpers → main', 'src-node/fs/x.ts', "import { x } from '../../src-main/core/x';"],
  ['node helpers → server', 'src-node/fs/x.ts', "import { x } from '../../src-server/x';"],
  ['node helpers → renderer', 'src-node/fs/x.ts', "import { x } from '../../src-renderer/x';"],
  ['node helpers → electron', 'src-node/fs/x.ts', "import { app } from 'electron';"],
];

const allowed: [string, string, string][] = [
  [
    'core → electron type',
    'src-main/core/x.ts',
    "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;",
  ],
  ['core → shared', 'src-main/core/x.ts', "import { x } from '../../src-shared/domain/x';"],
  ['glue → electron value', 'src-main/electron/x.ts', "import { app } from 'electron';"],
  ['glue → core', 'src-main/electron/x.ts', "import { x } from '../core/x';"],
  ['renderer → shared', 'src-renderer/x.ts', "import { x } from '../src-shared/contracts';"],
  ['server → shared', 'src-server/x.ts', "import { x } from '../src-shared/contracts';"],
  ['server → node helpers', 'src-server/x.ts', "import { x } from '../src-node/fs/x';"],
  ['core → node helpers', 'src-main/core/x.ts', "import { x } from '../../src-node/fs/x';"],
  ['glue → node helpers', 'src-main/electron/x.ts', "import { x } from '../../src-node/fs/x';"],
  ['node helpers → node', 'src-node/fs/x.ts', "import fs from 'node:fs/promises';"],
  ['node helpers → shared', 'src-node/fs/x.ts', "import { x } from '../../src-shared/domain/x';"],
  ['shared → zod', 'src-shared/x.ts', "import { z } from 'zod';"],
  ['shared → sibling named like a Node module', 'src-shared/contracts/index.ts', "export * from './http';"],
];

/** zod's values only through the module that registers the Chinese messages first (zod-chinese.ts). */
async function zodImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe("zod's values come with the Chinese messages", () => {
  it.each(['src-shared/contracts/x.ts', 'src-server/x.ts', 'src-main/core/x.ts', 'src-renderer/x.ts'])(
    'rejects zod itself in %s',
    async (filePath) => {
      expect(
        await zodImportMessages(filePath, "import { z } from 'zod';\nexport const s = z.string();"),
      ).not.toEqual([]);
    },
  );

  it.each([
    [
      'the registering module',
      'src-shared/contracts/zod-chinese.ts',
      "import { z } from 'zod';\nexport { z };",
    ],
    ['types from zod', 'src-server/x.ts', "import type { z } from 'zod';\nexport type T = z.ZodType;"],
    [
      'z from the registering module',
      'src-server/x.ts',
      "import { z } from '../src-shared/contracts/zod-chinese';\nexport const s = z.string();",
    ],
  ])('allows %s', async (_name, filePath, code) => {
    expect(await zodImportMessages(filePath, code)).toEqual([]);
  });
});

describe('dependency rules', () => {
  it.each(forbidden)('rejects %s', async (_name, filePath, code) => {
    expect(await restrictedImportMessages(filePath, code)).not.toEqual([]);
  });

  it.each(allowed)('allows %s', async (_name, filePath, code) => {
    expect(await restrictedImportMessages(filePath, code)).toEqual([]);
  });
});
