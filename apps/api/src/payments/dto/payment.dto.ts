import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../../common/date.validator';
import { PAYMENT_KINDS } from '../../../../../libs/domain/src/payments';
import { IsYuan, YUAN_PATTERN } from '../../common/yuan.validator';

/** 一卡通 line: one household's subsidy in a household payment. */
export class HouseholdDto {
  @ApiProperty({ example: '140602205901-017', description: '户编号' })
  @IsString({ message: '户编号须为字符串' })
  @Length(1, 40, { message: '户编号长度须为 1–40' })
  householdId: string;

  @ApiProperty({ example: '张三' })
  @IsString({ message: '户主姓名须为字符串' })
  @Length(1, 100, { message: '户主姓名长度须为 1–100' })
  name: string;

  @ApiProperty({ example: '6228480000000000017', description: '一卡通账号' })
  @Matches(/^[0-9]{6,40}$/, { message: '一卡通账号须为 6–40 位数字' })
  account: string;

  @ApiProperty({ example: '庭院经济奖补' })
  @IsString({ message: '补助事项须为字符串' })
  @Length(1, 100, { message: '补助事项长度须为 1–100' })
  item: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '2000.00' })
  @IsYuan({ message: '补助金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;
}

export class PaymentDto {
  @ApiProperty({ pattern: YUAN_PATTERN, example: '500000.00' })
  @IsYuan({ message: '拨付金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;

  @ApiProperty({ enum: PAYMENT_KINDS })
  @IsIn(PAYMENT_KINDS, { message: '拨付类型须为 progress（进度款）、final（尾款）、retention（质保金）或 household（到户补助）' })
  kind: (typeof PAYMENT_KINDS)[number];

  @ApiProperty({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-07-10' })
  @IsCalendarDate({ message: '拨付日期须为 YYYY-MM-DD 格式的日期' })
  paidAt: string;

  @ApiPropertyOptional({ type: [HouseholdDto], description: '到户补助的受益户清单' })
  @IsOptional()
  @IsArray({ message: '受益户清单须为数组' })
  @ArrayMaxSize(5000, { message: '受益户清单最多 5000 户' })
  @IsObject({ each: true, message: '每个受益户须为对象' })
  @ValidateNested({ each: true })
  @Type(() => HouseholdDto)
  households?: HouseholdDto[];
}
