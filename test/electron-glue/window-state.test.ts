import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  readWindowState,
  restoredBounds,
  windowStateFile,
  writeWindowState,
} from '../../src-main/electron/window-state';

/** The main window reopens where it was, as long as a display still shows it. */

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1600, height: 900 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zd-window-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state', () => {
  it('is saved and read back', async () => {
    const file = windowStateFile(dir);
    const state = { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true };
    await writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
  });

  it('counts as absent when missing or unreadable', async () => {
    const file = windowStateFile(dir);
    expect(readWindowState(file)).toBeNull();
    await writeFile(file, '{"bounds": {"x": "left"}}');
    expect(readWindowState(file)).toBeNull();
    await writeFile(file, 'not json');
    expect(readWindowState(file)).toBeNull();
  });

  it('opens centred at the default size the first time', () => {
    expect(restoredBounds(null, [primary])).toEqual({ x: 320, y: 120, ...DEFAULT_SIZE });
  });

  it('reopens where it was, on either display', () => {
    const onPrimary = { x: 50, y: 40, width: 1300, height: 850 };
    expect(restoredBounds({ bounds: onPrimary, maximized: false }, [primary, second])).toEqual(onPrimary);
    const onSecond = { x: 2000, y: 30, width: 1200, height: 800 };
    expect(restoredBounds({ bounds: onSecond, maximized: false }, [primary, second])).toEqual(onSecond);
  });

  it('comes back to the primary display when its display is gone', () => {
    const onSecond = { x: 2000, y: 30, width: 1200, height: 800 };
    expect(restoredBounds({ bounds: onSecond, maximized: false }, [primary])).toEqual({
      x: 320,
      y: 120,
      ...DEFAULT_SIZE,
    });
  });

  it('is pulled inside a smaller display and never below the minimum size', () => {
    const laptop = { x: 0, y: 0, width: 1366, height: 728 };
    const big = { x: 300, y: 100, width: 1800, height: 1000 };
    expect(restoredBounds({ bounds: big, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1366,
      height: 728,
    });
    const tiny = { x: 10, y: 10, width: 300, height: 200 };
    expect(restoredBounds({ bounds: tiny, maximized: false }, [primary])).toMatchObject(MIN_SIZE);
  });
});
