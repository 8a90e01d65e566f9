import { defaultDataDir } from '../core/data-dir';
import { createFileLog, installConsoleCapture, logDirOf } from '../core/log/file-log';
import { coreWorkerEntryFrom } from './core-thread';
import { beginWebClient, rendererDirFrom } from './run-web-client';
import { serveInTerminal } from './terminal';

// Warnings and errors also go to DATA_DIR/logs, scrubbed of ID numbers, phones, passwords and tokens.
installConsoleCapture(createFileLog({ dir: logDirOf(defaultDataDir(process.env)) }));

// `npm run web`: the client in a browser, on loopback. Ctrl+C stops it. The address is printed as soon as
// the host listens, while the embedded server is still starting.
serveInTerminal(
  await beginWebClient(process.env, {
    rendererDir: rendererDirFrom(import.meta.url),
    coreWorker: coreWorkerEntryFrom(import.meta.url),
  }),
);
