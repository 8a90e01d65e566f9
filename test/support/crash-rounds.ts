import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_SHIM, RUNTIME_EXTERNALS } from '../../scripts/build-node';
import { createAppCore } from '../../src-main/core/app-core';
import { openApplicationCache } from '../../src-main/core/cache/application-cache';
import { commentTargetKey } from '../../src-main/core/review/comment-targets';
import type { CommentTarget } from '../../src-shared/contracts';
import { startDemoServer, type DemoServer } from './demo-server';
import { addHospitalApplications, spawnClient } from './killed-client';
import { startPushGate, type GateMode } from './push-gate';
import { seededRandom } from './seeded-random';

/**
 * A reviewer's client (review-child.ts, the real core in a process of its own) killed with SIGKILL
 * round after round while it types comment drafts and decides, against the real server on loopback.
 * After every kill the cache it leaves passes SQLite's integrity check and holds every draft it reported
 * saved; at the end, once a client has synced what was left, the server has applied every decision it
 * reported exactly once (one history entry and one version step each), with the comments typed for it,
 * and nothing twice. Used by test/core/review-crash.test.ts (a few placed kills) and by
 * `npm run crash-loop` (scripts/crash-loop.ts, hundreds of drawn ones).
 *
 * Where each round's kill lands (its phase):
 *   draft       at the k-th `saving` line: the child is inside saveCommentDraft, before it reports saved
 *   outbox      at the first `decided` line while the gate holds the pulls: the decision is committed
 *               to the outbox but not pushed (the busy sync run makes it wait)
 *   inFlight    when the push request reaches the gate: the server never sees it
 *   afterApply  when the server has answered the push: applied there, the answer never arrives
 *   random      a timer 50–400 ms after the reviewer starts typing, wherever that falls
 */

export const KILL_PHASES = ['draft', 'outbox', 'inFlight', 'afterApply', 'random'] as const;
export type KillPhase = (typeof KILL_PHASES)[number];

export interface CrashRoundsOptions {
  rounds: number;
  seed: number;
  /** The phase of a round (1-based): a fixed plan in the test, drawn from `random` by the command. */
  phaseOf(round: number, random: () => number): KillPhase;
  /** Aborted: no new round starts; the last checks run on the rounds done (the command's Ctrl-C). */
  signal?: AbortSignal;
  /** Progress, one line per round (the command prints it; the test stays quiet). */
  log?(line: string): void;
}

export interface CrashRoundsReport {
  seed: number;
  kills: number;
  killsByPhase: Record<KillPhase, number>;
  /** `saved` lines the child printed (each a draft reported saved). */
  draftsSaved: number;
  /** Drafts found in the cache as reported after a kill (summed over kills). */
  draftsVerified: number;
  decisionsReported: number;
  appliedOnce: number;
  appliedTwice: number;
  /** Reported decided, but never applied by the server. */
  lost: number;
  integrityChecks: number;
  /** Everything that went wrong, in words; empty when all held. */
  failures: string[];
  seconds: number;
}

interface Draft {
  applicationId: string;
  target: CommentTarget;
  text: string;
}

type ChildLine =
  | { ready: true; cacheFile: string }
  | { saving: Draft }
  | { saved: Draft }
  | { deciding: string }
  | { decided: string };

const ACCOUNT = { identifier: 'unitadmin', password: 'Unit@2026' };
/** Drafts the child writes per decision (review-child.ts: 2 passes over 3 targets). */
const DRAFTS_PER_DECISION = 6;
const GATE_MODE: Record<KillPhase, GateMode> = {
  draft: 'open',
  outbox: 'holdPulls',
  inFlight: 'killInFlight',
  afterApply: 'killAfterApply',
  random: 'open',
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const keyOf = (draft: { applicationId: string; target: CommentTarget }) =>
  `${draft.applicationId} ${commentTargetKey(draft.target)}`;

/**
 * The child as one ES module bundle: Node starts it in a fraction of the time tsx takes to compile the
 * core on every start, which is most of a round. Written inside the repository (dist/, ignored by git)
 * so that its native modules resolve from node_modules.
 */
async function bundleChild(): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = path.join(repoRoot, 'dist', 'crash-child', String(process.pid));
  const file = path.join(dir, 'review-child.mjs');
  await mkdir(dir, { recursive: true });
  await build({
    entryPoints: [path.join(repoRoot, 'test', 'support', 'review-child.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: ESM_REQUIRE_SHIM },
    external: ['electron', ...RUNTIME_EXTERNALS],
    logLevel: 'error',
  });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function runCrashRounds(options: CrashRoundsOptions): Promise<CrashRoundsReport> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const failures: string[] = [];
  // A function, not a read: the signal changes between rounds behind TypeScript's narrowing.
  const stopped = () => options.signal?.aborted === true;
  const check = (ok: boolean, failure: () => string) => {
    if (!ok) failures.push(failure());
  };
  const report: CrashRoundsReport = {
    seed: options.seed,
    kills: 0,
    killsByPhase: { draft: 0, outbox: 0, inFlight: 0, afterApply: 0, random: 0 },
    draftsSaved: 0,
    draftsVerified: 0,
    decisionsReported: 0,
    appliedOnce: 0,
    appliedTwice: 0,
    lost: 0,
    integrityChecks: 0,
    failures,
    seconds: 0,
  };

  const [server, child] = await Promise.all([startDemoServer(), bundleChild()]);
  const gate = await startPushGate(server.url);
  try {
    // startDemoServer keeps SQLite's files beside its database, in the folder that also holds clientDataDir.
    const filesDir = path.join(path.dirname(server.clientDataDir), 'files');
    // Enough to decide in every round (a round decides at most a few) without the child running dry.
    const unitId = await addHospitalApplications(server.platform, filesDir, {
      seed: options.seed,
      count: 40 + options.rounds * 4,
      firstIndex: 200_000,
    });
    const before = new Map<string, { version: number; lastEvent: number }>();
    for (const row of await applicationsOfUnit(server, unitId)) {
      before.set(row.id, { version: Number(row.version), lastEvent: Number(row.last_event ?? 0) });
    }

    const dataDir = path.join(server.clientDataDir, 'crashing');
    // Every client goes through the gate: the cache's place depends on the server's address.
    const core = (url: string) =>
      createAppCore({ serverUrl: url, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
    // The reviewer has used this computer before: the cache holds the unit's applications, so the kills
    // land while drafts are typed and decisions sent, not while a first sync fills an empty cache.
    options.log?.(`server ready with ${before.size} applications of the unit (${elapsed(started)})`);
    const first = core(gate.url);
    await first.handlers.login(ACCOUNT);
    await first.workspace()?.syncAndWait();
    await first.close();
    options.log?.(`cache filled (${elapsed(started)})`);

    /**
     * The last text reported saved per application and target, and the texts written since without a
     * report: a write cut off by a kill may have landed or not, and stays possible until a later one is
     * reported saved (the next round may begin another write of the same draft first).
     */
    const saved = new Map<string, Draft>();
    const unconfirmed = new Map<string, { draft: Draft; texts: Set<string> }>();
    const deciding = new Set<string>();
    const decided = new Set<string>();
    /** The drafts each decision was made from, as the child last reported them before deciding. */
    const sentWith = new Map<string, string[]>();

    for (let round = 1; round <= options.rounds && !stopped(); round += 1) {
      const phase = options.phaseOf(round, random);
      const killAtDraft = 1 + Math.floor(random() * DRAFTS_PER_DECISION);
      const randomDelay = 50 + Math.floor(random() * 350);
      const client = spawnClient<ChildLine>(child.file, [
        gate.url,
        dataDir,
        ACCOUNT.identifier,
        ACCOUNT.password,
        String(round),
        String((options.seed + round) >>> 0),
      ]);
      gate.arm(GATE_MODE[phase], () => client.kill());
      let cacheFile = '';
      let savings = 0;
      let timer: NodeJS.Timeout | undefined;
      for await (const line of client.lines) {
        if ('ready' in line) {
          cacheFile = line.cacheFile;
        } else if ('saving' in line) {
          savings += 1;
          if (phase === 'draft' && savings === killAtDraft) client.kill();
          // The clock starts when the reviewer starts typing (the process takes a while to start).
          if (phase === 'random') timer ??= setTimeout(() => client.kill(), randomDelay);
          const entry = unconfirmed.get(keyOf(line.saving)) ?? { draft: line.saving, texts: new Set() };
          entry.texts.add(line.saving.text);
          unconfirmed.set(keyOf(line.saving), entry);
        } else if ('saved' in line) {
          report.draftsSaved += 1;
          unconfirmed.delete(keyOf(line.saved));
          saved.set(keyOf(line.saved), line.saved);
        } else if ('deciding' in line) {
          deciding.add(line.deciding);
          sentWith.set(
            line.deciding,
            [...saved.values()]
              .filter((draft) => draft.applicationId === line.deciding)
              .map((draft) => draft.text)
              .sort(),
          );
        } else if ('decided' in line) {
          decided.add(line.decided);
          if (phase === 'outbox') client.kill();
        }
      }
      clearTimeout(timer);
      gate.arm('open', () => undefined);
      try {
        await client.expectKilled(`round ${round}`);
      } catch (error) {
        // Ctrl-C reaches the child too (same process group): that round is left out, not failed.
        if (!stopped()) failures.push(String(error));
        continue;
      }
      report.kills += 1;
      report.killsByPhase[phase] += 1;
      if (cacheFile === '') {
        failures.push(`round ${round}: the child never reported its cache`);
        continue;
      }

      const cache = await openApplicationCache(cacheFile);
      try {
        const problems = cache.integrityCheck();
        report.integrityChecks += 1;
        check(
          problems.length === 0,
          () => `round ${round} (${phase}): integrity check: ${problems.join('; ')}`,
        );
        for (const key of new Set([...saved.keys(), ...unconfirmed.keys()])) {
          const expected = saved.get(key);
          const maybe = unconfirmed.get(key);
          const draft = expected ?? maybe?.draft;
          if (draft === undefined) continue;
          // Drafts that went with a decision leave with it once the server applied it.
          const application = cache.work.reviewTarget(draft.applicationId);
          const withDecision =
            deciding.has(draft.applicationId) &&
            (cache.work.latestOperation(draft.applicationId) !== null || application?.state !== 'unitReview');
          if (withDecision) continue;
          const stored = cache.work
            .commentDrafts(draft.applicationId)
            .find((row) => row.target === commentTargetKey(draft.target))?.text;
          // A write cut off may have landed or not; one reported saved must be there.
          const allowed = [expected?.text, ...(maybe?.texts ?? [])];
          check(
            allowed.includes(stored),
            () => `round ${round} (${phase}): draft ${key} is ${stored}, expected ${expected?.text}`,
          );
          if (expected !== undefined) report.draftsVerified += 1;
        }
      } finally {
        cache.close();
      }
      options.log?.(
        `round ${round}/${options.rounds}: killed (${phase}), ${decided.size} decisions reported so far (${elapsed(started)})`,
      );
    }

    // The reviewer starts the client once more, with the server up: whatever was left is sent.
    const last = core(gate.url);
    try {
      await last.handlers.login(ACCOUNT);
      const workspace = last.workspace();
      if (workspace === null) throw new Error('no workspace after login');
      await workspace.syncAndWait();
      check(
        workspace.cache.work.outboxEntries().length === 0,
        () => `the outbox kept ${workspace.cache.work.outboxEntries().length} operations after the last sync`,
      );
      const problems = workspace.cache.integrityCheck();
      report.integrityChecks += 1;
      check(problems.length === 0, () => `last client: integrity check: ${problems.join('; ')}`);

      const returns = await returnsSince(server, unitId, before);
      const states = new Map((await applicationsOfUnit(server, unitId)).map((row) => [row.id, row]));
      for (const [id, count] of returns) {
        if (count > 1) report.appliedTwice += 1;
        check(count === 1, () => `application ${id}: the decision was applied ${count} times`);
        check(deciding.has(id), () => `application ${id}: returned, but the child never decided it`);
      }
      report.decisionsReported = decided.size;
      for (const id of deciding) {
        const applied = returns.get(id) === 1;
        if (applied) report.appliedOnce += 1;
        if (!decided.has(id)) continue; // killed before the decision was stored: nothing was promised
        if (!returns.has(id)) report.lost += 1;
        check(returns.has(id), () => `application ${id}: decision reported but never applied`);
        if (!applied) continue;
        const row = states.get(id);
        check(
          row?.state === 'unitReturned' && Number(row.version) === (before.get(id)?.version ?? 0) + 1,
          () =>
            `application ${id}: state ${row?.state}, version ${row?.version} (was ${before.get(id)?.version})`,
        );
        const detail = await last.handlers.getApplicationDetail({ id });
        const comments = workspace
          .reviewHistory(id)
          .comments.filter(
            (comment) => comment.action === 'unitReturn' && comment.round === detail.submitCount,
          )
          .map((comment) => comment.text)
          .sort();
        const expected = sentWith.get(id) ?? [];
        check(
          JSON.stringify(comments) === JSON.stringify(expected),
          () => `application ${id}: comments ${JSON.stringify(comments)}, typed ${JSON.stringify(expected)}`,
        );
        const left = (await last.handlers.getReviewState({ applicationId: id })).drafts;
        check(left.length === 0, () => `application ${id}: ${left.length} drafts left after its decision`);
      }
      check(report.draftsVerified > 0, () => 'no draft was ever checked after a kill');
    } finally {
      await last.close();
    }
  } finally {
    await child.remove();
    await gate.close();
    await server.close();
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function applicationsOfUnit(server: DemoServer, unitId: string) {
  return server.platform.db
    .selectFrom('applications as a')
    .select(['a.id', 'a.state', 'a.version'])
    .select((eb) =>
      eb
        .selectFrom('application_events as e')
        .whereRef('e.application_id', '=', 'a.id')
        .select((e) => e.fn.max('e.seq').as('seq'))
        .as('last_event'),
    )
    .where('a.unit_id', '=', unitId)
    .execute();
}

/** unitReturn entries in the server's history since the rounds began, per application. */
async function returnsSince(
  server: DemoServer,
  unitId: string,
  before: ReadonlyMap<string, { lastEvent: number }>,
): Promise<Map<string, number>> {
  const rows = await server.platform.db
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.seq'])
    .where('a.unit_id', '=', unitId)
    .where('e.action', '=', 'unitReturn')
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (Number(row.seq) <= (before.get(row.application_id)?.lastEvent ?? 0)) continue;
    counts.set(row.application_id, (counts.get(row.application_id) ?? 0) + 1);
  }
  return counts;
}

/** The figures as the command prints them (and the test on failure). */
export function describeReport(report: CrashRoundsReport): string {
  const phases = KILL_PHASES.map((phase) => `${phase} ${report.killsByPhase[phase]}`).join(', ');
  return [
    `seed ${report.seed}`,
    `kills ${report.kills} (${phases})`,
    `drafts saved ${report.draftsSaved}, verified after kills ${report.draftsVerified}`,
    `decisions reported ${report.decisionsReported}: applied once ${report.appliedOnce}, twice ${report.appliedTwice}, lost ${report.lost}`,
    `integrity checks ${report.integrityChecks}`,
    `time ${report.seconds.toFixed(1)} s`,
    report.failures.length === 0
      ? 'no failures'
      : `FAILURES ${report.failures.length}:\n  ${report.failures.join('\n  ')}`,
  ].join('\n');
}
