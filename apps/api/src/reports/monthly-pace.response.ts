import { ApiProperty } from '@nestjs/swagger';

/** 某月月末的累计执行率与序时进度 */
export class PacePointBody {
  @ApiProperty({ example: '2024-03' })
  month: string;

  /** 截至该月末的累计执行率，四位小数截断；无资金时为 null */
  @ApiProperty({ type: 'string', nullable: true, example: '0.2100' })
  executionRate: string | null;

  executionRateText: string;

  /** 该月的序时进度（月份 ÷ 12） */
  @ApiProperty({ example: '0.2500' })
  expectedPace: string;
}

/** 一个县的支出进度（与该县同月月度支出报表的合计一致） */
export class CountyPaceBody {
  @ApiProperty({ pattern: '^\\d{12}$', example: '140602000000' })
  countyCode: string;

  countyName: string;

  /** 月末前到位资金（元） */
  @ApiProperty({ example: '1000000.00' })
  received: string;

  /** 已匹配（元） */
  @ApiProperty({ example: '1000000.00' })
  matched: string;

  /** 本月支出（元） */
  @ApiProperty({ example: '50000.00' })
  paidThisMonth: string;

  /** 累计支出（元） */
  @ApiProperty({ example: '300000.00' })
  paidToDate: string;

  @ApiProperty({ type: 'string', nullable: true, example: '0.3000' })
  executionRate: string | null;

  executionRateText: string;

  @ApiProperty({ enum: ['on_pace', 'behind', 'far_behind', 'no_money'] })
  pace: string;

  paceLabel: string;

  /** 落后序时进度的百分点（负数为超前）；无资金时为 null */
  @ApiProperty({ type: 'string', nullable: true, example: '20.00' })
  gapText: string | null;

  /** 1 月至本月各月末的累计执行率 */
  series: PacePointBody[];
}

/** 各县序时进度一览：落后的县在前 */
export class MonthlyPaceBody {
  @ApiProperty({ pattern: '^\\d{12}$', example: '140600000000' })
  regionCode: string;

  regionName: string;

  @ApiProperty({ example: '2024-06' })
  month: string;

  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ format: 'date-time' })
  generatedAt: string;

  @ApiProperty({ example: '0.5000' })
  expectedPace: string;

  expectedPaceText: string;

  counties: CountyPaceBody[];

  /** 落后（含严重落后）于序时进度的县数 */
  @ApiProperty({ type: 'integer' })
  countiesBehind: number;

  /** 各项数字的计算方法 */
  basis: string[];
}
