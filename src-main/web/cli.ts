import { defaultDataDir } from '../core/data-dir';
import { installProcessFailureCapture } from '../core/log/failure-capture';
import { createFileLog, installConsoleCapture, logDirOf } from '../core/log/file-log';
import { coreWorkerEntryFrom } from './core-thread';
import { beginWebClient, rendererDirFrom } from './run-web-client';
import { serveInTerminal } from './terminal';

// Warnings and errors also go to DATA_DIR/logs, scrubbed of ID numbers, phones, passwords and tokens, and
// so do this process's unhandled rejections and uncaught exceptions, with the version and OS, and what the
// core thread and the embedded server print (passed on below).
const log = createFileLog({ dir: logDirOf(defaultDataDir(process.env)) });
installConsoleCapture(log);
installProcessFailureCapture(log, 'web-host');

// `npm run web`: the client in a browser, on loopback. Ctrl+C stops it. The address is printed as soon as
// the host listens, while the embedded server is still starting.
serveInTerminal(
  await beginWebClient(process.env, {
    rendererDir: rendererDirFrom(import.meta.url),
    coreWorker: coreWorkerEntryFrom(import.meta.url),
    log,
  }),
);
