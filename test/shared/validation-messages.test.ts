import { describe, expect, it } from 'vitest';
import { APP_METHODS, APP_METHOD_NAMES } from '../../src-shared/contracts/app';
import { HTTP_ROUTES, type HttpRouteName } from '../../src-shared/contracts/http';
import { loginCredentialsSchema } from '../../src-shared/contracts/identity';
import { appSettingsSchema } from '../../src-shared/contracts/settings';
import { z } from '../../src-shared/contracts/zod-chinese';
import { englishWords } from '../support/fuzz-checks';
import { PLAINLY_WRONG_INPUTS } from '../support/fuzz-values';

/**
 * zod speaks Chinese wherever a schema is parsed, with no error map passed to the parse: the server's
 * request validation, the core's gate, the core's own checks (a config file) and the renderer's forms
 * all parse the same way, so one registered map must serve them all.
 */

const CJK = /[\u4e00-\u9fff]/;

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function foreignMessages(schema: z.ZodType): string[] {
  return PLAINLY_WRONG_INPUTS.flatMap((input) => messagesOf(schema, input)).filter(
    (message) => !CJK.test(message) || englishWords(message).length > 0,
  );
}

describe("zod's messages are Chinese without being asked", () => {
  it('for a schema written anywhere, with nothing of its own to say', () => {
    const schema = z.object({ name: z.string(), count: z.number().int().min(1), tags: z.array(z.string()) });
    expect(messagesOf(schema, { count: 0.5, tags: 'a', extra: 1 })).toEqual([
      '此项为必填项',
      '填写的格式不正确',
      '填写的格式不正确',
    ]);
    expect(messagesOf(z.strictObject({}), { extra: 1 })).toEqual(['不支持此字段']);
    expect(messagesOf(z.enum(['a', 'b']), 'c')).toEqual(['取值不在允许的范围内']);
    expect(messagesOf(z.string().max(3), 'abcd')).toEqual(['不能超过3个字符']);
  });

  it("keeps the contracts' own words where they spell a message out", () => {
    expect(messagesOf(loginCredentialsSchema, { identifier: ' ', password: '' })).toEqual([
      '请输入用户名/手机号码/身份证号',
      '请输入密码',
    ]);
    const settings = { server: { mode: 'embedded', url: '' }, syncIntervalMinutes: 0.5, defaultPrinter: '' };
    expect(messagesOf(appSettingsSchema, settings)).toEqual(['自动同步间隔请填写整数分钟']);
  });

  it.each(APP_METHOD_NAMES)('for the app method %s', (method) => {
    expect(foreignMessages(APP_METHODS[method].input)).toEqual([]);
  });

  it.each(Object.keys(HTTP_ROUTES) as HttpRouteName[])('for the HTTP route %s', (name) => {
    expect(foreignMessages(HTTP_ROUTES[name].request)).toEqual([]);
  });
});
