import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES } from '../../../../libs/domain/src/project-types';
import { PageMeta } from '../common/page.response';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { IndustryShareLevel } from '../industry-share/industry-share.response';
import { BATCH_LEVELS } from './dto/create-batch.dto';

const REGION_CODE = '^[0-9]{12}$';

/** 专项：分配金额中指定用途的部分 */
export class Earmark {
  purpose: string;

  /** 金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1000000.00' })
  amount: string;
}

/** 资金匹配：一笔分配资金安排给一个入库项目 */
export class FundMatch {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  projectName: string;

  @ApiProperty({ enum: PROJECT_TYPES })
  projectType: string;

  /** 匹配金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  amount: string;

  /** 专项用途（使用专项资金时） */
  purpose: string | null;

  @ApiProperty({ format: 'date-time' })
  matchedAt: string;

  /** 操作人的用户 id */
  matchedBy: string | null;
}

/** 分配到一个县的资金，及其到账与匹配情况 */
export class Allocation {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: REGION_CODE, example: '140602000000' })
  countyCode: string;

  countyName: string;

  /** 分配金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  amount: string;

  earmarks: Earmark[];

  /** 县类别（备注） */
  category: string | null;

  /** 到账时间；未确认到账时为 null */
  @ApiProperty({ format: 'date-time', nullable: true })
  receivedAt: string | null;

  /** 匹配期限（此刻起逾期）；未到账时为 null */
  @ApiProperty({ format: 'date-time', nullable: true })
  dueAt: string | null;

  /** 已匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;

  /** 未匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  unmatched: string;

  /** allocated 已下达 · received 已到账 · overdue 匹配逾期 · done 已全部匹配 */
  @ApiProperty({ enum: ['allocated', 'received', 'overdue', 'done'] })
  status: string;

  matches: FundMatch[];
}

/** 资金批次（下达文件）及本人管辖范围内的分配 */
export class Batch {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** 文号 */
  @ApiProperty({ example: '朔农发〔2024〕6号' })
  docNumber: string;

  title: string;

  @ApiProperty({ enum: BATCH_LEVELS })
  level: string;

  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  year: number;

  /** 批次 */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99 })
  batchNo: number;

  /** 下达日期 */
  @ApiProperty({ format: 'date', example: '2024-04-26' })
  issuedAt: string;

  /** 批次总额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  total: string;

  /** 本人管辖范围内的分配（列表中为空数组） */
  allocations: Allocation[];
}

/** 列表中一个批次在本人管辖范围内的到账与匹配进度 */
export class BatchProgress {
  /** 分配到的县数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  counties: number;

  /** 已确认到账的县数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  received: number;

  /** 分配合计（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  allocated: string;

  /** 已匹配合计（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;
}

/** 批次列表的一行 */
export class BatchListItem extends Batch {
  progress: BatchProgress;
}

/** 批次列表的一页，最近下达的在前 */
export class BatchPage extends PageMeta {
  items: BatchListItem[];
}

/**
 * 县本年度该批次级次的产业发展资金占比（已匹配到产业项目 ÷ 下达资金），每次匹配或撤销后给出，
 * 与县级资金监测的同一级次完全一致
 */
export class IndustryShare extends IndustryShareLevel {
  @ApiProperty({ type: 'integer' })
  year: number;

  /** 与 matched 相同：该级次已匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  totalMatched: string;
}

/** 资金匹配的结果 */
export class MatchResult {
  @ApiProperty({ format: 'uuid' })
  matchId: string;

  batch: Batch;

  industryShare: IndustryShare;
}

/** 撤销匹配的结果 */
export class UnmatchResult {
  batch: Batch;

  industryShare: IndustryShare;
}
