import { appErrorSchema, type AppError } from '../../src-shared/contracts/errors';

/**
 * What every refusal must look like, whoever refuses (the server over HTTP, the core's gate): the
 * contract's error with a Chinese message (and Chinese field messages), and nothing of the program's
 * insides. Returns the problems found, empty when the error is fine, so a fuzz property can say them all.
 */

/** Text that would show a stack trace or an internal path leaking into an answer. */
export const STACK_TRACE = /\bat .+\(|\.ts:\d+|\.js:\d+|node_modules|src-server|src-main|Error:/;

const CJK = /[\u4e00-\u9fff]/;

/**
 * What a Chinese message may rightly quote in Latin letters: a web address (如 https://zc.example.gov.cn),
 * a date's pattern (YYYY-MM-DD), a phone number's (023-xxxxxxxx), and Cookie, which Chinese browsers
 * themselves call so (清除 Cookie 及其他网站数据), and what the request itself said, which a message quotes
 * in “” (申报书中没有“AAAA”这一部分: fast-check's section key, not English prose).
 */
const QUOTABLE = /https?:\/\/\S*|YYYY-MM-DD|\bx{4,}\b|\bCookie\b|“[^”]*”/g;

/**
 * The English words of a message, besides what it may quote: zod's "Invalid input: expected string",
 * axios's "Network Error" or "timeout of 30000ms exceeded", Node's "ECONNREFUSED". Users read Chinese.
 */
export function englishWords(message: string): string[] {
  return message.replace(QUOTABLE, ' ').match(/[A-Za-z]{4,}/g) ?? [];
}

/** The codes that say the program failed, not the request: a fuzz input must never cause them. */
const FAILURE_CODES: ReadonlySet<AppError['code']> = new Set(['SERVER_ERROR', 'SERVER_UNREACHABLE']);

export function errorProblems(raw: unknown): string[] {
  const parsed = appErrorSchema.safeParse(raw);
  if (!parsed.success) return [`not the contract's error: ${JSON.stringify(raw)?.slice(0, 300)}`];
  const error = parsed.data;
  const problems: string[] = [];
  if (FAILURE_CODES.has(error.code)) problems.push(`code ${error.code}`);
  if (!CJK.test(error.message)) problems.push(`message without Chinese: ${error.message.slice(0, 200)}`);
  if (englishWords(error.message).length > 0)
    problems.push(`message with English: ${error.message.slice(0, 200)}`);
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    if (!CJK.test(message))
      problems.push(`field ${field.slice(0, 40)}: message without Chinese: ${message.slice(0, 200)}`);
    if (englishWords(message).length > 0)
      problems.push(`field ${field.slice(0, 40)}: message with English: ${message.slice(0, 200)}`);
  }
  // Field names may echo the input's own keys (an unknown key is named), so only the texts are checked.
  const texts = JSON.stringify({ ...(raw as object), fields: Object.values(error.fields ?? {}) });
  const trace = STACK_TRACE.exec(texts);
  if (trace !== null) problems.push(`looks like a stack trace or a path: ${trace[0]}`);
  return problems;
}
