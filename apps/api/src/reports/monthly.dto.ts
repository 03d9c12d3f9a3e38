import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from './self-evaluation.dto';

const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** The county and month of a monthly spending report. */
export class MonthlyReportParams {
  /** 县级行政区划代码（12 位，后 6 位为 0） */
  @ApiProperty({ pattern: '^\\d{6}0{6}$', example: '140602000000' })
  @Matches(/^\d{6}0{6}$/, { message: 'countyCode 须为县级的 12 位行政区划代码（后 6 位为 0），如 140602000000' })
  countyCode: string;

  /** 报表月份 YYYY-MM */
  @ApiProperty({ pattern: MONTH.source, example: '2024-06' })
  @Matches(MONTH, { message: '月份须写作 YYYY-MM（2000–2099 年，01–12 月），如 2024-06' })
  month: string;
}

export class MonthlyReportQuery {
  /** json（默认）；docx 为 Word 报表，xlsx 为批次、项目两张表 */
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format 须为 json、docx 或 xlsx' })
  format?: ReportFormat;
}
