import { defaultDataDir } from '../core/data-dir';
import { createFileLog, installConsoleCapture, logDirOf } from '../core/log/file-log';
import { runWebClient } from './run-web-client';

// Warnings and errors also go to DATA_DIR/logs, scrubbed of ID numbers, phones, passwords and tokens.
installConsoleCapture(createFileLog({ dir: logDirOf(defaultDataDir(process.env)) }));

// `npm run web`: the client in a browser, on loopback. Ctrl+C stops it.
const client = await runWebClient();
console.log(`Platform server: ${client.serverUrl}`);
console.log(`Web UI: ${client.host.url}`);

const stop = () => {
  client.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
