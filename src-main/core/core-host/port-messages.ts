/**
 * What a window (Electron's preload, or the web host's request handler) and the core say on the window's
 * MessagePort. Types only, without zod: the sandboxed preload imports them.
 */

/** The page's call; the core's gate checks the method and input again. */
export interface PortCall {
  id: number;
  method: string;
  input: unknown;
}

/** The core's answer to a call, or an event nobody asked for (sync status). */
export type PortAnswer = { type: 'result'; id: number; result: unknown } | { type: 'event'; event: unknown };
