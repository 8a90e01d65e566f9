// Runs the core thread from its TypeScript source (tests, `tsx`): a worker starts without the parent's
// loaders, so tsx is registered here before the entry that workerData names is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.sourceEntry);
