import { createAppCore } from '../../src-main/core/app-core';

/**
 * A client process that signs in and syncs, printing each progress event as a JSON line: the sync tests
 * kill it (SIGKILL) part way through and check what the cache it leaves behind is worth.
 * Usage: tsx test/support/sync-child.ts <serverUrl> <dataDir> <account> <password> <pageSize>
 */
const [serverUrl = '', dataDir = '', account = '', password = '', pageSize = '100'] = process.argv.slice(2);
const core = createAppCore({ serverUrl, mode: 'remote', dataDir, syncPageSize: Number(pageSize) });
core.events.subscribe((event) => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
});
await core.handlers.login({ identifier: account, password });
await core.workspace()?.syncAndWait();
process.stdout.write('{"done":true}\n');
await core.close();
