import { ApiProperty } from '@nestjs/swagger';

const PACES = ['on_pace', 'behind', 'far_behind', 'no_money'];

/** 已匹配、本月支出、累计支出、执行率与序时进度 */
export class SpendingFiguresBody {
  /** 已匹配（元） */
  @ApiProperty({ example: '1000000.00' })
  matched: string;

  /** 本月支出（元） */
  @ApiProperty({ example: '250000.00' })
  paidThisMonth: string;

  /** 截至月末累计支出（元） */
  @ApiProperty({ example: '250000.00' })
  paidToDate: string;

  /** 执行率：累计支出 ÷ 到位资金（项目为 ÷ 已匹配），四位小数截断；无资金时为 null */
  @ApiProperty({ type: 'string', nullable: true, example: '0.2500' })
  executionRate: string | null;

  /** 执行率，如 25.0% */
  executionRateText: string;

  @ApiProperty({ enum: PACES })
  pace: string;

  paceLabel: string;
}

/** 一个批次分配给本县的资金 */
export class MonthlyBatchBody extends SpendingFiguresBody {
  @ApiProperty({ format: 'uuid' })
  allocationId: string;

  docNumber: string;

  title: string;

  @ApiProperty({ enum: ['central', 'province', 'city', 'county'] })
  level: string;

  levelLabel: string;

  /** 分配金额（元） */
  allocated: string;

  /** 月末前已到账的金额（元），未到账为 0.00 */
  received: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  receivedDate: string | null;
}

/** 一个使用本年资金的项目 */
export class MonthlyProjectBody extends SpendingFiguresBody {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  name: string;

  type: string;

  typeLabel: string;

  place: string;
}

/** 合计 */
export class MonthlyTotalsBody extends SpendingFiguresBody {
  /** 到位资金（元） */
  received: string;

  /** 落后于序时进度的批次数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  batchesBehind: number;

  /** 落后于序时进度的项目数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  projectsBehind: number;
}

/** 月度支出报表 */
export class MonthlyReportBody {
  countyCode: string;

  countyName: string;

  @ApiProperty({ example: '2024-06' })
  month: string;

  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ format: 'date-time' })
  generatedAt: string;

  /** 序时进度（月份 ÷ 12），四位小数 */
  @ApiProperty({ example: '0.5000' })
  expectedPace: string;

  expectedPaceText: string;

  batches: MonthlyBatchBody[];

  projects: MonthlyProjectBody[];

  totals: MonthlyTotalsBody;

  /** 各栏的计算方法 */
  basis: string[];
}
