import { quantile, type DecisionFindings } from './checks';
import type { HttpStats } from './http-client';
import type { SentOperation } from './reviewers';

/** The figures a run prints, and whether they make it a failure. */

export interface RunFigures {
  units: number;
  departments: number;
  applications: number;
  clients: number;
  seconds: number;
  stats: HttpStats;
  sent: readonly SentOperation[];
  findings: DecisionFindings;
  leaks: readonly string[];
  cacheDifferences: readonly string[];
  kills: number;
}

export function failuresOf(figures: RunFigures): string[] {
  const failures: string[] = [];
  const { findings } = figures;
  if (findings.duplicates.length > 0) failures.push(`${findings.duplicates.length} duplicates`);
  if (findings.losses.length > 0) failures.push(`${findings.losses.length} losses`);
  if (figures.leaks.length > 0) failures.push(`${figures.leaks.length} leaks`);
  if (findings.replayMismatches.length > 0)
    failures.push(`${findings.replayMismatches.length} replay mismatches`);
  if (figures.cacheDifferences.length > 0)
    failures.push(`${figures.cacheDifferences.length} cache differences`);
  const serverErrors = figures.stats.serverErrors();
  if (serverErrors > 0) failures.push(`${serverErrors} answers 5xx`);
  return failures;
}

export function printFigures(figures: RunFigures, print: (line: string) => void = console.log): void {
  const { stats, sent, findings } = figures;
  const count = (predicate: (s: SentOperation) => boolean) => sent.filter(predicate).length;
  const outcomes = new Map<string, number>();
  for (const entry of sent) {
    const final = entry.results.some((r) => r.outcome === 'applied')
      ? 'applied'
      : (entry.results[0]?.outcome ?? 'no answer');
    outcomes.set(final, (outcomes.get(final) ?? 0) + 1);
  }
  print('');
  print('Simulation figures');
  print(`  units ${figures.units}, departments ${figures.departments}, applications ${figures.applications}`);
  print(`  clients ${figures.clients}, requests ${stats.requests}, seconds ${figures.seconds.toFixed(1)}`);
  print(`  instance kills (SIGKILL + restart) ${figures.kills}`);
  print(
    `  decisions ${findings.decisions} (acknowledged ${findings.acknowledged}; ${[...outcomes]
      .map(([outcome, n]) => `${outcome} ${n}`)
      .join(', ')})`,
  );
  print(
    `  twin sends ${count((s) => s.mode === 'twin')}, resends ${count((s) => s.mode === 'resend')} deliberate + ${count(
      (s) => s.mode === 'single' && s.unanswered > 0,
    )} after no answer`,
  );
  print(
    `  duplicates ${findings.duplicates.length}, losses ${findings.losses.length}, leaks ${figures.leaks.length}`,
  );
  print(
    `  replay mismatches ${findings.replayMismatches.length}, cache differences ${figures.cacheDifferences.length}`,
  );
  print(
    `  pull p50 ${quantile(stats.pullMillis, 0.5).toFixed(0)} ms, p99 ${quantile(stats.pullMillis, 0.99).toFixed(0)} ms (${stats.pullMillis.length} pulls)`,
  );
  const errors = stats.errors();
  print(
    `  errors by kind and status: ${errors.length === 0 ? 'none' : errors.map(([k, n]) => `${k}: ${n}`).join(', ')}`,
  );
  const details = [
    ...findings.duplicates,
    ...findings.losses,
    ...findings.replayMismatches,
    ...figures.leaks,
    ...figures.cacheDifferences,
  ];
  for (const line of details.slice(0, 20)) print(`  ! ${line}`);
  if (details.length > 20) print(`  ! … and ${details.length - 20} more`);
}
