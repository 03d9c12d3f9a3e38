import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES } from '../../../../../libs/domain/src/project-types';
import { PROJECT_ACTIONS, ROLES, STAGES } from '../../../../../libs/domain/src/stages';
import { ApprovalState } from '../../approvals/approval.response';
import { YUAN_PATTERN } from '../../common/yuan.validator';
import { PageMeta } from '../../common/page.response';
import { ALL_TARGET_SUBCATEGORIES, TARGET_CATEGORIES, TARGET_COMPARISONS, TARGET_VALUE_PATTERN } from '../../../../../libs/domain/src/performance-targets';

/** 资金来源 */
export class FundingSource {
  @ApiProperty({ example: '市级衔接资金' })
  source: string;

  /** 金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00' })
  amount: string;
}

/** 受益情况 */
export class Beneficiaries {
  /** 带动脱贫户数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  householdsLifted: number;

  /** 带动监测户数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  householdsMonitored: number;

  /** 受益人数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  people: number;
}

/**
 * 绩效目标. Projects applied before the table was structured hold free text: their rows have no
 * sub-category, and a comparison, value and unit only where the text states them plainly.
 */
export class PerformanceTarget {
  /** 一级指标：产出 output / 效益 benefit / 满意度 satisfaction */
  @ApiProperty({ enum: TARGET_CATEGORIES })
  category: string;

  /** 二级指标（数量、质量、时效、成本；经济、社会、生态、可持续；服务对象满意度）；早期自由填写的指标为 null */
  @ApiProperty({ enum: ALL_TARGET_SUBCATEGORIES, nullable: true })
  subCategory: string | null;

  indicator: string;

  @ApiProperty({ enum: TARGET_COMPARISONS, nullable: true })
  comparison: string | null;

  @ApiProperty({ pattern: TARGET_VALUE_PATTERN, nullable: true, example: '20' })
  targetValue: string | null;

  @ApiProperty({ nullable: true, example: '座' })
  unit: string | null;

  /** 目标值的完整表述，如「≥ 20 座」 */
  @ApiProperty({ example: '≥ 20 座' })
  target: string;
}

/** 一项绩效目标的完成情况（验收时记录） */
export class TargetResult {
  category: string;

  indicator: string;

  /** 目标值表述 */
  target: string;

  /** 完成值 */
  achieved: string;

  /** 是否达到目标 */
  met: boolean;
}

/** 绩效目标得分：达到的指标数 ÷ 指标总数，列出未达到的指标 */
export class TargetScore {
  @ApiProperty({ type: 'integer', minimum: 0 })
  met: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  total: number;

  /** 未达到目标的指标名称 */
  unmet: string[];

  /** 验收日期 */
  @ApiProperty({ format: 'date', example: '2024-10-15' })
  acceptedAt: string;
}

/** 附件 */
export class Attachment {
  name: string;

  url: string;
}

/** 下一步由谁办理 */
export class NextActor {
  /** 办理角色；system 表示等待公示期满 */
  @ApiProperty({ enum: ROLES })
  role: string;

  /** 办理单位的行政区划代码 */
  regionCode: string | null;

  /** 办理部门（部门审查时） */
  department: string | null;

  /** 待办类型 */
  action: string;

  actionLabel: string;
}

/** 负面清单命中 */
export class NegativeListHit {
  /** 负面清单类别 */
  category: string;

  /** 命中的关键词 */
  keyword: string;

  /** 命中所在的申报字段 */
  field: string;
}

/** 负面清单提示及其解除 */
export class NegativeListFlag {
  hits: NegativeListHit[];

  clearedBy: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  clearedAt: string | null;

  clearReason: string | null;
}

/** 入库（县级审定） */
export class LibraryEntry {
  @ApiProperty({ format: 'date-time' })
  approvedAt: string;

  /** 县政府常务会议纪要文号 */
  meetingRef: string | null;
}

/** 公示期 */
export class PublicityPeriod {
  @ApiProperty({ format: 'date-time' })
  startAt: string;

  @ApiProperty({ format: 'date-time' })
  endAt: string;

  /** 公示期长度（ISO-8601 时长） */
  @ApiProperty({ example: 'P10D' })
  period: string;
}

/** 异议 */
export class Objection {
  id: string;

  name: string;

  /** 联系方式：只对办理的官员显示，申报村看不到 */
  contact?: string;

  content: string;

  @ApiProperty({ format: 'date-time' })
  raisedAt: string;

  @ApiProperty({ enum: ['open', 'upheld', 'dismissed', 'closed'] })
  status: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  resolvedAt: string | null;

  resolvedBy: string | null;

  resolution: string | null;
}

/** 采购与合同 */
export class Procurement {
  method: string;

  winner: string;

  /** 合同金额（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1550000.00' })
  contractAmount: string;

  @ApiProperty({ format: 'date', example: '2024-05-20' })
  contractDate: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

/** 进度报告 */
export class ProgressReport {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  percent: number;

  note: string;

  @ApiProperty({ format: 'date', example: '2024-06-30' })
  reportedAt: string;
}

/** 变更申请提出的（或被变更替换的）申报内容；只列出涉及的字段 */
export class ChangedFields {
  name?: string;

  type?: string;

  villageCode?: string;

  countyCode?: string;

  departmentCode?: string;

  place?: string;

  content?: string;

  scale?: string | null;

  /** 总投资（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, nullable: true })
  totalBudget: string | null;

  fundingSources?: FundingSource[];
}

/** 变更申请 */
export class ChangeRequest {
  id: string;

  @ApiProperty({ enum: ['budget', 'scope', 'place'] })
  kind: string;

  reason: string;

  proposed: ChangedFields;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ enum: ['pending', 'approved', 'refused'] })
  status: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  decidedAt: string | null;

  decidedBy: string | null;

  comment: string | null;

  /** 批准的变更所替换的原申报内容 */
  previous: ChangedFields | null;
}

/** 确权移交的资产 */
export class Asset {
  name: string;

  /** 资产类别 */
  kind: string;

  /** 资产价值（元） */
  @ApiProperty({ pattern: YUAN_PATTERN })
  value: string;

  /** 产权归属 */
  owner: string;

  /** 管护主体 */
  caretaker: string;
}

/** 验收记录 */
export class AcceptanceRecord {
  @ApiProperty({ enum: ['pass', 'fail'] })
  result: string;

  findings: string;

  @ApiProperty({ format: 'date', example: '2024-10-15' })
  acceptedAt: string;

  assets: Asset[];

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  /** 各项绩效目标的完成值；记录完成值之前的验收为 null */
  @ApiProperty({ type: [TargetResult], nullable: true })
  targets: TargetResult[] | null;
}

/** 流程记录：申报内容之外的一切 */
export class ProjectProcess {
  /** 被退回时所在的审核阶段 */
  @ApiProperty({ enum: STAGES, nullable: true })
  returnedFrom: string | null;

  negativeList: NegativeListFlag | null;

  library: LibraryEntry | null;

  publicity: PublicityPeriod | null;

  objections: Objection[];

  procurement: Procurement | null;

  progress: ProgressReport[];

  /** 最近一次报告的进度（%） */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  latestProgress: number;

  changes: ChangeRequest[];

  @ApiProperty({ format: 'date-time', nullable: true })
  acceptanceRequestedAt: string | null;

  acceptances: AcceptanceRecord[];
}

/** 项目：申报内容、所处阶段、下一步由谁办理 */
export class Project {
  @ApiProperty({ format: 'uuid' })
  id: string;

  name: string;

  @ApiProperty({ enum: PROJECT_TYPES })
  type: string;

  @ApiProperty({ enum: STAGES })
  stage: string;

  /** 阶段中文名 */
  @ApiProperty({ example: '乡镇审核' })
  stageLabel: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '140602205901' })
  villageCode: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '140602000000' })
  countyCode: string;

  /** 行业主管部门 */
  departmentCode: string;

  place: string;

  content: string;

  scale: string | null;

  /** 总投资（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00' })
  totalBudget: string;

  fundingSources: FundingSource[];

  beneficiaries: Beneficiaries;

  /** 联农带农机制 */
  farmerLink: string;

  performanceTargets: PerformanceTarget[];

  /** 最近一次验收合格时的绩效目标得分；尚未验收或验收未记录完成值时为 null */
  @ApiProperty({ type: TargetScore, nullable: true })
  targetScore: TargetScore | null;

  attachments: Attachment[];

  /** 下一步由谁办理；已办结或等待外部事件时为 null */
  nextActor: NextActor | null;

  /** 当前待办的办理期限 */
  @ApiProperty({ format: 'date-time', nullable: true })
  dueAt: string | null;

  /** 入库时间 */
  @ApiProperty({ format: 'date-time', nullable: true })
  libraryAt: string | null;

  process: ProjectProcess;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** 项目详情：项目本身，加上调用者现在可以执行的操作 */
export class ProjectDetail extends Project {
  /** 调用者此刻可执行的项目操作（与流程校验用同一张状态表） */
  @ApiProperty({ enum: PROJECT_ACTIONS, isArray: true })
  allowedActions: string[];

  /** 审批操作（转办、委派、会签、抄送、催办、终止）与办理预告 */
  approval: ApprovalState;

  /** 县级审定时须填写县政府常务会议纪要文号（meetingRef）：产业项目总投资超过政策金额 */
  meetingRefRequired: boolean;

  /** 提交申报前须填写产出、效益、满意度指标各至少一项（政策 performanceTargetsRequired） */
  targetsRequired: boolean;
}

/** 项目列表的一页 */
export class ProjectPage extends PageMeta {
  items: Project[];
}

/** 审计记录的一条：谁、何时、做了什么、从哪个阶段到哪个阶段 */
export class HistoryEntry {
  /** 项目内的步骤序号 */
  @ApiProperty({ type: 'integer', minimum: 1 })
  seq: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  /** 操作人姓名 */
  actor: string;

  @ApiProperty({ enum: ROLES })
  role: string;

  action: string;

  @ApiProperty({ enum: STAGES, nullable: true })
  fromStage: string | null;

  @ApiProperty({ enum: STAGES })
  toStage: string;

  comment: string | null;

  /** 该步骤的附加内容（如采购、进度、拨付的数据） */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  details: Record<string, unknown> | null;
}
