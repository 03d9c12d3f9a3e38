import { ApiProperty } from '@nestjs/swagger';
import { STAGES } from '../../../../libs/domain/src/stages';
import { PageMeta } from '../common/page.response';
import { YUAN_PATTERN } from '../common/yuan.validator';

/** What an inbox row says about its project, so a clerk can pick the next one. */
abstract class TaskProject {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  projectName: string;

  place: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '140602205901' })
  villageCode: string;

  /** 总投资（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00' })
  totalBudget: string;
}

/** 待办：一个等待调用者办理的项目 */
export class OpenTask extends TaskProject {
  @ApiProperty({ enum: STAGES })
  stage: string;

  stageLabel: string;

  /** 待办类型：revise 修改 · review 审核 · resolve_objection 处理异议 · implement 实施 · review_change 变更审批 · accept 验收 · pay 拨付 */
  @ApiProperty({ enum: ['revise', 'review', 'resolve_objection', 'implement', 'review_change', 'accept', 'pay'] })
  action: string;

  actionLabel: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  /** 办理期限；无期限的待办为 null */
  @ApiProperty({ format: 'date-time', nullable: true })
  dueAt: string | null;

  /** 已过办理期限 */
  overdue: boolean;

  /** 已发出催办提醒的时间 */
  @ApiProperty({ format: 'date-time', nullable: true })
  remindedAt: string | null;

  /** owner 由我办理 · delegate 委派我审阅、待我提交意见 */
  @ApiProperty({ enum: ['owner', 'delegate'] })
  mine: string;

  /** 已转交的经办人；为 null 时本岗位任何人可办 */
  assigneeName: string | null;

  /** 正在审阅的受委派人 */
  delegateName: string | null;

  /** 最近一次催办的时间、催办人和累计次数 */
  @ApiProperty({ format: 'date-time', nullable: true })
  urgedAt: string | null;

  urgedBy: string | null;

  @ApiProperty({ type: 'integer', minimum: 0 })
  urgeCount: number;
}

/** 抄送我的：别人抄送给调用者的项目 */
export class CcTask extends TaskProject {
  @ApiProperty({ enum: STAGES })
  stage: string;

  stageLabel: string;

  /** 抄送人 */
  by: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  comment: string | null;
}

/** 抄送我的一页，最近的在前 */
export class CcTaskPage extends PageMeta {
  items: CcTask[];
}

/** 已办：调用者办理过的一步 */
export class DoneTask extends TaskProject {
  action: string;

  actionLabel: string;

  @ApiProperty({ enum: STAGES, nullable: true })
  fromStage: string | null;

  @ApiProperty({ enum: STAGES })
  toStage: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  comment: string | null;
}

/** 待办的一页，最早到期的在前 */
export class OpenTaskPage extends PageMeta {
  items: OpenTask[];
}

/** 已办的一页，最近的在前 */
export class DoneTaskPage extends PageMeta {
  items: DoneTask[];
}
