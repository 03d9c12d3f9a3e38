import { ApiProperty } from '@nestjs/swagger';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { ProjectDetail } from '../projects/dto/project.response';

/** 台账的一笔资金变动 */
export class LedgerEntry {
  @ApiProperty({ format: 'date-time' })
  at: string;

  /** match 匹配 · unmatch 撤销匹配 · payment 拨付 · retention_held 预留质保金 · retention_released 退还质保金 */
  @ApiProperty({ enum: ['allocation', 'receipt', 'match', 'unmatch', 'payment', 'retention_held', 'retention_released'] })
  kind: string;

  /** 金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  amount: string;

  @ApiProperty({ format: 'uuid', nullable: true })
  batchId: string | null;

  /** 资金批次文号 */
  docNumber: string | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  allocationId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  matchId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  paymentId: string | null;

  /** 经办人 */
  actor: string;

  note: string | null;
}

/** 台账合计（元） */
export class LedgerSummary {
  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;

  @ApiProperty({ pattern: YUAN_PATTERN })
  paid: string;

  /** 已匹配未拨付；撤销匹配后可为负 */
  @ApiProperty({ pattern: '^-?[0-9]{1,15}(\\.[0-9]{1,2})?$' })
  unpaid: string;

  @ApiProperty({ pattern: YUAN_PATTERN })
  retentionHeld: string;

  @ApiProperty({ pattern: YUAN_PATTERN })
  retentionReleased: string;
}

/** 项目资金台账：每一笔变动，最早的在前 */
export class Ledger {
  entries: LedgerEntry[];

  summary: LedgerSummary;
}

/** 拨付的结果 */
export class PaymentResult {
  @ApiProperty({ format: 'uuid' })
  paymentId: string;

  project: ProjectDetail;

  ledger: Ledger;
}
