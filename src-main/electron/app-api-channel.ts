/**
 * The IPC names the preload and the main process agree on, without zod (the sandboxed preload imports
 * this). The app API itself no longer travels over IPC: the preload asks main for a MessagePort on
 * CORE_PORT_REQUEST, main checks the sender and hands one end of a new channel over on CORE_PORT, and
 * the other end to the core's process.
 */
export const CORE_PORT_REQUEST = 'core-port-request';
export const CORE_PORT = 'core-port';
