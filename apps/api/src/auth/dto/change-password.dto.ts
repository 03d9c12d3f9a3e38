import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** 修改密码 */
export class ChangePasswordDto {
  /** 当前密码（管理员重置后为其设置的临时密码） */
  @ApiProperty({ example: 'Temp2024abc' })
  @IsString({ message: '原密码须为字符串' })
  @Length(1, 200, { message: '原密码长度须为 1–200' })
  oldPassword: string;

  /** 新密码：至少 8 位，同时包含字母和数字，不含用户名，不同于原密码 */
  @ApiProperty({ example: 'Shuo2024new' })
  @IsString({ message: '新密码须为字符串' })
  @Length(1, 200, { message: '新密码长度须为 1–200' })
  newPassword: string;
}
