import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'village1' })
  @IsString({ message: '用户名须为字符串' })
  @Length(1, 64, { message: '用户名长度须为 1–64' })
  username: string;

  @ApiProperty({ example: 'demo123' })
  @IsString({ message: '密码须为字符串' })
  @Length(1, 200, { message: '密码长度须为 1–200' })
  password: string;
}
