/** The one IPC channel the app API travels on; the preload and the IPC adapter agree on it here. */
export const APP_API_CHANNEL = 'app-api';
