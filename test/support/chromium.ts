/**
 * Debian's Chromium as the journeys and the bench launch it: no browser is downloaded, CHROMIUM_PATH
 * (default /usr/bin/chromium) is the browser, and these flags keep it quiet and offline in containers.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
