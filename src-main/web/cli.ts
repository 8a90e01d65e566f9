import { runWebClient } from './run-web-client';

// `npm run web`: the client in a browser, on loopback. Ctrl+C stops it.
const client = await runWebClient();
console.log(`Platform server: ${client.serverUrl}`);
console.log(`Web UI: ${client.host.url}`);

const stop = () => {
  client.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
