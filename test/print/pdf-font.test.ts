import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILE_NAME, loadChineseFont, resolveFontFile } from '../../src-main/core/print/pdf-font';
import { publicityFormInputOf } from '../../src-main/core/print/publicity-form-input';
import { renderPublicityForms } from '../../src-main/core/print/publicity-form-pdf';
import { demoDetails } from './demo-details';
import { pageTexts } from './poppler';

describe('the print font', () => {
  let fontsDir: string;

  beforeAll(async () => {
    fontsDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-fonts-'));
    await copyFile(resolveFontFile(), path.join(fontsDir, FONT_FILE_NAME));
  });

  afterAll(async () => {
    await rm(fontsDir, { recursive: true, force: true });
  });

  it('is the Regular Noto Sans SC of the font package by default', () => {
    const file = resolveFontFile();
    expect(file).toMatch(
      /@expo-google-fonts[/\\]noto-sans-sc[/\\]400Regular[/\\]NotoSansSC_400Regular\.ttf$/,
    );
    expect(existsSync(file)).toBe(true);
  });

  it('is read once and shared', async () => {
    expect(loadChineseFont()).toBe(loadChineseFont());
    const font = await loadChineseFont();
    expect(font.hasGlyph('重'.codePointAt(0) ?? 0)).toBe(true);
    expect(font.hasGlyph(0x2020c)).toBe(false);
  });

  it('can come from a folder of the packaged app', async () => {
    expect(resolveFontFile(fontsDir)).toBe(path.join(fontsDir, FONT_FILE_NAME));
    const [detail] = demoDetails(1);
    if (detail === undefined) throw new Error('no demo detail');
    const pdf = await renderPublicityForms([publicityFormInputOf(detail)], {
      fontsDir,
      printedOn: '2026-05-06',
    });
    expect((await pageTexts(pdf))[0]).toContain('重庆市职称申报综合情况(公示)表');
  });

  it('fails plainly when the folder lacks it, and is found once it is there', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-fonts-empty-'));
    try {
      await expect(loadChineseFont(empty)).rejects.toThrow(/ENOENT/);
      await copyFile(resolveFontFile(), path.join(empty, FONT_FILE_NAME));
      expect((await loadChineseFont(empty)).file).toBe(path.join(empty, FONT_FILE_NAME));
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
