import { afterEach, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src-shared/contracts/http';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { hashGate } from '../support/hash-gate';
import type { HashGate } from '../support/hash-gate';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, insertUser, postJson, solveCaptcha, testConfig } from './helpers';

/**
 * Parallel attempts on one account get no more than a sequence of attempts does: three without a
 * captcha, five in all, and nothing after the lock. The hashes are held at a gate until every attempt
 * of the burst has been answered or is hashing, so the burst is truly parallel however slow the
 * machine is.
 */
describeEachDatabase('login defences under parallel attempts', (fresh) => {
  let server: RunningServer | undefined;
  let gate: HashGate;

  afterEach(async () => {
    gate?.open();
    await server?.close();
    server = undefined;
  });

  async function start() {
    gate = hashGate();
    server = await startServer(
      testConfig(await fresh(), {
        loginHashing: { concurrency: 64, queueLength: 64, verifyPassword: gate.verifyPassword },
      }),
    );
    await insertUser(server.platform.db, { account: 'burst_target', password: 'Right@2026' });
    return server;
  }

  const attempt = (url: string, password: string, captcha?: { captchaId: string; captchaAnswer: string }) =>
    postJson(`${url}/api/auth/login`, { identifier: 'burst_target', password, ...captcha });

  /** Fires the attempts at once; resolves when each has been answered or is held at the gate. */
  async function burst(requests: Array<() => Promise<Response>>) {
    let answered = 0;
    const responses = requests.map((send) =>
      send().then((res) => {
        answered += 1;
        return res;
      }),
    );
    await expect.poll(() => answered + gate.held, { timeout: 60_000 }).toBe(requests.length);
    return {
      answered: () => answered,
      /** Each attempt's error code, once all are answered. */
      codes: () =>
        Promise.all(
          responses.map(
            async (res) => ((await (await res).json()) as { error: { code: string } }).error.code,
          ),
        ),
    };
  }

  it('lets three of 25 parallel wrong passwords be checked without a captcha, and refuses the right one sent next', async () => {
    const { url } = await start();
    const wrong = await burst(Array.from({ length: 25 }, () => () => attempt(url, 'Wrong@2026')));
    expect(gate.held).toBe(3);
    expect(wrong.answered()).toBe(22);

    // While three are still being checked, the right password needs a captcha like a fourth attempt.
    await expectError(await attempt(url, 'Right@2026'), 400, 'CAPTCHA_REQUIRED');

    gate.open();
    const codes = await wrong.codes();
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((code) => code === 'CAPTCHA_REQUIRED')).toHaveLength(22);
    expect(gate.counts.calls).toBe(3);
    await expectError(await attempt(url, 'Right@2026'), 400, 'CAPTCHA_REQUIRED');
  }, 60_000);

  it('lets five of 25 parallel wrong passwords with solved captchas be checked, then keeps the account locked', async () => {
    const { url } = await start();
    const captchas = [];
    for (let i = 0; i < 26; i += 1) captchas.push(await solveCaptcha(url));
    const wrong = await burst(
      captchas.slice(0, 25).map((captcha) => () => attempt(url, 'Wrong@2026', captcha)),
    );
    expect(gate.held).toBe(5);

    await expectError(await attempt(url, 'Right@2026', captchas[25]), 423, 'ACCOUNT_LOCKED');

    gate.open();
    const codes = await wrong.codes();
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(21);
    expect(gate.counts.calls).toBe(5);
    await expectError(await attempt(url, 'Right@2026', await solveCaptcha(url)), 423, 'ACCOUNT_LOCKED');
  }, 60_000);

  it('still signs in a user whose few parallel logins are all right', async () => {
    const { url } = await start();
    gate.open();
    const answers = await Promise.all([attempt(url, 'Right@2026'), attempt(url, 'Right@2026')]);
    for (const res of answers) await expectOk(res, loginResponseSchema);
  });
});
