import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_BREAK_TABLES, CHAIN_PROBLEMS } from '../../../../libs/domain/src/audit-chain';

const HASH = '^[0-9a-f]{64}$';

/** 存证链上第一处对不上的记录 */
export class ChainBreakView {
  /** project_events 审计记录、ledger_entries 资金台账，或 audit_chains 链头 */
  @ApiProperty({ enum: CHAIN_BREAK_TABLES })
  table: string;

  /** 审计记录的步骤号（seq），资金台账的记录号（id）；链头时为链上实际的记录数 */
  ref: string;

  /** 该记录在链上的位置（从 1 起）；没有位置时为 null */
  @ApiProperty({ type: 'integer', nullable: true })
  position: number | null;

  /** content 写入后被改动；missing 之前有记录被删除；duplicate 位置重复；unchained 绕过存证写入；head 链头与记录不符 */
  @ApiProperty({ enum: CHAIN_PROBLEMS })
  problem: string;

  /** 哪里不一致，写给审计人员看 */
  message: string;

  /** 按该记录现在的内容和前一条的哈希算出的哈希 */
  @ApiProperty({ pattern: HASH, nullable: true, type: 'string' })
  expectedHash: string | null;

  /** 写入时存下的哈希 */
  @ApiProperty({ pattern: HASH, nullable: true, type: 'string' })
  storedHash: string | null;
}

/** 一个项目的存证链核验结果 */
export class ProjectChainVerification {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  /** 链上每条记录都与写入时一致 */
  ok: boolean;

  /** 链上的记录数（审计记录与资金台账合计） */
  @ApiProperty({ type: 'integer', minimum: 0 })
  length: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  historyRows: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  ledgerRows: number;

  /** 按记录重新算出的链头哈希 */
  @ApiProperty({ pattern: HASH })
  headHash: string;

  /** 第一处对不上的记录；ok 时为 null */
  @ApiProperty({ type: ChainBreakView, nullable: true })
  broken: ChainBreakView | null;

  @ApiProperty({ format: 'date-time' })
  checkedAt: string;
}

/** 一个县某日零时封存的存证根 */
export class SealedRoot {
  @ApiProperty({ pattern: '^\\d{12}$', example: '140602000000' })
  countyCode: string;

  /** 存证日：当日零时（北京时间）封存此前的全部记录 */
  @ApiProperty({ format: 'date', example: '2026-12-04' })
  day: string;

  /** 该县全部存证链链头的哈希 */
  @ApiProperty({ pattern: HASH })
  rootHash: string;

  /** 存证链条数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  chains: number;

  /** 链上记录总数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  entries: number;

  @ApiProperty({ format: 'date-time' })
  computedAt: string;
}

/** 一个县某日的存证根，附县名 */
export class DayRootView extends SealedRoot {
  countyName: string;
}

/** 某日各县的存证根 */
export class DayRoots {
  /** 存证日；尚未封存过时为 null */
  @ApiProperty({ format: 'date', nullable: true, type: 'string' })
  day: string | null;

  roots: DayRootView[];
}
