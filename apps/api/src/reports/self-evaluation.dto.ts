import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CLAIM_INPUT } from '../../../../libs/domain/src/report-figures';
import { FIGURES, SECTIONS } from './self-evaluation.figures';

export const REPORT_FORMATS = ['json', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The county and year of a report. */
export class SelfEvaluationParams {
  /** 县级行政区划代码（12 位，后 6 位为 0） */
  @ApiProperty({ pattern: '^\\d{6}0{6}$', example: '140602000000' })
  @Matches(/^\d{6}0{6}$/, { message: 'countyCode 须为县级的 12 位行政区划代码（后 6 位为 0），如 140602000000' })
  countyCode: string;

  /** 年度 */
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2024 })
  @Type(() => Number)
  @IsInt({ message: 'year 须为 2000–2100 的年份' })
  @Min(2000, { message: 'year 须为 2000–2100 的年份' })
  @Max(2100, { message: 'year 须为 2000–2100 的年份' })
  year: number;
}

export class SelfEvaluationQuery {
  /** json（默认）；docx 为 Word 报告，xlsx 为指标、匹配时效与核对三张表 */
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format 须为 json、docx 或 xlsx' })
  format?: ReportFormat;
}

/**
 * The county's words per section; `{{指标代码}}` marks where a figure goes and is filled from the
 * records. An empty string goes back to the template.
 */
export class SelfEvaluationTextDto {}
for (const section of SECTIONS) {
  const proto = SelfEvaluationTextDto.prototype;
  ApiPropertyOptional({ type: 'string', maxLength: 5000, description: `${section.title}：报告文字，可用 {{指标代码}} 引用数据` })(proto, section.key);
  IsOptional()(proto, section.key);
  IsString({ message: `${section.title}的文字须为字符串` })(proto, section.key);
  MaxLength(5000, { message: `${section.title}的文字最多 5000 字` })(proto, section.key);
}

/**
 * The figures the county means to report, as it would type them: 元 ("24600000.00"), 万元 ("2460万元"),
 * a percentage ("3.4%") or a count ("57"). An empty string withdraws a typed figure.
 */
export class ClaimedFiguresDto {}
for (const figure of FIGURES) {
  const proto = ClaimedFiguresDto.prototype;
  ApiPropertyOptional({ type: 'string', pattern: CLAIM_INPUT.source, maxLength: 30, description: `${figure.label}（拟上报数）` })(proto, figure.key);
  IsOptional()(proto, figure.key);
  IsString({ message: `${figure.label}须为字符串` })(proto, figure.key);
  Matches(CLAIM_INPUT, { message: `${figure.label}应写作元（24600000.00）、万元（2460万元）、百分数（3.4%）或整数` })(proto, figure.key);
}

/** PUT /reports/self-evaluation/:countyCode/:year */
export class SaveSelfEvaluationDto {
  @ApiPropertyOptional({ type: SelfEvaluationTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelfEvaluationTextDto)
  text?: Record<string, string | undefined>;

  @ApiPropertyOptional({ type: ClaimedFiguresDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimedFiguresDto)
  claimed?: Record<string, string | undefined>;
}
