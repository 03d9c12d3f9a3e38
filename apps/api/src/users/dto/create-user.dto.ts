import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { LOGIN_ROLES, type LoginRole } from '../../../../../libs/domain/src/stages';
import { DEPARTMENT_CODES, DISPLAY_NAME_PATTERN, IsDepartment, IsDisplayName, IsPasswordText, IsRegionCode, IsRole, PASSWORD_TEXT, USERNAME_PATTERN } from './user-fields';

/** 新建用户：初始密码由管理员设置，用户首次登录后须修改 */
export class CreateUserDto {
  /** 用户名：3–64 位小写字母、数字或 _ . -，以字母或数字开头 */
  @ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'jiazhuang-wang' })
  @Matches(USERNAME_PATTERN, { message: 'username 须为 3–64 位小写字母、数字或 _ . -，以字母或数字开头' })
  username: string;

  /** 姓名或单位名称 */
  @ApiProperty({ minLength: 1, maxLength: 100, pattern: DISPLAY_NAME_PATTERN, example: '贾庄乡人民政府 王明' })
  @IsDisplayName()
  displayName: string;

  @ApiProperty({ enum: LOGIN_ROLES })
  @IsRole()
  role: LoginRole;

  /** 所在地区（12 位行政区划代码；管理员为全国 000000000000） */
  @ApiProperty({ pattern: '^[0-9]{12}$', example: '140602205000' })
  @IsRegionCode()
  regionCode: string;

  /** 所属行业主管部门（仅部门用户） */
  @ApiPropertyOptional({ enum: DEPARTMENT_CODES, nullable: true })
  @IsOptional()
  @IsDepartment()
  department?: string | null;

  /** 初始密码：至少 8 位，同时包含字母和数字，不含用户名 */
  @ApiProperty({ ...PASSWORD_TEXT, example: 'Temp2024abc' })
  @IsPasswordText('password')
  password: string;
}
