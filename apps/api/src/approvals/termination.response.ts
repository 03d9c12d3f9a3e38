import { ApiProperty } from '@nestjs/swagger';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { ProjectDetail } from '../projects/dto/project.response';

/** 终止项目的结果：项目、退回资金分配的匹配金额 */
export class TerminationResult {
  project: ProjectDetail;

  /** 已退回分配、可重新匹配的金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '500000.00' })
  released: string;

  /** 因已拨付而仍留在项目上的匹配金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '0.00' })
  kept: string;

  /** 撤销的匹配记录数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  matchesReleased: number;
}
