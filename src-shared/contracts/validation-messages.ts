import type { z } from 'zod';

/**
 * Chinese messages for every validation with zod, wherever it runs: registered once, globally, by
 * zod-chinese.ts. Messages written into a schema (`min(1, '请输入密码')`) win; this map covers what the
 * schema leaves to zod's English defaults, such as a missing field. It answers every issue.
 */
export const chineseMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'undefined') return '此项不需要填写';
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
