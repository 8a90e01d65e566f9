/**
 * Where the remembered place (remembered-place.ts) is kept: the window's sessionStorage, which outlives
 * a reload and nothing more, in a browser and in Electron's window alike. Split from the schema that
 * reads it so that the login screen's code, which forgets the place at logout, carries no zod.
 */

const KEY = 'zhicheng-desk.place';

/** The stored text, or null when there is none or the storage is unavailable (a locked-down browser). */
export function readPlaceText(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function writePlaceText(text: string): void {
  try {
    window.sessionStorage.setItem(KEY, text);
  } catch {
    // Full or unavailable: a reload then starts from 个人信息, as it did before places were kept.
  }
}

/** Logging out ends the place: whoever signs in next, the same person too, starts afresh. */
export function forgetPlace(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Unavailable: nothing was kept either.
  }
}
