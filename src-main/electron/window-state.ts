import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../../src-shared/contracts/zod-chinese';
import { writeFileDurably } from '../../src-node/fs/durable-write';

/**
 * The main window's size and position between runs, kept in the user data folder. Pure apart from the
 * file: which saved bounds are still usable is decided against the displays the caller passes, so a
 * window saved on a second monitor that is gone opens on the primary one instead of off screen.
 */

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
const windowStateSchema = z.object({ bounds: boundsSchema, maximized: z.boolean() });

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;

/** Enough of the title bar must be on a display to grab the window. */
const MIN_VISIBLE = 100;

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, 'window-state.json');
}

/** The saved state, or null when there is none or it is unreadable (the default size then applies). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileDurably(file, JSON.stringify(state));
}

/**
 * Where to open the window: the saved bounds when a display still shows enough of them (size clamped
 * to that display's work area), otherwise the default size centred on the primary display.
 */
export function restoredBounds(saved: WindowState | null, workAreas: readonly Bounds[]): Bounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (area: Bounds): Bounds => {
    const width = Math.min(DEFAULT_SIZE.width, area.width);
    const height = Math.min(DEFAULT_SIZE.height, area.height);
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  };
  if (saved === null) return centred(primary);
  const { bounds } = saved;
  const area = workAreas.find((candidate) => overlap(bounds, candidate) >= MIN_VISIBLE);
  if (area === undefined) return centred(primary);
  const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, area.height));
  return {
    x: Math.min(Math.max(bounds.x, area.x), area.x + area.width - Math.min(width, area.width)),
    y: Math.min(Math.max(bounds.y, area.y), area.y + area.height - Math.min(height, area.height)),
    width,
    height,
  };
}

/** How far the top strip of `bounds` (its title bar) reaches into `area`, in pixels of width. */
function overlap(bounds: Bounds, area: Bounds): number {
  const titleBarY = bounds.y + 10;
  if (titleBarY < area.y || titleBarY > area.y + area.height) return 0;
  return Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
}
