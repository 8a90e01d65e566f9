import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { RunningServer } from '../../src-server/listen';
import { addGeneratedApplications, storeScans } from './server-applications';

/**
 * What the crash tests share: the demo hospital with many applications 待单位审核, and a client in a
 * process of its own (test/support/*-child.ts) that reports what it does as JSON lines and is killed
 * with SIGKILL part way through, leaving its cache behind for the test to hold to what it reported.
 */

/** Adds generated applications 待单位审核 to the demo hospital; returns the hospital's unit id. */
export async function addHospitalApplications(
  platform: RunningServer['platform'],
  filesDir: string,
  options: { seed: number; count: number; firstIndex: number },
): Promise<string> {
  const { db } = platform;
  const unit = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'name'])
    .where('name', '=', '重庆市示例人民医院')
    .executeTakeFirstOrThrow();
  const now = new Date();
  await addGeneratedApplications(db, await storeScans(db, filesDir, now), {
    unitId: unit.id,
    departmentId: unit.parent_id,
    employer: unit.name,
    states: ['unitReview'],
    now,
    ...options,
  });
  return unit.id;
}

export interface ClientProcess<Line> {
  /**
   * What the child prints, one JSON value a line, until its output ends (a loop may also leave early).
   * A line the kill cut off is skipped.
   */
  readonly lines: AsyncIterable<Line>;
  /** SIGKILL: no exit handlers and no flushing, as when the power goes. */
  kill(): void;
  /**
   * Waits for the exit; throws, with what the child wrote to stderr, unless the kill ended it. (No
   * vitest `expect` here: the crash-loop command runs these clients outside vitest.)
   */
  expectKilled(what: string): Promise<void>;
}

/**
 * Runs `script` with `args` in a Node process of its own: a TypeScript file through tsx, a bundle
 * (.mjs, see crash-rounds.ts) directly, which starts in a fraction of the time.
 */
export function spawnClient<Line>(script: string, args: readonly string[]): ClientProcess<Line> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  async function* parsedLines(): AsyncGenerator<Line> {
    for await (const text of createInterface({ input: child.stdout })) {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        continue;
      }
      yield line;
    }
  }
  return {
    lines: parsedLines(),
    kill: () => child.kill('SIGKILL'),
    async expectKilled(what) {
      const { code, signal } = await exited;
      if (signal !== 'SIGKILL') throw new Error(`${what}: the child exited by itself (${code}): ${stderr}`);
    },
  };
}
