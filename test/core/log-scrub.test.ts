import { describe, expect, it } from 'vitest';
import { REDACTED, scrubText, scrubValue, sensitiveKeyKind } from '../../src-shared/logging/scrub';

/**
 * The log scrubber (DESIGN.md "Security", personal data): every rule on its own, in the shapes a log line
 * takes (prose, JSON, escaped JSON, util.inspect, URLs, headers), nested values and Errors, and the things
 * that must survive because a log without them is useless (application numbers, dates, versions, counts).
 */

// Valid-looking but invented, like the demo data's.
const ID = '500103198503120020';
const ID_X = '11010519491231002X';
const OLD_ID = '500103850312002';
const MOBILE = '13800000001';
const TOKEN = 'q0Ll9m3fZ8Yw2xV7uT6sR5pO4nM1kJ0hG9fE8dC7bA6';

describe('scrubText: ID numbers', () => {
  it('masks an 18-character ID number standing alone, with a digit or an X at the end', () => {
    expect(scrubText(`身份证号${ID}请核实`)).toBe('身份证号5****************0请核实');
    // As the lists mask it: the X in upper case.
    expect(scrubText(`id ${ID_X} and ${ID_X.toLowerCase()}`)).toBe(
      'id 1****************X and 1****************X',
    );
  });

  it('masks the old 15-digit ID numbers, and 16 or 17 digits (a digit too few or too many)', () => {
    expect(scrubText(`old ${OLD_ID}.`)).toBe('old 5*************2.');
    expect(scrubText('x 5001031985031200 y 50010319850312002')).toBe(
      'x 5**************0 y 5***************2',
    );
  });

  it('masks ID numbers inside JSON strings, URLs and paths', () => {
    expect(scrubText(`{"applicant":"${ID}"}`)).toBe('{"applicant":"5****************0"}');
    expect(scrubText(`GET /api/users/${ID}?q=${ID}&x=1`)).toBe(
      'GET /api/users/5****************0?q=5****************0&x=1',
    );
    expect(scrubText(`file_${ID}.pdf`)).toBe('file_5****************0.pdf');
  });

  it('leaves longer digit runs alone: they are not ID numbers', () => {
    expect(scrubText('nanoseconds 1764224108123456789')).toBe('nanoseconds 1764224108123456789');
  });
});

describe('scrubText: mobile numbers', () => {
  it('masks mainland mobiles, bare, with +86/86/0086 and written 3-4-4', () => {
    expect(scrubText(`电话${MOBILE}。`)).toBe('电话138****0001。');
    expect(scrubText('+8613912345678, 86 13912345678, 008613912345678')).toBe(
      '139****5678, 139****5678, 139****5678',
    );
    expect(scrubText('call 139 1234 5678 or 139-1234-5678')).toBe('call 139****5678 or 139****5678');
  });

  it('masks mobiles inside JSON and URLs', () => {
    expect(scrubText(`{"contact":"${MOBILE}"}`)).toBe('{"contact":"138****0001"}');
    expect(scrubText(`/api/sms?to=${MOBILE}&purpose=reset`)).toBe('/api/sms?to=138****0001&purpose=reset');
  });

  it('leaves other 11-digit numbers and numbers inside longer runs alone', () => {
    expect(scrubText('n 12345678901 and 10000000000')).toBe('n 12345678901 and 10000000000');
    expect(scrubText('epoch ms 1764224108123')).toBe('epoch ms 1764224108123');
  });
});

describe('scrubText: credentials and tokens', () => {
  it('hides bearer tokens wherever they stand', () => {
    expect(scrubText(`Authorization: Bearer ${TOKEN}`)).toBe(`Authorization: ${REDACTED}`);
    expect(scrubText(`sent bearer ${TOKEN} to the server`)).toBe(`sent bearer ${REDACTED} to the server`);
    expect(scrubText(`Basic dW5pdGFkbWluOlVuaXRAMjAyNg==`)).toBe(`Basic ${REDACTED}`);
  });

  it('hides the values of sensitive keys in JSON, escaped JSON, util.inspect output, forms and prose', () => {
    expect(scrubText('{"password":"Unit@2026","identifier":"unitadmin"}')).toBe(
      `{"password":"${REDACTED}","identifier":"unitadmin"}`,
    );
    expect(scrubText('{"newPassword": "a\\"b c", "x": 1}')).toBe(`{"newPassword": "${REDACTED}", "x": 1}`);
    expect(scrubText('"{\\"password\\":\\"Unit@2026\\",\\"x\\":1}"')).toBe(
      `"{\\"password\\":\\"${REDACTED}\\",\\"x\\":1}"`,
    );
    expect(scrubText("{ password: 'Unit@2026', account: 'unitadmin' }")).toBe(
      `{ password: '${REDACTED}', account: 'unitadmin' }`,
    );
    expect(scrubText('login?account=unitadmin&pwd=Unit@2026&next=/')).toBe(
      `login?account=unitadmin&pwd=${REDACTED}&next=/`,
    );
    expect(scrubText('password: Unit@2026 was refused')).toBe(`password: ${REDACTED} was refused`);
    expect(scrubText('Cookie=sid=abc; Path=/')).toBe(`Cookie=${REDACTED}; Path=/`);
  });

  it('knows every sensitive key name, in any case and with _ or -', () => {
    const keys = [
      'password',
      'PASSWORD',
      'passwd',
      'pwd',
      'confirm_password',
      'token',
      'accessToken',
      'resetTicket',
      'ticket',
      'secret',
      'x-app-secret',
      'authorization',
      'Set-Cookie',
      'captchaAnswer',
      'captcha_answer',
      'smsCode',
      'verificationCode',
    ];
    for (const key of keys) {
      expect(sensitiveKeyKind(key), key).toBe('secret');
      expect(scrubText(`${key}=s3cr3tvalue`), key).toBe(`${key}=${REDACTED}`);
      expect(scrubText(`{"${key}":"s3cr3tvalue"}`), key).toBe(`{"${key}":"${REDACTED}"}`);
    }
    for (const key of ['idNumber', 'id_number', 'ID-NUMBER', 'idCard', 'mobile', 'phone', 'contactPhone']) {
      expect(sensitiveKeyKind(key), key).toBe('personal');
    }
    for (const key of ['identifier', 'account', 'name', 'applicationNo', 'state', 'message']) {
      expect(sensitiveKeyKind(key), key).toBeNull();
    }
  });

  it('masks personal keys as the lists do when the value has the shape, and hides it otherwise', () => {
    expect(scrubText(`{"idNumber":"${ID}","mobile":"${MOBILE}"}`)).toBe(
      '{"idNumber":"5****************0","mobile":"138****0001"}',
    );
    expect(scrubText('{"contactPhone":"023-65301001","idNumber":"typo123"}')).toBe(
      `{"contactPhone":"${REDACTED}","idNumber":"${REDACTED}"}`,
    );
  });

  it('hides SMS codes under `code` and in the SMS text, but keeps error codes', () => {
    expect(scrubText('code=482913&mobile=x')).toBe(`code=${REDACTED}&mobile=${REDACTED}`);
    expect(scrubText('{"code":"482913"}')).toBe(`{"code":"${REDACTED}"}`);
    expect(scrubText('【重庆职称】您的验证码为 482913,5分钟内有效')).toBe(
      `【重庆职称】您的验证码为 ${REDACTED},5分钟内有效`,
    );
    expect(scrubText('{"code":"SERVER_UNREACHABLE","message":"无法连接服务器"}')).toBe(
      '{"code":"SERVER_UNREACHABLE","message":"无法连接服务器"}',
    );
    expect(scrubText('errorCode: 4040')).toBe('errorCode: 4040');
  });

  it('hides long hex and base64url strings: tokens, hashes, keys', () => {
    expect(scrubText(`session ${TOKEN} refreshed`)).toBe(`session ${REDACTED} refreshed`);
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(scrubText(`hash=${sha}`)).toBe(`hash=${REDACTED}`);
    expect(scrubText('k QWERTYuiopASDFGhjklZXCVBnmQWERTYuiop')).toBe(`k ${REDACTED}`);
  });

  it('names base64 blobs (a PDF, a scan) instead of logging them', () => {
    const pdf = Buffer.from(`%PDF-1.7 ${'stream of glyphs 0123456789 '.repeat(20)}`).toString('base64');
    expect(scrubText(`{"pdfBase64":"${pdf}","pageCount":1}`)).toBe(
      `{"pdfBase64":"[base64, ${pdf.length} chars]","pageCount":1}`,
    );
    expect(scrubText('a'.repeat(300))).toBe('a'.repeat(300));
  });

  it('keeps UUIDs, long identifiers and 31-character strings', () => {
    const text =
      'application 3f2a9c1e-1111-4222-8333-444455556666 in very_long_snake_case_identifier_name ' +
      'handleApplicationDetailRequestFailure a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d';
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubText: what must survive', () => {
  it('keeps application numbers, dates, timestamps, versions, counts, ports and error codes', () => {
    const text = [
      'CQ2026-000003 2026-11-27 2026-11-27T06:15:08.123Z v1.38.0 electron 45.5.0',
      'pulled 500 of 1200 (remaining 700) in 1234 ms from http://127.0.0.1:41567/api/sync/pull',
      'code: SERVER_UNREACHABLE state=unitReview version=12 landline 023-63891234',
      'at ReviewWorkspace.open (/work/main/src-main/core/review/review-workspace.ts:99:12)',
      '申请书编号 CQ2026-000012 待单位审核,共 25 份',
    ].join('\n');
    expect(scrubText(text)).toBe(text);
  });

  it('changes nothing when scrubbing again', () => {
    const text = `{"password":"Unit@2026","idNumber":"${ID}","mobile":"${MOBILE}","note":"${ID} ${MOBILE}"} Bearer ${TOKEN} password=x`;
    const once = scrubText(text);
    expect(once).not.toContain(ID);
    expect(scrubText(once)).toBe(once);
  });

  // Its speed is measured against a one-regex floor by `npm run bench -- scrub`, not timed here.
  it('masks every occurrence in 1 MB of mixed log text', () => {
    const chunk = `2026-11-27T06:15:08.123Z INFO [sync] pulled {"idNumber":"${ID}","n":12,"note":"电话${MOBILE}"} `;
    const text = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    const scrubbed = scrubText(text);
    expect(scrubbed).not.toContain(ID);
    expect(scrubbed).not.toContain(MOBILE);
  });
});

describe('scrubValue', () => {
  it('masks by key at any depth, and by value everywhere', () => {
    const value = {
      method: 'login',
      input: { identifier: ID, password: 'Unit@2026' },
      user: {
        profile: { idNumber: ID, mobile: MOBILE, contactPhone: '023-65301001' },
        memberships: [{ unitId: 'u1', note: `请联系${MOBILE}` }],
      },
      headers: { Authorization: `Bearer ${TOKEN}`, cookie: { sid: 'x' } },
      code: '482913',
      error: { code: 'SERVER_UNREACHABLE' },
      hasPassword: true,
      token: null,
    };
    expect(scrubValue(value)).toEqual({
      method: 'login',
      input: { identifier: '5****************0', password: REDACTED },
      user: {
        profile: { idNumber: '5****************0', mobile: '138****0001', contactPhone: REDACTED },
        memberships: [{ unitId: 'u1', note: '请联系138****0001' }],
      },
      headers: { Authorization: REDACTED, cookie: REDACTED },
      code: REDACTED,
      error: { code: 'SERVER_UNREACHABLE' },
      hasPassword: true,
      token: null,
    });
  });

  it('masks numbers and bigints that are phones or ID numbers, and keeps other numbers', () => {
    expect(scrubValue({ contact: 13800000001, count: 25, big: 500103198503120020n, ratio: 0.5 })).toEqual({
      contact: '138****0001',
      count: 25,
      big: '5****************0',
      ratio: 0.5,
    });
    expect(scrubValue({ mobile: 13800000001 })).toEqual({ mobile: '138****0001' });
  });

  it('keeps name, message, stack, cause and own fields of Errors, scrubbed', () => {
    const cause = Object.assign(new Error(`connect ECONNREFUSED for ${MOBILE}`), { code: 'ECONNREFUSED' });
    const error = Object.assign(new Error(`detail of ${ID} failed with token=${TOKEN}`, { cause }), {
      request: { headers: { authorization: `Bearer ${TOKEN}` } },
    });
    const scrubbed = scrubValue(error) as Record<string, unknown>;
    expect(scrubbed.name).toBe('Error');
    expect(scrubbed.message).toBe(`detail of 5****************0 failed with token=${REDACTED}`);
    expect(scrubbed.stack).toMatch(/^Error: detail of 5\*{16}0 failed/);
    expect(scrubbed.stack).toContain('log-scrub.test.ts');
    expect(scrubbed.cause).toMatchObject({
      message: 'connect ECONNREFUSED for 138****0001',
      code: 'ECONNREFUSED',
    });
    expect(scrubbed.request).toEqual({ headers: { authorization: REDACTED } });
    const json = JSON.stringify(scrubbed);
    for (const secret of [ID, MOBILE, TOKEN]) expect(json).not.toContain(secret);
  });

  it('answers JSON-safe values for cycles, Maps, Sets, Dates, URLs, binaries, functions and undefined', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    const scrubbed = scrubValue({
      cyclic,
      map: new Map<string, unknown>([
        ['token', TOKEN],
        ['n', 1],
      ]),
      set: new Set([MOBILE]),
      at: new Date('2026-11-27T06:15:08.123Z'),
      url: new URL(`http://127.0.0.1:3000/api?ticket=${TOKEN}&page=2`),
      pdf: Buffer.from('%PDF-1.7'),
      fn: function handler() {},
      missing: undefined,
    });
    expect(scrubbed).toEqual({
      cyclic: { name: 'a', self: '[Circular]' },
      map: { token: REDACTED, n: 1 },
      set: ['138****0001'],
      at: '2026-11-27T06:15:08.123Z',
      url: `http://127.0.0.1:3000/api?ticket=${REDACTED}&page=2`,
      pdf: '[binary 8 bytes]',
      fn: '[Function handler]',
      missing: null,
    });
    expect(() => JSON.stringify(scrubbed)).not.toThrow();
  });

  it('cuts deep nesting, long arrays and long strings after scrubbing them', () => {
    let deep: unknown = ID;
    for (let i = 0; i < 20; i += 1) deep = { deep };
    expect(JSON.stringify(scrubValue(deep))).toContain('[…]');
    const long = scrubValue(Array.from({ length: 150 }, (_, i) => i)) as unknown[];
    expect(long).toHaveLength(101);
    expect(long[100]).toBe('…(+50 items)');
    // The ID number sits across the cut: scrubbing first means no 17-digit rest is left behind.
    const text = scrubValue(`${'x'.repeat(3990)} ${ID}`) as string;
    expect(text).not.toMatch(/\d{10}/);
    expect(text).toContain('…(+');
  });

  it('never throws, even for a getter that does', () => {
    const hostile = {
      get boom(): string {
        throw new Error('no');
      },
    };
    expect(scrubValue(hostile)).toBe('[unloggable value]');
  });
});
