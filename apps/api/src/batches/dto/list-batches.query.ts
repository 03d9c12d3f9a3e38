import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { BATCH_LEVELS } from './create-batch.dto';

/** GET /batches filters; every one narrows the caller's own region, never widens it. */
export class ListBatchesQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', description: '年度', example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year 须为 2000–2100 的年份' })
  @Min(2000, { message: 'year 须为 2000–2100 的年份' })
  @Max(2100, { message: 'year 须为 2000–2100 的年份' })
  year?: number;

  @ApiPropertyOptional({ enum: BATCH_LEVELS, description: '资金级次：central 中央 · province 省级 · city 市级 · county 县级' })
  @IsOptional()
  @IsIn(BATCH_LEVELS, { message: 'level 须为 central、province、city 或 county' })
  level?: (typeof BATCH_LEVELS)[number];

  @ApiPropertyOptional({ description: '按文号或标题搜索' })
  @IsOptional()
  @IsString({ message: 'q 须为字符串' })
  @MaxLength(100, { message: 'q 最长 100 字' })
  // PostgreSQL text cannot hold U+0000: refused here rather than failing the query.
  // eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
  @Matches(/^[^\x00]*$/, { message: 'q 不能包含空字符（U+0000）' })
  q?: string;
}
