import { ApiProperty } from '@nestjs/swagger';
import { SHARE_LEVELS } from '../../../../libs/domain/src/fund-levels';
import { INDUSTRY_SHARE_STATUS_LABELS } from '../../../../libs/domain/src/industry-share';
import { YUAN_PATTERN } from '../common/yuan.validator';

/** The ratio strings the industry-share rule writes, e.g. "0.6500"; a policy minimum as set, e.g. "0.6". */
const RATIO = '^[0-9]+(\\.[0-9]+)?$';
const PERCENT = '^[0-9]+\\.[0-9]%$';

/**
 * 产业发展资金占比 of one county, year and fund level: the money matched to industry projects out of the
 * money issued at that level (received or not), against the policy minimum and last year's share.
 */
export class IndustryShareLevel {
  /** 资金级次；all 为各级合计 */
  @ApiProperty({ enum: SHARE_LEVELS })
  level: string;

  /** 中央、省级、市级、县级或各级 */
  levelLabel: string;

  /** 下达资金（元）：本年度该级次批次分配给本县的金额，不论是否到账 */
  @ApiProperty({ pattern: YUAN_PATTERN })
  issued: string;

  /** 已匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  matched: string;

  /** 尚未匹配（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  unmatched: string;

  /** 匹配到产业发展项目（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  industryMatched: string;

  /** 占比 = 产业发展项目已匹配 ÷ 下达资金，4 位小数（截断）；未下达资金时为 null */
  @ApiProperty({ pattern: RATIO, nullable: true, example: '0.6500' })
  share: string | null;

  /** 占比，精确到 0.1%（截断） */
  @ApiProperty({ pattern: PERCENT, nullable: true, example: '65.0%' })
  sharePercent: string | null;

  /** 最高可达占比 = （产业发展项目已匹配 + 尚未匹配）÷ 下达资金 */
  @ApiProperty({ pattern: RATIO, nullable: true })
  maxReachable: string | null;

  @ApiProperty({ pattern: PERCENT, nullable: true })
  maxReachablePercent: string | null;

  /** 上年同一级次、同一口径的占比；上年未下达资金时为 null */
  @ApiProperty({ pattern: RATIO, nullable: true })
  previousYearShare: string | null;

  /** 政策规定的最低占比 */
  @ApiProperty({ pattern: RATIO, example: '0.60' })
  min: string;

  /** 最低占比取自哪个地区的政策（12 位代码），或 default（默认值） */
  @ApiProperty({ pattern: '^(\\d{12}|default)$' })
  minSource: string;

  /** 适用的是哪一项设置，如“省级资金 2023 年”“各级资金” */
  minBasis: string;

  /** 要求的占比：政策最低占比与上年占比中较高者（取自上年时向上取到 4 位） */
  @ApiProperty({ pattern: RATIO, example: '0.65' })
  required: string;

  @ApiProperty({ pattern: PERCENT, example: '65.0%' })
  requiredPercent: string;

  /** 要求来自政策（policy）还是上年占比（previous_year） */
  @ApiProperty({ enum: ['policy', 'previous_year'] })
  requiredBy: string;

  /** 已达到要求（未下达资金时为 true） */
  ok: boolean;

  /** 尚未匹配的资金全部用于产业项目时能否达到要求 */
  reachable: boolean;

  /** met 达标 · below 未达标 · unreachable 已无法达到 · no_money 未下达资金 */
  @ApiProperty({ enum: Object.keys(INDUSTRY_SHARE_STATUS_LABELS) })
  status: string;

  @ApiProperty({ enum: Object.values(INDUSTRY_SHARE_STATUS_LABELS) })
  statusLabel: string;

  /** 未达到要求时给县和监测人员看的同一句提示 */
  @ApiProperty({ type: String, nullable: true })
  warning: string | null;
}
