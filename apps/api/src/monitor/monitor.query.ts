import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { MATCHING_STATUSES, type MatchingStatus } from './monitor-rules';

/** `json` (default, one page) or a file of every matching row: `csv` (UTF-8 with BOM) or `xlsx`. */
export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

class MonitorQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTPUT_FORMATS, default: 'json', description: 'json 分页数据；csv / xlsx 导出全部符合条件的行（忽略分页）' })
  @IsOptional()
  @IsIn(OUTPUT_FORMATS, { message: 'format 须为 json、csv 或 xlsx' })
  format?: OutputFormat;

  @ApiPropertyOptional({ type: 'integer', description: '年度（资金批次的年度）', example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year 须为 2000–2100 的年份' })
  @Min(2000, { message: 'year 须为 2000–2100 的年份' })
  @Max(2100, { message: 'year 须为 2000–2100 的年份' })
  year?: number;

  @ApiPropertyOptional({ description: '只看该县（或本人管辖范围内的某个市、省）：县级或以上的 12 位行政区划代码（后 6 位为 0）' })
  @IsOptional()
  @Matches(/^[0-9]{6}0{6}$/, { message: 'countyCode 须为县级或以上的 12 位行政区划代码（后 6 位为 0），如 140602000000' })
  countyCode?: string;
}

export class MatchingQuery extends MonitorQuery {
  @ApiPropertyOptional({ description: '资金批次 id' })
  @IsOptional()
  @IsUUID('all', { message: 'batchId 须为批次 id（UUID）' })
  batchId?: string;

  @ApiPropertyOptional({
    enum: MATCHING_STATUSES,
    description: 'overdue 已逾期 · due_soon 即将到期 · on_track 正常 · not_received 未到账 · done 已完成',
  })
  @IsOptional()
  @IsIn(MATCHING_STATUSES, { message: 'status 须为 overdue、due_soon、on_track、not_received 或 done' })
  status?: MatchingStatus;
}

export class CountiesQuery extends MonitorQuery {}
