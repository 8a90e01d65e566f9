import { describe, expect, it } from 'vitest';

import {
  birthDateFromIdNumber,
  checkAccount,
  checkCaptchaAnswer,
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  checkPassword,
  checkPasswordConfirmation,
  checkPersonName,
  checkPhoneOrLandline,
  checkSmsCode,
  classifyLoginIdentifier,
  creditCodeCheckChar,
  genderFromIdNumber,
  idNumberCheckChar,
  isValidAccount,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  isValidPassword,
  normalizeIdNumber,
  normalizeMobile,
} from '../../src-shared/domain/validation';
import type { FieldCheck } from '../../src-shared/domain/validation';

/** A fixed "today" for the date rules: 2025-06-01 in China. */
const TODAY = new Date('2025-06-01T12:00:00+08:00');

/** Completes 17 digits with their check character, to build vectors that target the other rules. */
const withIdCheck = (first17: string) => first17 + idNumberCheckChar(first17);
const withCreditCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

const CHINESE = /[\u4e00-\u9fff]/;

function expectChineseFailure(result: FieldCheck, message: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.message).toBe(message);
  expect(result.message).toMatch(CHINESE);
}

function expectValue(result: FieldCheck, value: string) {
  expect(result).toEqual({ ok: true, value });
}

describe('身份证号', () => {
  it.each([
    ['the DOMAIN.md example', '360426199101010071', '360426199101010071'],
    ['a lower-case x, stored upper-case', '50010119900101123x', '50010119900101123X'],
    ['an upper-case X', '50010119900101123X', '50010119900101123X'],
    ['surrounding and inner spaces', ' 500101 19830604 0010 ', '500101198306040010'],
    ['a birth year before 1900', '110105189901010017', '110105189901010017'],
    ['29 February of a leap year', '500101200002290002', '500101200002290002'],
    ['born today', '500102202506010014', '500102202506010014'],
  ])('accepts %s', (_name, input, value) => {
    expectValue(checkIdNumber(input, TODAY), value);
  });

  it.each([
    ['empty input', '', '请输入身份证号码'],
    ['blank input', '   ', '请输入身份证号码'],
    ['the DOMAIN.md example with a wrong check', '36042619910102009X', '身份证号码校验位错误,请核对最后一位'],
    ['a wrong check digit', '360426199101010072', '身份证号码校验位错误,请核对最后一位'],
    ['17 characters', '36042619910101007', '身份证号码应为18位'],
    ['19 characters', '3604261991010100711', '身份证号码应为18位'],
    ['a 15-digit first-generation number', '360426910101007', '身份证号码应为18位'],
    ['a letter other than X at the end', '36042619910101007A', '身份证号码前17位应为数字,最后一位为数字或X'],
    ['an X inside', '3604261991X1010071', '身份证号码前17位应为数字,最后一位为数字或X'],
    ['province 99', withIdCheck('99010119900101001'), '身份证号码前两位不是有效的省份代码'],
    ['province 00', withIdCheck('00010119900101001'), '身份证号码前两位不是有效的省份代码'],
    ['province 16', withIdCheck('16010119900101001'), '身份证号码前两位不是有效的省份代码'],
    ['30 February', withIdCheck('50010119900230001'), '出生日期不存在'],
    ['29 February 1900 (not a leap year)', withIdCheck('50010119000229001'), '出生日期不存在'],
    ['month 13', withIdCheck('50010119901301001'), '出生日期不存在'],
    ['day 00', withIdCheck('50010119900100001'), '出生日期不存在'],
    ['a birth year before 1800', withIdCheck('11010517990101001'), '出生年份不能早于1800年'],
    ['a birth date in 2999', withIdCheck('50010129990101001'), '出生日期不能晚于今天'],
    ['born tomorrow', '50010220250602001X', '出生日期不能晚于今天'],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkIdNumber(input, TODAY), message);
  });

  it('takes today as the date in China', () => {
    // 2025-06-01 20:00 UTC is already 2 June in Chongqing, so someone born on 2 June exists.
    expect(checkIdNumber('50010220250602001X', new Date('2025-06-01T20:00:00Z')).ok).toBe(true);
    expect(checkIdNumber('50010220250602001X', new Date('2025-06-01T15:00:00Z')).ok).toBe(false);
  });

  it.each([
    ['36042619910101007', '1'],
    ['36042619910102009', '3'],
    ['50010119900101123', 'X'],
  ])('computes the check character of %s as %s', (first17, check) => {
    expect(idNumberCheckChar(first17)).toBe(check);
  });

  it('refuses to compute a check character from anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1234')).toThrow(RangeError);
    expect(() => idNumberCheckChar('3604261991010100X')).toThrow(RangeError);
  });

  it.each([
    ['360426199101010071', '1991-01-01', '男'],
    ['500101198306040029', '1983-06-04', '女'],
    ['50010119900101123x', '1990-01-01', '男'],
    ['110105189901010017', '1899-01-01', '男'],
  ] as const)('reads birth date and gender from %s', (id, birthDate, gender) => {
    expect(birthDateFromIdNumber(id)).toBe(birthDate);
    expect(genderFromIdNumber(id)).toBe(gender);
  });

  it.each(['', '360426910101007', withIdCheck('50010119900230001'), 'abcdefghijklmnopqr'])(
    'reads no birth date from %j',
    (id) => {
      expect(birthDateFromIdNumber(id)).toBeNull();
    },
  );

  it('reads no gender from input that is not an 18-character ID number', () => {
    expect(genderFromIdNumber('')).toBeNull();
    expect(genderFromIdNumber('360426910101007')).toBeNull();
  });

  it('normalises by removing spaces and upper-casing x', () => {
    expect(normalizeIdNumber(' 500101 19900101 123x ')).toBe('50010119900101123X');
  });
});

describe('统一社会信用代码', () => {
  it.each([
    ['the DOMAIN.md example', '91440300708461136T', '91440300708461136T'],
    ['lower case, stored upper-case', '91440300708461136t', '91440300708461136T'],
    ['spaces', ' 9144 0300 7084 6113 6T ', '91440300708461136T'],
    ['a company registered in Chongqing', withCreditCheck('91500000MA5U0000A'), '91500000MA5U0000AU'],
    ['registrar Y', withCreditCheck('Y1500000000000000'), 'Y1500000000000000F'],
    ['registrar N', withCreditCheck('N2500000MA0000000'), 'N2500000MA0000000P'],
    ['registrar A', withCreditCheck('A1500000000000000'), 'A15000000000000004'],
    ['a public institution (registrar 1)', withCreditCheck('12500000000000000'), '12500000000000000A'],
  ])('accepts %s', (_name, input, value) => {
    expectValue(checkCreditCode(input), value);
  });

  it.each([
    ['empty input', '', '请输入统一社会信用代码'],
    ['the DOMAIN.md example with a wrong check', '91110000600037341N', '统一社会信用代码校验位错误'],
    ['17 characters', '9144030070846113', '统一社会信用代码应为18位'],
    ['19 characters', '91440300708461136TT', '统一社会信用代码应为18位'],
    ['the letter I', '9144030070846113I6', '统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)'],
    ['the letter O', '91440300708461O36T', '统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)'],
    ['the letter Z', 'Z1440300708461136T', '统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)'],
    ['the letters S and V', '91440300708461SV6T', '统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)'],
    ['punctuation', '91440300-708461136', '统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)'],
    ['registrar 0', withCreditCheck('01500000000000000'), '统一社会信用代码第一位应为1-9、A、N或Y'],
    ['registrar B', withCreditCheck('B1500000000000000'), '统一社会信用代码第一位应为1-9、A、N或Y'],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkCreditCode(input), message);
  });

  it('computes the check character of the DOMAIN.md examples', () => {
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    expect(creditCodeCheckChar('91110000600037341')).toBe('L');
  });

  it('maps a sum divisible by 31 to check character 0', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses to compute a check character from invalid input', () => {
    expect(() => creditCodeCheckChar('9144030070846113')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030070846113I')).toThrow(RangeError);
  });
});

describe('手机号', () => {
  it.each([
    ['a plain number', '15012345655', '15012345655'],
    ['+86', '+8615012345655', '15012345655'],
    ['+86 with spaces', '+86 150 1234 5655', '15012345655'],
    ['86 without plus', '8615012345655', '15012345655'],
    ['0086', '008615012345655', '15012345655'],
    ['hyphens', '150-1234-5655', '15012345655'],
    ['prefix 19', '19912345678', '19912345678'],
    ['prefix 13', '13012345678', '13012345678'],
  ])('accepts %s', (_name, input, value) => {
    expectValue(checkMobile(input), value);
  });

  it.each([
    ['empty input', '', '请输入手机号码'],
    ['10 digits', '1501234565', '请输入11位手机号码'],
    ['12 digits', '150123456555', '请输入11位手机号码'],
    ['letters', '150abcd5655', '请输入11位手机号码'],
    ['a landline', '023-12345678', '手机号码应以13-19开头'],
    ['prefix 12', '12012345678', '手机号码应以13-19开头'],
    ['prefix 2', '25012345678', '手机号码应以13-19开头'],
    ['+86 and prefix 12', '+8612012345678', '手机号码应以13-19开头'],
    ['another country code', '+8515012345655', '请输入11位手机号码'],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkMobile(input), message);
  });

  it('normalises only a country code in front of 11 digits', () => {
    expect(normalizeMobile('+86 150 1234 5655')).toBe('15012345655');
    expect(normalizeMobile('86123')).toBe('86123');
  });
});

describe('联系电话', () => {
  it.each([
    ['a mobile number', '150 1234 5655', '15012345655'],
    ['a Chongqing landline', '023-12345678', '023-12345678'],
    ['a landline without hyphen', '02312345678', '023-12345678'],
    ['a landline with parentheses', '(023)12345678', '023-12345678'],
    ['a landline with spaces', '023 1234 5678', '023-12345678'],
  ])('accepts %s', (_name, input, value) => {
    expectValue(checkPhoneOrLandline(input), value);
  });

  it.each([
    ['empty input', '', '请输入联系电话'],
    ['a Beijing landline', '010-12345678', '请输入11位手机号码或重庆固定电话(023-xxxxxxxx)'],
    ['seven digits after 023', '023-1234567', '请输入11位手机号码或重庆固定电话(023-xxxxxxxx)'],
    ['nine digits after 023', '023-123456789', '请输入11位手机号码或重庆固定电话(023-xxxxxxxx)'],
    ['letters', 'abc', '请输入11位手机号码或重庆固定电话(023-xxxxxxxx)'],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkPhoneOrLandline(input), message);
  });
});

describe('用户账号', () => {
  const ACCOUNT_RULE = '用户账号须以字母开头,由4-30位字母、数字或下划线组成';

  it.each([
    ['the demo account', 'unitadmin', 'unitadmin'],
    ['four characters', 'a_12', 'a_12'],
    ['30 characters', `A${'b'.repeat(29)}`, `A${'b'.repeat(29)}`],
    ['digits and underscore', 'user_2026', 'user_2026'],
    ['surrounding spaces', '  newuser ', 'newuser'],
  ])('accepts %s', (_name, input, value) => {
    expectValue(checkAccount(input), value);
  });

  it.each([
    ['empty input', '', '请输入用户账号'],
    ['three characters', 'abc', ACCOUNT_RULE],
    ['31 characters', `a${'b'.repeat(30)}`, ACCOUNT_RULE],
    ['a leading digit', '1abc', ACCOUNT_RULE],
    ['a leading underscore', '_abc', ACCOUNT_RULE],
    ['a hyphen', 'ab-cd', ACCOUNT_RULE],
    ['an inner space', 'ab cd', ACCOUNT_RULE],
    ['Chinese characters', '张三abc', ACCOUNT_RULE],
    ['an e-mail address', 'user@example.com', ACCOUNT_RULE],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkAccount(input), message);
  });
});

describe('登录密码', () => {
  const PASSWORD_RULE = '登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种';

  it.each([
    ['the demo password', 'Unit@2026'],
    ['upper, lower and digits', 'abcdefG1'],
    ['lower, digits and special', 'abcdef1!'],
    ['upper, digits and special', 'ABCDEF1!'],
    ['upper, lower and special', 'Abcdefg~'],
    ['all four and 20 characters', 'Aa1!Aa1!Aa1!Aa1!Aa1!'],
    ['brackets and backquote as specials', 'ab12`[]{}'],
  ])('accepts %s', (_name, input) => {
    expectValue(checkPassword(input), input);
  });

  it.each([
    ['empty input', '', '请输入登录密码'],
    ['four characters', 'Ab1!', PASSWORD_RULE],
    ['seven characters', 'Abc123!', PASSWORD_RULE],
    ['21 characters', `${'Aa1!'.repeat(5)}A`, PASSWORD_RULE],
    ['only lower case and digits', 'abcdefgh1', PASSWORD_RULE],
    ['only lower case and specials', 'abcdefgh!', PASSWORD_RULE],
    ['only upper case', 'ABCDEFGHIJ', PASSWORD_RULE],
    ['only digits', '1234567890', PASSWORD_RULE],
    ['a space', 'Abc 12345!', '登录密码不能包含空格'],
    ['a tab', 'Abc\t12345!', '登录密码不能包含空格'],
    [
      'a Chinese character',
      'Abc12345中',
      '登录密码只能包含英文字母、数字和英文特殊字符,不能包含中文或全角字符',
    ],
    [
      'a full-width letter',
      'Ａbc12345!',
      '登录密码只能包含英文字母、数字和英文特殊字符,不能包含中文或全角字符',
    ],
    [
      'a full-width exclamation mark',
      'Abc12345！',
      '登录密码只能包含英文字母、数字和英文特殊字符,不能包含中文或全角字符',
    ],
  ])('rejects %s', (_name, input, message) => {
    expectChineseFailure(checkPassword(input), message);
  });

  it('accepts a confirmation that repeats the password', () => {
    expectValue(checkPasswordConfirmation('Unit@2026', 'Unit@2026'), 'Unit@2026');
  });

  it.each([
    ['empty', 'Unit@2026', '', '请再次输入登录密码'],
    ['different', 'Unit@2026', 'Unit@2025', '两次输入的密码不一致'],
    ['different only by a space', 'Unit@2026', 'Unit@2026 ', '两次输入的密码不一致'],
  ])('rejects a confirmation that is %s', (_name, password, confirm, message) => {
    expectChineseFailure(checkPasswordConfirmation(password, confirm), message);
  });
});

describe('boolean validators', () => {
  // Vectors whose outcome does not depend on the current date.
  it.each([
    [
      isValidIdNumber,
      checkIdNumber,
      ['360426199101010071', '50010119900101123x', '36042619910102009X', '', '1'],
    ],
    [isValidCreditCode, checkCreditCode, ['91440300708461136T', '91110000600037341N', 'I', '']],
    [isValidMobile, checkMobile, ['15012345655', '+8615012345655', '12012345678', '']],
    [isValidAccount, checkAccount, ['unitadmin', 'abc', '1abc', '']],
    [isValidPassword, checkPassword, ['Unit@2026', 'abcdefgh1', 'Abc 12345!', '']],
  ] as const)('agree with the check functions (%#)', (isValid, check, inputs) => {
    for (const input of inputs) expect(isValid(input)).toBe(check(input).ok);
  });
});

describe('classifyLoginIdentifier', () => {
  it.each([
    ['360426199101010071', 'idNumber'],
    ['50010119900101123x', 'idNumber'],
    // Shaped like an ID number but with a wrong check: still looked up as one (and not found).
    ['36042619910102009X', 'idNumber'],
    ['15012345655', 'mobile'],
    ['+86 150 1234 5655', 'mobile'],
    ['unitadmin', 'account'],
    ['a_12', 'account'],
    ['12345', 'account'],
    ['', 'account'],
  ] as const)('classifies %j as %s', (input, kind) => {
    expect(classifyLoginIdentifier(input)).toBe(kind);
  });
});

describe('checkPersonName, checkSmsCode, checkCaptchaAnswer', () => {
  it.each([
    ['张伟', true],
    ['欧阳娜娜', true],
    ['阿依古丽·买买提', true],
    ['阿依古丽・买买提', true],
    ['张', false],
    ['Zhang Wei', false],
    ['张伟1', false],
    ['·张伟', false],
    ['', false],
  ])('name %s → %s', (name, valid) => {
    expect(checkPersonName(name).ok).toBe(valid);
  });

  it('normalises the full-width middle dot', () => {
    expect(checkPersonName(' 阿依古丽・买买提 ')).toEqual({ ok: true, value: '阿依古丽·买买提' });
  });

  it.each([
    ['123456', true],
    [' 123456 ', true],
    ['12345', false],
    ['12345a', false],
    ['', false],
  ])('sms code %s → %s', (code, valid) => {
    expect(checkSmsCode(code).ok).toBe(valid);
  });

  it.each([
    ['AbC9', true, 'abc9'],
    ['abc', false, ''],
    ['ab c9', false, ''],
  ])('captcha %s → %s', (answer, valid, value) => {
    const result = checkCaptchaAnswer(answer);
    expect(result.ok).toBe(valid);
    if (result.ok) expect(result.value).toBe(value);
    else expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
