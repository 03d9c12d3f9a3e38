import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DEPARTMENTS } from '../../../../../libs/domain/src/project-types';
import { LOGIN_ROLES } from '../../../../../libs/domain/src/stages';

/** Lower case only, so two accounts can never differ by case alone (sign-in compares exactly). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,63}$/;
export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS);

export const IsRole = () => IsIn(LOGIN_ROLES, { message: `role 须为 ${LOGIN_ROLES.join('、')} 之一` });
export const IsRegionCode = () => Matches(/^[0-9]{12}$/, { message: 'regionCode 须为 12 位数字的行政区划代码' });
export const IsDepartment = () => IsIn(DEPARTMENT_CODES, { message: `department 须为 ${DEPARTMENT_CODES.join('、')} 之一` });

/**
 * At least one character that is not a space, and no control characters. Written without `\s` or
 * look-ahead so that the document's pattern means the same to every client's regular expressions.
 */
export const DISPLAY_NAME_PATTERN = '^[^\\x00-\\x1f\\x7f]*[^\\x00-\\x20\\x7f\\u3000][^\\x00-\\x1f\\x7f]*$';

export const IsDisplayName = () =>
  applyDecorators(
    IsString({ message: 'displayName 须为字符串' }),
    Length(1, 100, { message: 'displayName 长度须为 1–100' }),
    Matches(new RegExp(DISPLAY_NAME_PATTERN), { message: 'displayName 不能为空白，也不能包含控制字符' }),
  );

/** The length only: what else a password must satisfy is the policy's, answered as 422 WEAK_PASSWORD. */
export const IsPasswordText = (field: string) =>
  applyDecorators(IsString({ message: `${field} 须为字符串` }), Length(1, 200, { message: `${field} 长度须为 1–200` }));

/** How the document describes a password field: the validator's length, the policy in words. */
export const PASSWORD_TEXT = { minLength: 1, maxLength: 200 } as const;
