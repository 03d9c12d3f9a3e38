import { ApiProperty } from '@nestjs/swagger';
import { SealedRoot } from '../audit/audit.response';
import { FIGURE_KEYS, SECTION_KEYS } from './self-evaluation.figures';

/** 报告中的一个指标：取自账目与流转记录，不可编辑 */
export class ReportFigureBody {
  @ApiProperty({ enum: FIGURE_KEYS })
  key: string;

  label: string;

  /** 机器可读的值：金额为元（两位小数），比例为四位小数（截断），数量为整数；无从计算时为 null */
  @ApiProperty({ type: 'string', nullable: true, example: '24600000.00' })
  value: string | null;

  /** 报告中的写法，如 2460万元、3.4%、57 */
  text: string;

  /** 计算方法 */
  basis: string;
}

/** 报告的一部分 */
export class ReportSectionBody {
  @ApiProperty({ enum: SECTION_KEYS })
  key: string;

  title: string;

  /** 填入数据后的文字 */
  text: string;

  /** 保存的文字，{{指标代码}} 处填入数据 */
  template: string;

  figures: ReportFigureBody[];
}

/** 一笔到账资金的匹配时效 */
export class MatchingRowBody {
  docNumber: string;

  title: string;

  @ApiProperty({ enum: ['central', 'province', 'city', 'county'] })
  level: string;

  levelLabel: string;

  /** 金额（元） */
  @ApiProperty({ example: '6628740.00' })
  amount: string;

  @ApiProperty({ format: 'date' })
  receivedDate: string;

  @ApiProperty({ format: 'date', nullable: true })
  dueDate: string | null;

  @ApiProperty({ format: 'date', nullable: true })
  matchedDate: string | null;

  /** 从到账到全部匹配所用的日历天数；未匹配完为 null */
  @ApiProperty({ type: 'integer', nullable: true })
  daysTaken: number | null;

  @ApiProperty({ enum: ['on_time', 'late', 'pending', 'overdue'] })
  outcome: string;

  outcomeLabel: string;
}

/** 拟上报数与账面数的核对 */
export class ClaimRowBody {
  @ApiProperty({ enum: FIGURE_KEYS })
  key: string;

  label: string;

  /** 县填报的数 */
  claimed: string;

  /** 账面数（报告中的写法） */
  actual: string;

  /** 填报数 − 账面数；无法比较时为 null */
  @ApiProperty({ type: 'string', nullable: true })
  difference: string | null;

  ok: boolean;

  /** 无法读取填报数的原因 */
  @ApiProperty({ type: 'string', nullable: true })
  problem: string | null;
}

/** 绩效自评报告 */
export class SelfEvaluationBody {
  countyCode: string;

  countyName: string;

  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ format: 'date-time' })
  generatedAt: string;

  sections: ReportSectionBody[];

  matching: MatchingRowBody[];

  claims: ClaimRowBody[];

  /** 与账面不一致的填报数个数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  mismatches: number;

  @ApiProperty({ type: 'string', nullable: true })
  savedBy: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  savedAt: string | null;

  /** 本县最近一次封存的存证根；尚未封存时为 null */
  @ApiProperty({ type: SealedRoot, nullable: true })
  auditRoot: SealedRoot | null;
}
