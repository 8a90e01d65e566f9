import { report, type Comparison } from './harness';
import { loginBench } from './login.bench';
import { printBench } from './print.bench';
import { syncBench } from './sync.bench';

// `npm run bench`: every benchmark measures its figure and its reference side by side in this run.
const rows: Comparison[] = [...(await loginBench()), ...(await syncBench()), ...(await printBench())];
const met = report(rows);
process.exitCode = met ? 0 : 1;
