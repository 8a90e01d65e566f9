import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * `npm test`: every stage in turn (lint, format, typecheck, unit + integration, journeys), stopping at
 * the first that fails, and at the end one line per stage with its time against the suite's budget.
 * `npm test -- unit e2e` runs only the stages named.
 * The budget is printed, never enforced: the machine's load decides the times as much as the code does
 * (DESIGN.md "Testing"), so an over-budget stage is a finding to look into, not a failed run.
 */

interface Stage {
  name: string;
  script: string;
  /** What the stage should take on a quiet 2-core machine, in seconds; none for the quick ones. */
  budgetSeconds?: number;
}

const STAGES: readonly Stage[] = [
  { name: 'lint', script: 'lint' },
  { name: 'format', script: 'format:check' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'unit', script: 'test:unit', budgetSeconds: 5 * 60 },
  { name: 'e2e', script: 'test:e2e' },
];

/** The whole of `npm test`, the largest part of `.ci/run`, whose own budget is 15 minutes. */
const TOTAL_BUDGET_SECONDS = 12 * 60;

function runScript(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function formatSeconds(seconds: number): string {
  return seconds < 60
    ? `${seconds.toFixed(1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function budgetNote(seconds: number, budget: number | undefined): string {
  if (budget === undefined) return '';
  return seconds <= budget
    ? ` (budget ${formatSeconds(budget)}: within)`
    : ` (budget ${formatSeconds(budget)}: OVER)`;
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !STAGES.some((stage) => stage.name === name));
if (unknown.length > 0) {
  console.error(`unknown stage ${unknown.join(', ')}; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const selected = asked.length === 0 ? STAGES : STAGES.filter((stage) => asked.includes(stage.name));

const loadAtStart = load();
const times: Array<{ stage: Stage; seconds: number; code: number }> = [];
let failed: Stage | undefined;
for (const stage of selected) {
  const started = performance.now();
  const code = await runScript(stage.script);
  times.push({ stage, seconds: (performance.now() - started) / 1000, code });
  if (code !== 0) {
    failed = stage;
    break;
  }
}

const total = times.reduce((sum, t) => sum + t.seconds, 0);
console.log(
  `\nnpm test stage times (${os.cpus().length} cores; load ${loadAtStart} at start, ${load()} at end):`,
);
for (const { stage, seconds, code } of times) {
  const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
  console.log(
    `  ${stage.name.padEnd(10)} ${formatSeconds(seconds).padStart(12)}  ${verdict}${budgetNote(seconds, stage.budgetSeconds)}`,
  );
}
for (const stage of selected.slice(times.length))
  console.log(`  ${stage.name.padEnd(10)} ${'not run'.padStart(12)}`);
console.log(
  `  ${'total'.padEnd(10)} ${formatSeconds(total).padStart(12)}${budgetNote(total, TOTAL_BUDGET_SECONDS)}`,
);
process.exit(failed === undefined ? 0 : 1);
