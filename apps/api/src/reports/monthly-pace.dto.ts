import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** The region and month of the monitors' pace list. */
export class MonthlyPaceParams {
  /** 省、市或县的 12 位行政区划代码 */
  @ApiProperty({ pattern: '^\\d{12}$', example: '140600000000' })
  @Matches(/^\d{12}$/, { message: 'regionCode 须为 12 位行政区划代码，如 140600000000' })
  regionCode: string;

  /** 报表月份 YYYY-MM */
  @ApiProperty({ pattern: MONTH.source, example: '2024-06' })
  @Matches(MONTH, { message: '月份须写作 YYYY-MM（2000–2099 年，01–12 月），如 2024-06' })
  month: string;
}

export const PACE_FORMATS = ['json', 'xlsx'] as const;

export class MonthlyPaceQuery {
  /** json（默认）；xlsx 为各县一览与逐月执行率两张表 */
  @ApiPropertyOptional({ enum: PACE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(PACE_FORMATS, { message: 'format 须为 json 或 xlsx' })
  format?: (typeof PACE_FORMATS)[number];
}
