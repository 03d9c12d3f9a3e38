import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { LOGIN_ROLES, type LoginRole } from '../../../../../libs/domain/src/stages';
import { IsRegionCode, IsRole } from './user-fields';

export const USER_STATUSES = ['active', 'disabled', 'locked', 'must_change_password'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** GET /users filters; every one narrows the caller's own region, never widens it. */
export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按用户名或名称搜索' })
  @IsOptional()
  @IsString({ message: 'q 须为字符串' })
  @MaxLength(64, { message: 'q 最长 64 字' })
  // eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
  @Matches(/^[^\x00]*$/, { message: 'q 不能包含空字符（U+0000）' })
  q?: string;

  @ApiPropertyOptional({ enum: LOGIN_ROLES })
  @IsOptional()
  @IsRole()
  role?: LoginRole;

  /** 该地区及其下级地区的用户 */
  @ApiPropertyOptional({ pattern: '^[0-9]{12}$' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  /** active 正常 · disabled 已停用 · locked 已锁定 · must_change_password 待改密码 */
  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES, { message: `status 须为 ${USER_STATUSES.join('、')} 之一` })
  status?: UserStatus;
}
