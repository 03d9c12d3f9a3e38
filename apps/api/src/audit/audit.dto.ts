import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../common/date.validator';

export class DayRootsQuery {
  /** 存证日 YYYY-MM-DD；不填为最近封存的一日 */
  @ApiPropertyOptional({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2026-12-04' })
  @IsOptional()
  @IsCalendarDate({ message: 'day 须为 YYYY-MM-DD 格式的日期，如 2026-12-04' })
  day?: string;

  /** 只看此行政区划以内的县（12 位代码）；不填为全部 */
  @ApiPropertyOptional({ pattern: '^\\d{12}$', example: '140600000000' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'regionCode 须为 12 位行政区划代码' })
  regionCode?: string;
}
