import { ApiProperty } from '@nestjs/swagger';
import { IsPasswordText, PASSWORD_TEXT } from './user-fields';

/** 重置密码：用户下次登录须先修改 */
export class ResetPasswordDto {
  /** 临时密码：至少 8 位，同时包含字母和数字，不含用户名 */
  @ApiProperty({ ...PASSWORD_TEXT, example: 'Reset2024abc' })
  @IsPasswordText('password')
  password: string;
}
