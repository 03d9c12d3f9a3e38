import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsYuan, YUAN_PATTERN } from '../../common/yuan.validator';

export class ReceiptDto {
  @ApiProperty({ example: '2024-04-28T09:30:00+08:00', description: '到账时间（可只写日期，按北京时间当日计）' })
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2}))?$/, {
    message: '到账时间须为 YYYY-MM-DD 日期，或带时区的 ISO 8601 时间（如 2024-04-28T09:30:00+08:00）',
  })
  receivedAt: string;
}

export class MatchDto {
  @ApiProperty()
  @IsUUID('all', { message: 'projectId 须为项目编号（UUID）' })
  projectId: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00' })
  @IsYuan({ message: '匹配金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;

  @ApiPropertyOptional({ example: '健康乡村示范创建', description: '使用专项资金时填写专项用途' })
  @IsOptional()
  @IsString({ message: '专项用途须为字符串' })
  @Length(1, 100, { message: '专项用途长度须为 1–100' })
  purpose?: string;
}

export class UnmatchDto {
  @ApiProperty()
  @IsString({ message: '撤销理由须为字符串' })
  @Length(1, 2000, { message: '须填写撤销理由（1–2000 字）' })
  reason: string;
}
