import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contracts/errors';

/**
 * Request validation with Chinese field messages. Messages written into a schema (`min(1, '请输入密码')`)
 * win; this map covers what the schema leaves to zod's English defaults, such as a missing field.
 */
const chineseMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '此项为必填项' : '填写的格式不正确';
    case 'too_small':
      if (issue.origin === 'string') return `至少需要${String(issue.minimum)}个字符`;
      if (issue.origin === 'array') return `至少需要${String(issue.minimum)}项`;
      return `不能小于${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${String(issue.maximum)}个字符`;
      if (issue.origin === 'array') return `不能超过${String(issue.maximum)}项`;
      return `不能大于${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return '不支持此字段';
    case 'invalid_value':
      return '取值不在允许的范围内';
    default:
      return '填写的内容不正确';
  }
};

/** The parsed input, or an `AppFailure('BAD_REQUEST')` whose fields name each problem by its path. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: chineseMessages });
  if (result.success) return result.data;
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
