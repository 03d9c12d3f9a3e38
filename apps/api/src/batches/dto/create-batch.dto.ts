import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../../common/date.validator';
import { IsYuan, YUAN_PATTERN } from '../../common/yuan.validator';

/** Multipart fields arrive as text: only plain decimal digits become a number ("0x7E8" and "2e3" stay invalid). */
function decimalInteger(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
}

export const BATCH_LEVELS = ['central', 'province', 'city', 'county'] as const;

export class EarmarkDto {
  @ApiProperty({ example: '健康乡村示范创建' })
  @IsString({ message: '专项用途须为字符串' })
  @Length(1, 100, { message: '专项用途长度须为 1–100' })
  purpose: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1000000.00' })
  @IsYuan({ message: '专项金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;
}

export class AllocationDto {
  @ApiProperty({ example: '140602000000', description: '县级行政区划代码' })
  @Matches(/^[0-9]{12}$/, { message: '地区代码须为 12 位数字的行政区划代码' })
  regionCode: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '2000000.00' })
  @IsYuan({ message: '分配金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;

  @ApiPropertyOptional({ type: [EarmarkDto] })
  @IsOptional()
  @IsArray({ message: '专项须为数组' })
  @ArrayMaxSize(20, { message: '专项最多 20 项' })
  @IsObject({ each: true, message: '每个专项须为对象' })
  @ValidateNested({ each: true })
  @Type(() => EarmarkDto)
  earmarks?: EarmarkDto[];

  @ApiPropertyOptional({ example: '重点帮扶县', description: '县类别（备注）' })
  @IsOptional()
  @IsString({ message: '县类别须为字符串' })
  @Length(0, 50, { message: '县类别最长 50 字' })
  category?: string;
}

/** Batch header fields, shared by creation and import. */
export class BatchHeaderDto {
  @ApiProperty({ example: '朔农发〔2024〕6号', description: '文号' })
  @IsString({ message: '文号须为字符串' })
  @Length(1, 100, { message: '文号长度须为 1–100' })
  docNumber: string;

  @ApiProperty({ example: '关于下达2024年第一批市级衔接推进乡村振兴补助资金计划的通知' })
  @IsString({ message: '标题须为字符串' })
  @Length(1, 300, { message: '标题长度须为 1–300' })
  title: string;

  @ApiProperty({ enum: BATCH_LEVELS })
  @IsIn(BATCH_LEVELS, { message: '资金级次须为 central、province、city 或 county' })
  level: (typeof BATCH_LEVELS)[number];

  @ApiProperty({ type: 'integer', example: 2024 })
  @Transform(({ value }) => decimalInteger(value))
  @IsInt({ message: '年度须为整数' })
  @Min(2000, { message: '年度须在 2000–2100 之间' })
  @Max(2100, { message: '年度须在 2000–2100 之间' })
  year: number;

  @ApiProperty({ type: 'integer', example: 1 })
  @Transform(({ value }) => decimalInteger(value))
  @IsInt({ message: '批次须为正整数' })
  @Min(1, { message: '批次须为正整数' })
  @Max(99, { message: '批次过大' })
  batchNo: number;

  @ApiProperty({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-04-26' })
  @IsCalendarDate({ message: '下达日期须为 YYYY-MM-DD 格式的日期，例如 2024-04-26' })
  issuedAt: string;
}

/** POST /batches/import as the document shows it: the header fields and the table itself. */
export class BatchImportForm extends BatchHeaderDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '分配表（CSV 或 XLSX，最大 5 MB），格式同下达通知的分配表，金额以万元计' })
  file: unknown;
}

export class CreateBatchDto extends BatchHeaderDto {
  @ApiProperty({ type: [AllocationDto] })
  @IsArray({ message: '分配明细须为数组' })
  @ArrayMinSize(1, { message: '至少一个分配明细' })
  @ArrayMaxSize(2000, { message: '分配明细最多 2000 行' })
  @IsObject({ each: true, message: '每行分配明细须为对象' })
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations: AllocationDto[];
}
