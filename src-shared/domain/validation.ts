import { chinaDateOf, isExistingDate } from './calendar';

/**
 * Validators of the identifiers users type: 身份证号, 统一社会信用代码, 手机号, 联系电话, 用户账号 and
 * 登录密码.
 *
 * Each rule is written once, as a `check…` function that says what to fix in Chinese and returns the
 * normalised value to store; the `isValid…` booleans are derived from them.
 */

/** The outcome of checking one input: the value to store, or a Chinese message that says what to fix. */
export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): FieldCheck => ({ ok: true, value });
const fail = (message: string): FieldCheck => ({ ok: false, message });

// -----------------------------------------------------------------------------------------------------------
// 身份证号 (GB 11643-1999)

const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_NUMBER_CHECK_CHARS = '10X98765432';
const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/;
/** Birth years before this are treated as typing errors, not as people. */
const EARLIEST_BIRTH_YEAR = 1800;

/**
 * The province-level codes (first two digits) of GB/T 2260, plus 71 台湾, 81 香港, 82 澳门 and 91, which
 * the permanent-residence ID cards of foreigners use.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15'],
  ...['21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46'],
  ...['50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65'],
  ...['71', '81', '82', '91'],
]);

/** Removes whitespace and upper-cases a final x, the form in which ID numbers are stored. */
export function normalizeIdNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** The check character of an ID number from its first 17 digits; throws RangeError for other input. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckChar expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_NUMBER_WEIGHTS[i] ?? 0);
  return ID_NUMBER_CHECK_CHARS.charAt(sum % 11);
}

/** The birth date encoded in a (normalised) 18-character ID number, or null if there is none. */
function birthDateParts(id: string): { year: number; month: number; day: number } | null {
  if (!ID_NUMBER_SHAPE.test(id)) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return isExistingDate(year, month, day) ? { year, month, day } : null;
}

/**
 * The birth date of an 18-character ID number as 'YYYY-MM-DD', or null when the input does not have that
 * shape or the date does not exist. The check character is not verified: use checkIdNumber for that.
 */
export function birthDateFromIdNumber(id: string): string | null {
  const parts = birthDateParts(normalizeIdNumber(id));
  if (!parts) return null;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** The gender of an 18-character ID number (odd 17th digit: 男), or null for input of another shape. */
export function genderFromIdNumber(id: string): '男' | '女' | null {
  const normalized = normalizeIdNumber(id);
  if (!ID_NUMBER_SHAPE.test(normalized)) return null;
  return Number(normalized[16]) % 2 === 1 ? '男' : '女';
}

/**
 * Checks a 居民身份证号码: 18 characters, a real province code, a birth date that exists and is not after
 * `today` (the date in China at that instant), and the check character. A lower-case x is stored as X.
 */
export function checkIdNumber(s: string, today: Date = new Date()): FieldCheck {
  const id = normalizeIdNumber(s);
  if (id === '') return fail('请输入身份证号码');
  if (id.length !== 18) return fail('身份证号码应为18位');
  if (!ID_NUMBER_SHAPE.test(id)) return fail('身份证号码前17位应为数字,最后一位为数字或X');
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return fail('身份证号码前两位不是有效的省份代码');
  const birth = birthDateFromIdNumber(id);
  if (birth === null) return fail('出生日期不存在');
  if (Number(birth.slice(0, 4)) < EARLIEST_BIRTH_YEAR)
    return fail(`出生年份不能早于${EARLIEST_BIRTH_YEAR}年`);
  if (birth > chinaDateOf(today)) return fail('出生日期不能晚于今天');
  if (idNumberCheckChar(id.slice(0, 17)) !== id.charAt(17))
    return fail('身份证号码校验位错误,请核对最后一位');
  return ok(id);
}

// -----------------------------------------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015)

/** The 31 characters of the code, in the order of their values 0-30 (I, O, Z, S and V are not used). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** 登记管理部门代码: 1-9, A (中央军委改革和编制办公室), N (农业) and Y (其他). */
const CREDIT_CODE_REGISTRARS = '123456789ANY';

/** The check character of a credit code from its first 17 characters; throws RangeError for other input. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Not a credit code character: ${first17.charAt(i)}`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Checks a 统一社会信用代码: 18 characters of its alphabet, a registrar first, and the check character. */
export function checkCreditCode(s: string): FieldCheck {
  const code = s.replace(/\s+/g, '').toUpperCase();
  if (code === '') return fail('请输入统一社会信用代码');
  if (code.length !== 18) return fail('统一社会信用代码应为18位');
  if ([...code].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) {
    return fail('统一社会信用代码包含无效字符(不使用 I、O、Z、S、V)');
  }
  if (!CREDIT_CODE_REGISTRARS.includes(code.charAt(0))) {
    return fail('统一社会信用代码第一位应为1-9、A、N或Y');
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) return fail('统一社会信用代码校验位错误');
  return ok(code);
}

// -----------------------------------------------------------------------------------------------------------
// 手机号 and 联系电话

const MOBILE = /^1[3-9]\d{9}$/;
const CHONGQING_LANDLINE = /^(?:\(023\)|023-?)(\d{8})$/;

/**
 * Removes spaces and hyphens and a leading +86, 0086 or 86 country code in front of 11 digits, the form in
 * which mobile numbers are stored. Anything else is returned without its spaces and hyphens, for the check to
 * reject.
 */
export function normalizeMobile(s: string): string {
  const compact = s.replace(/[\s-]+/g, '');
  const withoutCountry = /^(?:\+86|0086|86)(\d{11})$/.exec(compact);
  return withoutCountry?.[1] ?? compact;
}

/** Checks a mainland mobile number: 11 digits starting with 13-19, optionally written with +86. */
export function checkMobile(s: string): FieldCheck {
  const mobile = normalizeMobile(s);
  if (mobile === '') return fail('请输入手机号码');
  if (!/^\d{11}$/.test(mobile)) return fail('请输入11位手机号码');
  if (!MOBILE.test(mobile)) return fail('手机号码应以13-19开头');
  return ok(mobile);
}

/**
 * Checks a 联系电话: a mobile number, or a Chongqing landline of 8 digits after the 023 area code, written
 * 023-12345678, 02312345678 or (023)12345678 and stored as 023-12345678.
 */
export function checkPhoneOrLandline(s: string): FieldCheck {
  const compact = s.replace(/\s+/g, '');
  if (compact === '') return fail('请输入联系电话');
  const mobile = checkMobile(compact);
  if (mobile.ok) return mobile;
  const landline = CHONGQING_LANDLINE.exec(compact);
  if (landline) return ok(`023-${landline[1]}`);
  return fail('请输入11位手机号码或重庆固定电话(023-xxxxxxxx)');
}

// -----------------------------------------------------------------------------------------------------------
// 用户账号 and 登录密码 (manual 2.2)

const ACCOUNT = /^[A-Za-z][A-Za-z0-9_]{3,29}$/;
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 20;
/** Printable ASCII without the space: letters, digits and the 32 special characters. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
const PASSWORD_CATEGORIES = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/] as const;

/** Checks a 用户账号: a letter, then 3-29 letters, digits or underscores. Surrounding spaces are dropped. */
export function checkAccount(s: string): FieldCheck {
  const account = s.trim();
  if (account === '') return fail('请输入用户账号');
  if (!ACCOUNT.test(account)) return fail('用户账号须以字母开头,由4-30位字母、数字或下划线组成');
  return ok(account);
}

/**
 * Checks a 登录密码: 8-20 printable ASCII characters from at least three of upper case, lower case, digits
 * and special characters. The password is returned as typed; spaces are an error, not trimmed away.
 */
export function checkPassword(s: string): FieldCheck {
  if (s === '') return fail('请输入登录密码');
  if (/\s/.test(s)) return fail('登录密码不能包含空格');
  if (!PRINTABLE_ASCII.test(s))
    return fail('登录密码只能包含英文字母、数字和英文特殊字符,不能包含中文或全角字符');
  const categories = PASSWORD_CATEGORIES.filter((category) => category.test(s)).length;
  if (s.length < PASSWORD_MIN_LENGTH || s.length > PASSWORD_MAX_LENGTH || categories < 3) {
    return fail('登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种');
  }
  return ok(s);
}

/** Checks that the 确认密码 repeats the password exactly. */
export function checkPasswordConfirmation(password: string, confirm: string): FieldCheck {
  if (confirm === '') return fail('请再次输入登录密码');
  if (confirm !== password) return fail('两次输入的密码不一致');
  return ok(confirm);
}

/**
 * Checks a 用户姓名 as on an ID card: 2-30 Chinese characters, with the middle dot of minority and
 * transliterated names (·, also typed as the full-width ・ or ．) between parts.
 */
export function checkPersonName(s: string): FieldCheck {
  const name = s.trim().replace(/[・．•]/g, '·');
  if (name === '') return fail('请输入您的真实姓名');
  if (!/^[\u3400-\u9fff\u{20000}-\u{2ebef}]+(·[\u3400-\u9fff\u{20000}-\u{2ebef}]+)*$/u.test(name)) {
    return fail('姓名应与身份证一致,只能包含汉字和间隔号“·”');
  }
  if ([...name].length < 2 || [...name].length > 30) return fail('姓名应为2-30个字');
  return ok(name);
}

/** Checks a 6-digit 短信验证码. */
export function checkSmsCode(s: string): FieldCheck {
  const code = s.trim();
  if (code === '') return fail('请输入短信验证码');
  if (!/^\d{6}$/.test(code)) return fail('短信验证码为6位数字');
  return ok(code);
}

/** Checks an image captcha answer (4 characters, case does not matter). */
export function checkCaptchaAnswer(s: string): FieldCheck {
  const answer = s.trim();
  if (answer === '') return fail('请输入图片验证码');
  if (!/^[A-Za-z0-9]{4}$/.test(answer)) return fail('图片验证码为4位字母或数字');
  return ok(answer.toLowerCase());
}

// -----------------------------------------------------------------------------------------------------------
// Boolean forms and the login identifier

export const isValidIdNumber = (s: string): boolean => checkIdNumber(s).ok;
export const isValidCreditCode = (s: string): boolean => checkCreditCode(s).ok;
export const isValidMobile = (s: string): boolean => checkMobile(s).ok;
export const isValidAccount = (s: string): boolean => checkAccount(s).ok;
export const isValidPassword = (s: string): boolean => checkPassword(s).ok;

/** Which column a login identifier ("用户名/手机号码/身份证号") is looked up in. */
export type LoginIdentifierKind = 'idNumber' | 'mobile' | 'account';

/**
 * Classifies what a user typed into the login field. Anything shaped like an 18-character ID number is looked
 * up as one (even with a wrong check character, so the user gets "wrong credentials" rather than a lookup by
 * account); a mobile number as a mobile; everything else as an account. Accounts start with a letter, so the
 * three never overlap.
 */
export function classifyLoginIdentifier(s: string): LoginIdentifierKind {
  if (ID_NUMBER_SHAPE.test(normalizeIdNumber(s))) return 'idNumber';
  if (checkMobile(s).ok) return 'mobile';
  return 'account';
}
