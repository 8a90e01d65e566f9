/**
 * Where the core's events travel, on their own without zod (the Electron preload imports this): the web
 * host's event stream path, relative to the page, and the Electron IPC channel.
 */
export const APP_EVENTS_PATH = 'app-api/events';
export const APP_EVENT_CHANNEL = 'app-event';
