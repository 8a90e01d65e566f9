import { report, type Comparison } from './harness';
import { loginBench } from './login.bench';
import { loginStormBench } from './login-storm.bench';
import { printBench } from './print.bench';
import { syncBench } from './sync.bench';

// `npm run bench`: every benchmark measures its figure and its reference side by side in this run.
const rows: Comparison[] = [
  ...(await loginBench()),
  ...(await loginStormBench()),
  ...(await syncBench()),
  ...(await printBench()),
];
const met = report(rows);
// A bench may already have set a failing code for a figure that is not a ratio (the login storm's count).
process.exitCode = met ? (process.exitCode ?? 0) : 1;
