import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { ServerConfig } from '../../src-server/config';
import type { Database } from '../../src-server/db/schema';
import { hashPassword } from '../../src-server/identity/passwords';
import { captchaSchema, devOutboxSchema } from '../../src-shared/contracts/accounts';
import type { DevOutbox } from '../../src-shared/contracts/accounts';
import { httpErrorBodySchema } from '../../src-shared/contracts/http';
import type { AppError } from '../../src-shared/contracts/errors';
import { idNumberCheckChar } from '../../src-shared/domain/validation';
import { STACK_TRACE } from '../support/fuzz-checks';
import { filesDirFor } from './databases';
import type { DatabaseConfig } from './databases';

export function testConfig(database: DatabaseConfig, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const filesDir = filesDirFor(database);
  return {
    database,
    demo: true,
    sessionIdleMinutes: 480,
    ...(filesDir === undefined ? {} : { filesDir }),
    ...overrides,
  };
}

/**
 * A clock the test moves by hand, for the server's `now`. It stands still between moves, so a test
 * that relies on it must also keep within the rate-limit window it is in (or move past it).
 */
export function testClock(start: string | Date = new Date()) {
  let ms = new Date(start).getTime();
  return {
    now: () => new Date(ms),
    advanceSeconds(seconds: number) {
      ms += seconds * 1000;
    },
    advanceMinutes(minutes: number) {
      ms += minutes * 60_000;
    },
  };
}
export type TestClock = ReturnType<typeof testClock>;

/** POSTs JSON (an object, or a raw string sent as is) with an optional bearer token. */
export function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function getJson(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

/** Checks a 200 answer and parses it with the contract's schema. */
export async function expectOk<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return schema.parse(JSON.parse(text));
}

/** Signs in and returns the token; fails the test when login does not succeed. */
export async function login(baseUrl: string, identifier: string, password: string): Promise<string> {
  const res = await postJson(`${baseUrl}/api/auth/login`, { identifier, password });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/**
 * Checks that a response is the contract's `{ error }` JSON with this status and code, and carries no
 * stack trace; returns the error for further checks.
 */
export async function expectError(res: Response, status: number, code: AppError['code']): Promise<AppError> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(STACK_TRACE);
  const { error } = httpErrorBodySchema.parse(JSON.parse(text));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}

/** What the demo server lists at /api/dev/outbox. */
export async function devOutbox(baseUrl: string): Promise<DevOutbox> {
  return expectOk(await getJson(`${baseUrl}/api/dev/outbox`), devOutboxSchema);
}

/** A new captcha, solved by reading its answer from the demo outbox, as the form sends it. */
export async function solveCaptcha(baseUrl: string): Promise<{ captchaId: string; captchaAnswer: string }> {
  const { captchaId } = await expectOk(await getJson(`${baseUrl}/api/captcha`), captchaSchema);
  const answer = (await devOutbox(baseUrl)).captchas.find((captcha) => captcha.captchaId === captchaId);
  if (answer === undefined) throw new Error(`captcha ${captchaId} is not in the outbox`);
  return { captchaId, captchaAnswer: answer.answer };
}

/** A captcha that was issued but is answered wrongly. */
export async function wrongCaptcha(baseUrl: string): Promise<{ captchaId: string; captchaAnswer: string }> {
  const { captchaId, captchaAnswer } = await solveCaptcha(baseUrl);
  // '0' is never part of an answer, so this answer is always wrong.
  return { captchaId, captchaAnswer: `${captchaAnswer.slice(0, 3)}0` };
}

/** The newest SMS the outbox holds for this phone. */
export async function latestSms(baseUrl: string, mobile: string): Promise<DevOutbox['sms'][number]> {
  const message = (await devOutbox(baseUrl)).sms.find((sms) => sms.mobile === mobile);
  if (message === undefined) throw new Error(`no SMS to ${mobile} in the outbox`);
  return message;
}

/** Sends a registration code to `mobile` (solving the captcha) and returns the code from the outbox. */
export async function registrationCode(baseUrl: string, mobile: string): Promise<string> {
  const res = await postJson(`${baseUrl}/api/sms/send`, {
    purpose: 'register',
    mobile,
    ...(await solveCaptcha(baseUrl)),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await latestSms(baseUrl, mobile)).code;
}

/** A valid 身份证号 (Chongqing 渝中区) for a birth date 'YYYYMMDD', with the right check character. */
export function idNumberBornOn(birth: string, sequence = '123'): string {
  const first17 = `500103${birth}${sequence}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

let mobileSequence = 0;
/** A mobile number no demo account uses, different at every call in a test run. */
export function freshMobile(): string {
  mobileSequence += 1;
  return `1590${String(process.pid % 1000).padStart(3, '0')}${String(mobileSequence).padStart(4, '0')}`;
}

/** Puts an account straight into the database (no SMS, no captcha) and returns its id. */
export async function insertUser(
  db: Kysely<Database>,
  user: { account: string; password: string; name?: string; mobile?: string; idNumber?: string },
): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      account: user.account,
      name: user.name ?? '测试用户',
      mobile: user.mobile ?? freshMobile(),
      id_number: user.idNumber ?? idNumberBornOn('19900101', String(mobileSequence % 1000).padStart(3, '0')),
      password_hash: await hashPassword(user.password),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
