import { z } from './zod-chinese';
import { syncStatusSchema } from './review-list';
import { exportProgressSchema } from './export';

/**
 * What the core tells the renderer without being asked: the IPC adapter and the web host carry these
 * events from the core to every window, the same way in both hosts.
 */
export const APP_EVENTS = {
  /** The sync engine's state changed (started, progressed, went offline, finished, failed). */
  syncStatus: syncStatusSchema,
  /**
   * The server started or stopped answering the core's requests (any of them: a sync, a screen's call),
   * so a window's 无法连接到服务器 bar comes and goes with the connection, not with the page's load.
   */
  connection: z.object({ reachable: z.boolean() }),
  /** An 导出Excel under way: rows read, written and packed, for the export dialog's progress bar. */
  exportProgress: exportProgressSchema,
} as const;

export type AppEventName = keyof typeof APP_EVENTS;

export type AppEvent = {
  [N in AppEventName]: { name: N; payload: z.infer<(typeof APP_EVENTS)[N]> };
}[AppEventName];

export function isAppEventName(name: unknown): name is AppEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(APP_EVENTS, name);
}

/**
 * How the renderer receives the events: Electron's preload exposes one as `window.appEvents`, the web
 * client reads the web host's event stream (GET ./app-api/events, `data: <AppEvent JSON>` lines, the
 * current sync status first). The listener is called for every event until the returned function is called.
 */
export interface AppEventSource {
  subscribe(listener: (event: AppEvent) => void): () => void;
}

export { APP_EVENT_CHANNEL, APP_EVENTS_PATH } from './app-channels';
