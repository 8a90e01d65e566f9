/**
 * '用户账号' as 重置密码 step 2 shows it: enough for the owner to recognise, not enough to read off.
 * 'unitadmin' → 'un******n'; accounts have at least four characters ('abcd' → 'a**d').
 */
export function maskAccount(account: string): string {
  const chars = Array.from(account.trim());
  if (chars.length <= 2) return '*'.repeat(chars.length);
  const head = chars.length >= 5 ? 2 : 1;
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - 1)}${chars[chars.length - 1]}`;
}
