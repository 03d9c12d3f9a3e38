/** 密码规则: what a password set by an administrator or by its owner must satisfy. */
export const PASSWORD_RULE = { minLength: 8, maxLength: 128 } as const;

/**
 * Why a password cannot be used, in Chinese, or an empty list when it can. Whether it equals the old
 * one needs the stored hash, so the caller checks that and passes the answer in `sameAsOld`.
 */
export function passwordProblems(password: string, username: string, sameAsOld = false): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_RULE.minLength) problems.push(`密码至少 ${PASSWORD_RULE.minLength} 位`);
  if (length > PASSWORD_RULE.maxLength) problems.push(`密码至多 ${PASSWORD_RULE.maxLength} 位`);
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('密码须同时包含字母和数字');
  // Control characters cannot be typed reliably on every keyboard and break copy-paste of a reset password.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push('密码不能包含控制字符');
  if (/^\s|\s$/.test(password)) problems.push('密码首尾不能是空格');
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) problems.push('密码不能包含用户名');
  if (sameAsOld) problems.push('新密码不能与原密码相同');
  return problems;
}
