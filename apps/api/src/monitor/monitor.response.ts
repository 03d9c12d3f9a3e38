import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '../common/page.response';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { BATCH_LEVELS } from '../batches/dto/create-batch.dto';
import { IndustryShareLevel } from '../industry-share/industry-share.response';
import { MATCHING_STATUSES } from './monitor-rules';

const REGION_CODE = '^[0-9]{12}$';
/** Amounts that subtract (matched from received) may go below zero when money is taken back. */
const SIGNED_YUAN = '^-?[0-9]{1,15}(\\.[0-9]{1,2})?$';
const RATIO = '^[0-9]+(\\.[0-9]+)?$';

/** 资金匹配监测的一行：一个县在一个批次中的分配及其匹配期限 */
export class MatchingRow {
  @ApiProperty({ format: 'uuid' })
  allocationId: string;

  @ApiProperty({ format: 'uuid' })
  batchId: string;

  docNumber: string;

  title: string;

  @ApiProperty({ enum: BATCH_LEVELS })
  level: string;

  /** 资金级次中文名 */
  levelLabel: string;

  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ format: 'date' })
  issuedAt: string;

  @ApiProperty({ pattern: REGION_CODE })
  countyCode: string;

  countyName: string;

  /** 分配金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  allocated: string;

  /** 到账时间；未到账为 null */
  @ApiProperty({ format: 'date-time', nullable: true })
  receivedAt: string | null;

  /** 期限届满的时刻（最后一天的次日零点）；未到账为 null */
  @ApiProperty({ format: 'date-time', nullable: true })
  dueAt: string | null;

  /** 匹配期限的最后一天（北京时间）；未到账为 null */
  @ApiProperty({ format: 'date', nullable: true })
  dueDate: string | null;

  /** 距最后一天的天数：当天为 0，逾期为负；未到账为 null */
  @ApiProperty({ type: 'integer', nullable: true })
  daysLeft: number | null;

  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;

  @ApiProperty({ pattern: SIGNED_YUAN })
  unmatched: string;

  @ApiProperty({ enum: MATCHING_STATUSES })
  status: string;

  statusLabel: string;

  /** 全部匹配完成的时间 */
  @ApiProperty({ format: 'date-time', nullable: true })
  doneAt: string | null;
}

/** 资金匹配监测的一页，最紧急的在前 */
export class MatchingPage extends PageMeta {
  items: MatchingRow[];
}

/** 县级资金监测的一行：一个县一个年度 */
export class CountyRow {
  @ApiProperty({ pattern: REGION_CODE })
  countyCode: string;

  countyName: string;

  @ApiProperty({ type: 'integer' })
  year: number;

  /** 到账资金（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  received: string;

  /** 已匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;

  @ApiProperty({ pattern: SIGNED_YUAN })
  unmatched: string;

  /** 已支出（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  paid: string;

  /** 支出进度 = 已支出 / 到账，4 位小数；没有到账资金时为 null */
  @ApiProperty({ pattern: RATIO, nullable: true })
  executionRate: string | null;

  /** 下达资金（元）：本年度各级批次分配给本县的金额，不论是否到账 */
  @ApiProperty({ pattern: YUAN_PATTERN })
  issued: string;

  /** 产业项目已匹配（元），各级合计 */
  @ApiProperty({ pattern: YUAN_PATTERN })
  industryMatched: string;

  /** 各级合计的产业发展资金占比 = 产业项目已匹配 ÷ 下达资金；未下达资金时为 null */
  @ApiProperty({ pattern: RATIO, nullable: true })
  industryShare: string | null;

  /** 政策规定的最低占比 */
  @ApiProperty({ pattern: RATIO })
  industryShareMin: string;

  @ApiProperty({ pattern: RATIO, nullable: true })
  previousYearShare: string | null;

  /** 要求的占比：政策下限与上年占比中较高者 */
  @ApiProperty({ pattern: RATIO })
  industryShareRequired: string;

  industryShareOk: boolean;

  /** 有某一级次的占比即使把未匹配资金全部用于产业也达不到要求（已无法达到） */
  industryShareUnreachable: boolean;

  /** 各级合计及中央、省级、市级、县级资金各自的产业发展资金占比 */
  @ApiProperty({ type: [IndustryShareLevel] })
  industryShares: IndustryShareLevel[];

  /** 本年度批次中已逾期的分配数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  overdueBatches: number;

  /** 本县项目中已超期的待办数（当前快照） */
  @ApiProperty({ type: 'integer', minimum: 0 })
  overdueTasks: number;

  /** 本年度入库的项目数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  libraryProjects: number;
}

/** 县级资金监测的一页 */
export class CountyPage extends PageMeta {
  items: CountyRow[];
}
