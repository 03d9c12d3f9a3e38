import { ApiProperty } from '@nestjs/swagger';
import { ROLES, STAGES } from '../../../../libs/domain/src/stages';
import { OPERATION_ACTIONS } from '../../../../workflows/project/project.operations';

/** 经办人 */
export class TaskPerson {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  name: string;
}

/** 委派：正在审阅、尚未提交意见 */
export class Delegation extends TaskPerson {
  @ApiProperty({ format: 'date-time' })
  at: string;

  comment: string;
}

/** 受委派人提交的意见 */
export class DelegateOpinion extends TaskPerson {
  opinion: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** 最近一次催办 */
export class UrgeMark {
  by: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  comment: string | null;

  /** 本待办累计催办次数 */
  @ApiProperty({ type: 'integer', minimum: 1 })
  count: number;
}

/** 抄送记录 */
export class CcEntry extends TaskPerson {
  /** 抄送人 */
  by: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  comment: string | null;
}

/** 会签部门及其意见 */
export class JointDepartment {
  department: string;

  departmentName: string;

  approved: boolean;

  by: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  at: string | null;

  comment: string | null;
}

/** 会签进度 */
export class JointReviewProgress {
  policyName: string;

  /** all 全部同意 · any 任一同意 · ratio 按比例 */
  @ApiProperty({ enum: ['all', 'any', 'ratio'] })
  rule: string;

  @ApiProperty({ nullable: true, example: '0.5' })
  ratio: string | null;

  /** 规则的中文说明 */
  ruleLabel: string;

  departments: JointDepartment[];
}

/** 终止记录 */
export class Termination {
  by: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  reason: string;
}

/** 办理预告的一步：哪个环节、哪个岗位、哪些人 */
export class UpcomingStep {
  @ApiProperty({ enum: STAGES })
  stage: string;

  stageLabel: string;

  @ApiProperty({ enum: ROLES })
  role: string;

  roleLabel: string;

  /** 办理单位或部门的说明，如“贾庄乡 · 乡镇”“水利局、农业农村局” */
  desk: string;

  /** 具体办理人：已转办、改派或委派时为该人，否则为该岗位的在岗用户（最多 20 人）；系统环节为空 */
  people: TaskPerson[];
}

/** 审批操作：经办、委派、会签、抄送、催办、终止，以及谁办理下一步、再下一步 */
export class ApprovalState {
  assignee: TaskPerson | null;

  delegate: Delegation | null;

  opinions: DelegateOpinion[];

  urge: UrgeMark | null;

  ccs: CcEntry[];

  jointReview: JointReviewProgress | null;

  termination: Termination | null;

  /** 下一步由谁办理；已结束时为 null */
  next: UpcomingStep | null;

  /** 再下一步由谁办理 */
  after: UpcomingStep | null;

  /** 调用者此刻可执行的审批操作 */
  @ApiProperty({ enum: OPERATION_ACTIONS, isArray: true })
  operations: string[];
}

/** 候选经办人 */
export class Candidate extends TaskPerson {
  @ApiProperty({ enum: ROLES })
  role: string;

  roleLabel: string;

  @ApiProperty({ pattern: '^\\d{12}$' })
  regionCode: string;

  regionName: string;

  department: string | null;
}

/** 批量改派一项的结果 */
export class ReassignOutcome {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  projectName: string | null;

  ok: boolean;

  /** 未改派的原因 */
  error: string | null;
}

/** 批量改派的结果 */
export class ReassignResult {
  @ApiProperty({ type: 'integer', minimum: 0 })
  reassigned: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  failed: number;

  items: ReassignOutcome[];
}
