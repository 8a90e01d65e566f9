import { expect } from 'vitest';
import type { ServerConfig } from '../../src-server/config';
import { httpErrorBodySchema } from '../../src-shared/contracts/http';
import type { AppError } from '../../src-shared/contracts/errors';
import type { DatabaseConfig } from './databases';

export function testConfig(database: DatabaseConfig, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { database, demo: true, sessionIdleMinutes: 480, ...overrides };
}

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

/** Signs in and returns the token; fails the test when login does not succeed. */
export async function login(baseUrl: string, identifier: string, password: string): Promise<string> {
  const res = await postJson(`${baseUrl}/api/auth/login`, { identifier, password });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** Text that would show a stack trace or an internal path leaking into an answer. */
const STACK_TRACE = /\bat .+\(|\.ts:\d+|\.js:\d+|node_modules|src-server|Error:/;

/**
 * Checks that a response is the contract's `{ error }` JSON with this status and code, and carries no
 * stack trace; returns the error for further checks.
 */
export async function expectError(res: Response, status: number, code: AppError['code']): Promise<AppError> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  expect(text).not.toMatch(STACK_TRACE);
  const { error } = httpErrorBodySchema.parse(JSON.parse(text));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}
