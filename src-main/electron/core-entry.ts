import { serveCore, type CoreParentPort } from '../core/core-host/serve-core';
import { installProcessFailureCapture } from '../core/log/failure-capture';
import { consoleLog } from '../core/log/file-log';

/**
 * The core's utilityProcess, forked by main (core-process.ts): the core served over Electron's parent
 * port. Outside a utility process (a test importing the file) there is no parent port and nothing runs.
 */
const parentPort = (process as NodeJS.Process & { parentPort?: CoreParentPort }).parentPort;
if (parentPort !== undefined) {
  // Scrubbed lines on stderr, which main writes to the log file with the rest of the core's output.
  installProcessFailureCapture(consoleLog, 'core');
  serveCore(parentPort);
}
