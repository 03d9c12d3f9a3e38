import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { LOGIN_ROLES, type LoginRole } from '../../../../../libs/domain/src/stages';
import { DEPARTMENT_CODES, DISPLAY_NAME_PATTERN, IsDepartment, IsDisplayName, IsRegionCode, IsRole } from './user-fields';

/** 修改用户：给出的字段才修改；改角色、地区、部门或停用时，该用户已登录的会话随即失效 */
export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, pattern: DISPLAY_NAME_PATTERN })
  @IsOptional()
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ enum: LOGIN_ROLES })
  @IsOptional()
  @IsRole()
  role?: LoginRole;

  @ApiPropertyOptional({ pattern: '^[0-9]{12}$' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  /** 所属行业主管部门；null 为无（非部门用户） */
  @ApiPropertyOptional({ enum: DEPARTMENT_CODES, nullable: true })
  @IsOptional()
  @IsDepartment()
  department?: string | null;

  /** true 停用，false 启用 */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'disabled 须为 true 或 false' })
  disabled?: boolean;
}
