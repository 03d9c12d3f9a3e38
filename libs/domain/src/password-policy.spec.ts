import { PASSWORD_RULE, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts eight or more characters with letters and digits that do not contain the username', () => {
    expect(passwordProblems('Shuo2024城', 'township9')).toEqual([]);
    expect(passwordProblems('abcd1234', 'village1')).toEqual([]);
  });

  it('refuses a short password and one without letters or without digits', () => {
    expect(passwordProblems('ab12', 'u1')).toEqual([`密码至少 ${PASSWORD_RULE.minLength} 位`]);
    expect(passwordProblems('12345678', 'u1')).toEqual(['密码须同时包含字母和数字']);
    expect(passwordProblems('abcdefgh', 'u1')).toEqual(['密码须同时包含字母和数字']);
  });

  it('counts characters, not UTF-16 units, and refuses an overlong one', () => {
    expect(passwordProblems('乡村振兴a1', 'u1')).toEqual([`密码至少 ${PASSWORD_RULE.minLength} 位`]);
    expect(passwordProblems(`a1${'x'.repeat(PASSWORD_RULE.maxLength)}`, 'u1')).toEqual([`密码至多 ${PASSWORD_RULE.maxLength} 位`]);
  });

  it('refuses a password containing the username in any case', () => {
    expect(passwordProblems('Township9-2024', 'township9')).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('xxTOWNSHIP9xx', ' Township9 ')).toEqual(['密码不能包含用户名']);
  });

  it('refuses control characters, surrounding spaces and the old password', () => {
    expect(passwordProblems('abcd\u00001234', 'u1')).toEqual(['密码不能包含控制字符']);
    expect(passwordProblems(' abcd1234', 'u1')).toEqual(['密码首尾不能是空格']);
    expect(passwordProblems('abcd1234', 'u1', true)).toEqual(['新密码不能与原密码相同']);
  });

  it('names every problem at once', () => {
    expect(passwordProblems('zone', 'zone')).toEqual([`密码至少 ${PASSWORD_RULE.minLength} 位`, '密码须同时包含字母和数字', '密码不能包含用户名']);
  });
});
