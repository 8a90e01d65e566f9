import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { installProcessFailureCapture } from '../../src-main/core/log/failure-capture';
import { createFileLog } from '../../src-main/core/log/file-log';
import type { AppApiHandlers } from '../../src-shared/contracts';

/**
 * A process that installs the failure capture as the core does and then fails, for failure-capture.test.ts:
 * `node --import tsx failure-child.ts <log dir> <rejection|exception> <text of the error>`. Before failing it
 * passes one call through the app API's gate, so the log can name the last method called.
 */

const [logDir, mode, text] = process.argv.slice(2);
if (logDir === undefined || text === undefined) throw new Error('usage: <log dir> <mode> <text>');

installProcessFailureCapture(createFileLog({ dir: logDir }), 'core');
// No handler is needed: the gate notes the name before it checks the input (which it refuses).
await dispatchAppCall({} as AppApiHandlers, 'listApplications', { page: -1 });

if (mode === 'rejection') {
  void Promise.reject(new Error(text));
  // Rejections are reported before the event loop's next phase: the process then ends on its own terms.
  setImmediate(() => process.exit(0));
} else {
  setImmediate(() => {
    throw new Error(text);
  });
}
