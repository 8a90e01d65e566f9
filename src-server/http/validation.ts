import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contracts/errors';

/** The parsed input, or an `AppFailure('BAD_REQUEST')` whose fields name each problem by its path. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    const nul = nulPath(result.data, []);
    if (nul !== null) throw new AppFailure('BAD_REQUEST', undefined, { [nul || '_']: NUL_MESSAGE });
    return result.data;
  }
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // One unrecognized_keys issue names several keys at the object's path; report each key as a field.
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const key = path.map(String).join('.');
      if (key !== '' && fields[key] === undefined) fields[key] = issue.message;
    }
  }
  throw new AppFailure('BAD_REQUEST', undefined, Object.keys(fields).length > 0 ? fields : undefined);
}

const NUL_MESSAGE = '填写的内容中不能包含空字符,请删除后重试';

/**
 * Where a string of the parsed input holds U+0000, or null. PostgreSQL cannot store it in text and
 * fails the query, so it is refused here, on both databases alike. The parsed input is as deep as its
 * schema, so the recursion is bounded.
 */
function nulPath(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
