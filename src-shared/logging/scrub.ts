import { maskIdNumber, maskMobile } from '../domain/masking';

/**
 * Removes personal data and secrets from what goes into a log; the desktop client's log file and the platform
 * server's JSON log both use this one piece (DESIGN.md "Security", personal data). ID numbers and mobile
 * numbers are masked as the lists mask them ('5****************4', '138****8000'); passwords, tokens, tickets, cookies, captcha answers and SMS codes become REDACTED.
 *
 * Two entry points: scrubText for text (messages, stack traces, URLs, JSON or `key=value` text) and
 * scrubValue for structured values (objects, arrays, Errors), which masks by key name as well and answers a
 * JSON-safe copy. Both are pure and never throw. The rules err on the side of masking: a log line that lost
 * a harmless number is better than a line that kept an ID number.
 */

export const REDACTED = '[已隐藏]';

/** A JSON-safe value, as scrubValue answers it. */
export type ScrubbedValue =
  string | number | boolean | null | ScrubbedValue[] | { [key: string]: ScrubbedValue };

/** How a key's value is treated: hidden entirely, masked as an ID number or phone, or an SMS code when digits. */
export type SensitiveKeyKind = 'secret' | 'personal' | 'code';

// --- keys ---------------------------------------------------------------------------------------------------

/** Fragments of normalised key names (lower case, letters and digits only) whose values are hidden. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'pwd',
  'token',
  'secret',
  'authorization',
  'authorisation',
  'cookie',
  'captchaanswer',
  'ticket',
  'smscode',
  'verifycode',
  'verificationcode',
] as const;
/** Fragments of normalised key names whose values are masked (ID number, mobile, phone). */
const PERSONAL_KEY_PARTS = ['idnumber', 'idcard', 'mobile', 'phone'] as const;

/** The same words as a pattern for keys in text, where they may be written with `_` or `-` inside. */
const KEY_WORD =
  'pass[_-]?w(?:or)?d|pwd|token|secret|authori[sz]ation|cookie|captcha[_-]?answer|ticket|' +
  'sms[_-]?code|verif(?:y|ication)[_-]?code|id[_-]?(?:number|card)|mobile|phone';

/** Which rule a key falls under, or null for an ordinary key. Case and separators do not matter. */
export function sensitiveKeyKind(key: string): SensitiveKeyKind | null {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_KEY_PARTS.some((part) => normalised.includes(part))) return 'secret';
  if (PERSONAL_KEY_PARTS.some((part) => normalised.includes(part))) return 'personal';
  // `code` alone is an SMS code when it holds digits, and an error code (kept) otherwise.
  if (normalised === 'code') return 'code';
  return null;
}

// --- text rules (compiled once) -----------------------------------------------------------------------------

/** `Bearer <token>` and `Basic <credentials>`, in headers, messages and stack traces. */
const AUTH_SCHEME = /\b([Bb]earer|BEARER|Basic)(\s+)[A-Za-z0-9._~+/=-]{6,}/g;

/**
 * A sensitive key followed by `:` or `=` and its value, in JSON (`"password":"x"`, also escaped inside a
 * JSON string: `\"password\":\"x\"`), in util.inspect output (`password: 'x'`), in URLs and forms
 * (`token=x&`) and in prose (`password: x`). Groups: 1 everything before the value, 3 the key; then the
 * value as 4+5 (double-quoted), 6 (single-quoted), 7+8+9 (with escaped quotes) or 10 (bare).
 */
const KEY_VALUE = new RegExp(
  String.raw`(?<![A-Za-z0-9_-])((\\*["']?)([A-Za-z0-9_-]*?(?:${KEY_WORD})[A-Za-z0-9_-]*)\2\s*[:=]\s*)` +
    String.raw`(?:(")((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|(\\+)(["'])(.*?)\7\8|` +
    String.raw`((?:(?:Bearer|Basic)\s+)?(?:${escapeRegExp(REDACTED)}|[^\s"'&,;\\}\]]+)))`,
  'gi',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `code` (an SMS code) followed by 4-8 digits: `code=123456`, `"code":"123456"`, `code: 123456`. */
const CODE_VALUE = /(?<![A-Za-z0-9_-])((\\*["']?)code\2\s*[:=]\s*(?:\\*["'])?)\d{4,8}(?!\d)/gi;

/** 验证码 in an SMS text: 您的验证码为 123456. */
const SMS_CODE_TEXT = /(验证码[^\d\n]{0,8})\d{4,8}(?!\d)/g;

/**
 * Chinese ID numbers standing alone: 18 characters (17 digits and a digit or X) and the old 15 digits. Runs of
 * 16 and 17 are masked too: an ID number typed with a digit too few or too many is still one (and a bank card
 * number is no better in a log). 19 digits and more are left alone.
 */
const ID_NUMBER = /(?<!\d)\d{14,17}[\dXx](?!\d)/g;

/** Mainland mobiles, also with +86/0086/86 and written 3-4-4 with spaces or dashes. */
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;

/** Base64 blobs (a PDF, a scan): said to be one, rather than logged a piece at a time. */
const BASE64_BLOB = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{200,}={0,2}/g;

/** Long runs of token characters (hex, base64url): session tokens, hashes, API keys. */
const TOKEN_RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A segment of an identifier: lower case, UPPER CASE, or camelCase/PascalCase without adjacent capitals. */
const WORD_SEGMENT = /^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)$/;

/** Values already masked by these rules (or the platform's lists): kept, so scrubbing twice changes nothing. */
const ALREADY_MASKED = /^[\dXx]{0,3}\*{3,}[\dXx]{0,4}$/;
const ID_SHAPE = /^(?:\d{17}[\dXx]|\d{15})$/;
const MOBILE_SHAPE = /^(?:(?:\+|00)?86)?1[3-9]\d{9}$/;
const LITERALS = new Set(['null', 'true', 'false', 'undefined']);

/** Masks ID numbers, mobiles, credentials and token-like strings in text. */
export function scrubText(text: string): string {
  if (text === '') return text;
  let out = text.replace(
    AUTH_SCHEME,
    (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`,
  );
  out = out.replace(KEY_VALUE, replaceKeyValue);
  out = out.replace(CODE_VALUE, (_match, before: string) => `${before}${REDACTED}`);
  out = out.replace(SMS_CODE_TEXT, (_match, before: string) => `${before}${REDACTED}`);
  out = out.replace(BASE64_BLOB, (blob) => (isBase64Like(blob) ? `[base64, ${blob.length} chars]` : blob));
  // Mobiles first: 0086 and a mobile is 15 digits, which the ID rule would take.
  out = out.replace(MOBILE, (mobile) => maskMobile(mobile));
  out = out.replace(ID_NUMBER, (id) => maskIdNumber(id));
  out = out.replace(TOKEN_RUN, (run) => (isTokenLike(run) ? REDACTED : run));
  return out;
}

function replaceKeyValue(match: string, ...groups: unknown[]): string {
  const [before, , key, dq, dqValue, sqValue, escapes, escQuote, escValue, bare] = groups as (
    string | undefined
  )[];
  const kind = sensitiveKeyKind(key ?? '');
  if (kind === null || kind === 'code' || before === undefined) return match;
  const mask = (value: string) => maskValue(kind, value);
  if (dq !== undefined) return `${before}"${mask(dqValue ?? '')}"`;
  if (sqValue !== undefined) return `${before}'${mask(sqValue)}'`;
  if (escapes !== undefined && escQuote !== undefined) {
    const quote = `${escapes}${escQuote}`;
    return `${before}${quote}${mask(escValue ?? '')}${quote}`;
  }
  if (bare === undefined || LITERALS.has(bare.toLowerCase())) return match;
  return `${before}${mask(bare)}`;
}

/** A key's value as the key's rule wants it: hidden, or masked when it has the shape of an ID number or phone. */
function maskValue(kind: 'secret' | 'personal', value: string): string {
  if (value === '' || value === REDACTED) return value;
  if (kind === 'personal') {
    const compact = value.trim().replace(/[\s-]+/g, '');
    if (ALREADY_MASKED.test(compact)) return value;
    if (ID_SHAPE.test(compact)) return maskIdNumber(compact);
    if (MOBILE_SHAPE.test(compact)) return maskMobile(compact);
  }
  return REDACTED;
}

function isBase64Like(blob: string): boolean {
  return /\d/.test(blob) && /[a-z]/.test(blob) && /[A-Z]/.test(blob);
}

function isTokenLike(run: string): boolean {
  if (UUID.test(run)) return false;
  if (/\d/.test(run)) return true;
  // Letters only: an identifier made of words (snake_case, kebab-case, camelCase) stays; random text goes.
  return !run.split(/[-_]+/).every((segment) => segment === '' || WORD_SEGMENT.test(segment));
}

// --- structured values --------------------------------------------------------------------------------------

const MAX_DEPTH = 8;
const MAX_STRING = 4000;
const MAX_ITEMS = 100;
const MAX_KEYS = 100;

/**
 * A JSON-safe copy of any value with every string scrubbed (scrubText) and the values of sensitive keys
 * hidden or masked whatever they look like. Errors keep name, message, stack, cause and their own fields;
 * cycles, depth, long strings and long arrays are cut with a note.
 */
export function scrubValue(value: unknown): ScrubbedValue {
  try {
    return scrubAt(value, 0, new WeakSet());
  } catch {
    // A getter that throws, a proxy that refuses: the log says so rather than failing the caller.
    return '[unloggable value]';
  }
}

function scrubAt(value: unknown, depth: number, seen: WeakSet<object>): ScrubbedValue {
  switch (typeof value) {
    case 'string':
      return cut(scrubText(value));
    case 'number': {
      if (!Number.isFinite(value)) return String(value);
      const text = String(value);
      const scrubbed = scrubText(text);
      return scrubbed === text ? value : scrubbed;
    }
    case 'boolean':
      return value;
    case 'bigint':
      return scrubText(value.toString());
    case 'undefined':
      return null;
    case 'symbol':
      return scrubText(value.toString());
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(object);
  try {
    return scrubObject(object, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function scrubObject(object: object, depth: number, seen: WeakSet<object>): ScrubbedValue {
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof URL) return scrubText(object.href);
  if (object instanceof RegExp) return object.toString();
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
    return `[binary ${object.byteLength} bytes]`;
  }
  if (Array.isArray(object) || object instanceof Set) {
    const items: unknown[] = Array.isArray(object) ? object : [...(object as Set<unknown>)];
    const out = items.slice(0, MAX_ITEMS).map((item) => scrubAt(item, depth + 1, seen));
    if (items.length > MAX_ITEMS) out.push(`…(+${items.length - MAX_ITEMS} items)`);
    return out;
  }
  const entries: [string, unknown][] =
    object instanceof Map
      ? [...(object as Map<unknown, unknown>)].map(([key, item]) => [String(key), item])
      : Object.entries(object);
  const out: { [key: string]: ScrubbedValue } = {};
  if (object instanceof Error) {
    out.name = scrubText(object.name);
    out.message = cut(scrubText(object.message));
    if (object.stack !== undefined) out.stack = cut(scrubText(object.stack));
    if (object.cause !== undefined) out.cause = scrubAt(object.cause, depth + 1, seen);
  }
  for (const [key, item] of entries.slice(0, MAX_KEYS)) {
    const safeKey = scrubText(key);
    if (safeKey in out && object instanceof Error) continue;
    out[safeKey] = scrubEntry(key, item, depth, seen);
  }
  if (entries.length > MAX_KEYS) out['…'] = `+${entries.length - MAX_KEYS} keys`;
  if (entries.length === 0 && !(object instanceof Error) && !isPlain(object)) {
    return `[${object.constructor.name}]`;
  }
  return out;
}

function scrubEntry(key: string, item: unknown, depth: number, seen: WeakSet<object>): ScrubbedValue {
  const kind = sensitiveKeyKind(key);
  if (kind === null || item === null || item === undefined || typeof item === 'boolean') {
    return scrubAt(item, depth + 1, seen);
  }
  if (kind === 'code') {
    const digits = (typeof item === 'string' || typeof item === 'number') && /^\d{4,8}$/.test(String(item));
    return digits ? REDACTED : scrubAt(item, depth + 1, seen);
  }
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint') {
    return maskValue(kind, String(item));
  }
  return REDACTED;
}

function isPlain(object: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(object);
  return prototype === null || prototype === Object.prototype || typeof object.constructor !== 'function';
}

function cut(text: string): string {
  return text.length <= MAX_STRING
    ? text
    : `${text.slice(0, MAX_STRING)}…(+${text.length - MAX_STRING} chars)`;
}
