import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import type { RateLimits } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';
import {
  APP_METHODS,
  APP_METHOD_NAMES,
  isAppMethodName,
  type AppMethodName,
} from '../../src-shared/contracts/app';
import type { Result } from '../../src-shared/contracts/errors';
import { describeEachDatabase } from '../server/databases';
import { testConfig } from '../server/helpers';
import { closedPort } from '../support/closed-port';
import { errorProblems } from '../support/fuzz-checks';
import { contractHints, knownIds } from '../support/fuzz-hints';
import { fuzzParams } from '../support/fuzz-settings';
import { garbageValue, oddString, PLAINLY_WRONG_INPUTS } from '../support/fuzz-values';
import { oneFieldBroken, validShaped, type FieldHints } from '../support/zod-arbitrary';

/**
 * Property-based fuzzing of the core's gate (dispatchAppCall), the one door every renderer call passes
 * whichever host carries it: every method of the app contract, signed in and signed out, with inputs
 * derived from its schema with one field broken, plain garbage, and unknown method names. Each call must
 * answer a Result: a value of the contract's shape, or an error with a Chinese message, never an
 * internal failure or a stack trace. The core talks to the real platform server on both databases.
 */

/** Runs per method, chosen so that the file takes well under a minute per database on a 2-core machine. */
const RUNS = {
  perMethod: 25,
  /** A login hashes the password it is given, and a logout that goes through means signing in again. */
  slowMethods: { login: 8, logout: 8, logoutAndClearLocalData: 8 } as Partial<Record<AppMethodName, number>>,
  unknownMethods: 60,
};

const UNLIMITED: RateLimits = {
  login: { max: 1_000_000, windowSeconds: 60 },
  captcha: { max: 1_000_000, windowSeconds: 60 },
  sms: { max: 1_000_000, windowSeconds: 60 },
  flows: { max: 1_000_000, windowSeconds: 60 },
};

const REVIEWER = { identifier: 'unitadmin', password: 'Unit@2026' };

/** What is wrong with a Result of the gate: an output off the contract, or an error as errorProblems says. */
function resultProblems(method: AppMethodName, result: Result<unknown>): string[] {
  if (!result.ok) return errorProblems(result.error);
  const output = APP_METHODS[method].output.safeParse(result.value);
  return output.success
    ? []
    : [`the value is not the contract's output: ${output.error.message.slice(0, 300)}`];
}

/** A short account of an input for a failure message (inputs may hold 100 000 characters). */
function describeInput(input: unknown): string {
  return (JSON.stringify(input) ?? String(input)).slice(0, 300);
}

describeEachDatabase("fuzz: every method of the core's gate", (fresh) => {
  let server: RunningServer;
  let dataDir: string;
  let hints: FieldHints;
  let signedOut: AppCore;
  let signedIn: AppCore;

  async function signIn(): Promise<void> {
    const result = await dispatchAppCall(signedIn.handlers, 'login', REVIEWER);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { rateLimits: UNLIMITED }));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-fuzz-core-'));
    // The connection test may only reach this machine: the server itself, or a port nobody listens on.
    hints = contractHints(await knownIds(server.platform.db), [
      server.url,
      `http://127.0.0.1:${await closedPort()}`,
    ]);
    signedOut = createAppCore({
      serverUrl: server.url,
      dataDir: path.join(dataDir, 'out'),
      mode: 'embedded',
    });
    signedIn = createAppCore({ serverUrl: server.url, dataDir: path.join(dataDir, 'in'), mode: 'embedded' });
    await signIn();
  });
  afterAll(async () => {
    await signedIn?.close();
    await signedOut?.close();
    await server?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it.each(APP_METHOD_NAMES)(
    '%s: schema-shaped inputs with one field broken, signed in and out',
    async (method) => {
      const schema = APP_METHODS[method].input;
      const input = fc.oneof(
        { arbitrary: oneFieldBroken(schema, hints), weight: 4 },
        { arbitrary: validShaped(schema, hints), weight: 1 },
        { arbitrary: garbageValue, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(input, fc.constantFrom(true, true, false), async (value, useSignedIn) => {
          // A fuzzed logout that went through ended the session the next runs rely on.
          if (useSignedIn && signedIn.workspace() === null) await signIn();
          const core = useSignedIn ? signedIn : signedOut;
          const result = await dispatchAppCall(core.handlers, method, value);
          expect(resultProblems(method, result), `${method}(${describeInput(value)})`).toEqual([]);
        }),
        fuzzParams(RUNS.slowMethods[method] ?? RUNS.perMethod),
      );
    },
  );

  it.each(APP_METHOD_NAMES)('%s: plainly wrong inputs are refused in Chinese', async (method) => {
    let refused = 0;
    for (const input of PLAINLY_WRONG_INPUTS) {
      // Signed out: a wrong input that the contract takes after all must not end the shared session.
      const result = await dispatchAppCall(signedOut.handlers, method, input);
      expect(resultProblems(method, result), `${method}(${describeInput(input)})`).toEqual([]);
      if (!result.ok && result.error.code === 'INVALID_CALL') refused += 1;
    }
    expect(refused, `${method} refused none of the plainly wrong inputs`).toBeGreaterThan(0);
  });

  it('unknown method names answer INVALID_CALL in Chinese', async () => {
    const name = fc
      .oneof(
        oddString,
        garbageValue,
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'valueOf',
          'then',
          'LOGIN',
          'login ',
        ),
      )
      .filter((candidate) => !isAppMethodName(candidate));
    await fc.assert(
      fc.asyncProperty(name, garbageValue, async (method, input) => {
        const result = await dispatchAppCall(signedIn.handlers, method, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
        if (!result.ok) expect(errorProblems(result.error), describeInput(method)).toEqual([]);
      }),
      fuzzParams(RUNS.unknownMethods),
    );
  });
});
