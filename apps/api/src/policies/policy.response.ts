import { DEPARTMENTS, PROJECT_TYPES } from '../../../../libs/domain/src/project-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FUND_LEVELS } from '../../../../libs/domain/src/fund-levels';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { ATTACHMENT_KIND_CODES } from '../../../../libs/domain/src/attachment-kinds';
import { FILE_TYPE_CODES } from '../../../../libs/domain/src/file-types';
import { ATTACHMENT_MAX_MB_LIMIT } from '../../../../libs/domain/src/policy';

// [0-9], not \d: other languages' \d takes any script's digits, which the parser refuses.
const UNITS = '([0-9]{1,9}Y)?([0-9]{1,9}M)?([0-9]{1,9}W)?([0-9]{1,9}D)?(T(?=[0-9])([0-9]{1,9}H)?([0-9]{1,9}M)?([0-9]{1,9}S)?)?$';
/** The durations the policy parser reads (ISO-8601, whole numbers of at most 9 digits), e.g. P10D, PT30S, P1Y. */
const DURATION = `^P(?=[0-9T])${UNITS}`;
/**
 * The same, but not zero: a period or deadline of zero would fire at once. Written as "a digit 1–9
 * occurs", so that a generator drawing from the pattern meets the rule too.
 */
const NONZERO_DURATION = `^P(?=[^1-9]*[1-9])${UNITS}`;
/** A ratio between 0 and 1 as the policy writes it, e.g. "0.65". */
const RATIO = '^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$';

/** 办理时限（ISO-8601 时长） */
export class TaskDue {
  @ApiProperty({ pattern: NONZERO_DURATION, example: 'P5D' })
  township: string;

  @ApiProperty({ pattern: NONZERO_DURATION, example: 'P7D' })
  department: string;

  @ApiProperty({ pattern: NONZERO_DURATION, example: 'P10D' })
  county: string;

  @ApiProperty({ pattern: NONZERO_DURATION, example: 'P15D' })
  village: string;
}

/**
 * A category or keyword must keep a character once spaces and zero-width characters are taken out, as
 * the domain matches them (libs/domain/src/negative-list.ts normalizeForMatch); like all text, no NUL.
 */
const NOT_BLANK = '^[^\\x00]*[^\\s\\x00\\u200b-\\u200d\\u2060\\ufeff][^\\x00]*$';

/** 负面清单的一个类别 */
export class NegativeListEntry {
  @ApiProperty({ minLength: 1, maxLength: 100, pattern: NOT_BLANK, example: '形象工程' })
  category: string;

  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 100, pattern: NOT_BLANK }, minItems: 1, maxItems: 200, uniqueItems: true, example: ['形象工程'] })
  keywords: string[];
}

/** 会签规则：项目类型（空为任意）且名称或内容含关键词（空为任意）的项目，由所列部门共同审查 */
export class JointReviewRule {
  @ApiProperty({ minLength: 1, maxLength: 100, pattern: NOT_BLANK, example: '灌溉项目' })
  name: string;

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...PROJECT_TYPES] }, example: ['infrastructure'] })
  projectTypes: string[];

  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 100, pattern: NOT_BLANK }, maxItems: 200, example: ['灌溉'] })
  keywords: string[];

  @ApiProperty({ type: 'array', items: { type: 'string', enum: Object.keys(DEPARTMENTS) }, minItems: 2, uniqueItems: true, example: ['agriculture', 'water'] })
  departments: string[];

  /** all 全部同意 · any 任一同意 · ratio 同意的部门达到比例 */
  @ApiProperty({ enum: ['all', 'any', 'ratio'] })
  rule: string;

  @ApiProperty({ pattern: RATIO, nullable: true, example: null, description: '仅 ratio 规则填写' })
  ratio: string | null;
}

/** 负面清单 */
export class NegativeList {
  @ApiProperty({ type: 'integer', minimum: 1 })
  version: number;

  @ApiProperty({ type: [NegativeListEntry], minItems: 1, maxItems: 200 })
  entries: NegativeListEntry[];
}

/** 某一资金级次（可限定年度）的产业发展资金最低占比 */
export class IndustryShareRule {
  @ApiProperty({ enum: FUND_LEVELS, example: 'province' })
  level: string;

  /** 适用年度；不填表示每一年 */
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, example: 2023 })
  year?: number;

  @ApiProperty({ pattern: RATIO, example: '0.60' })
  min: string;
}

const KINDS = { enum: [...ATTACHMENT_KIND_CODES], isArray: true, uniqueItems: true };

/** 各办理节点必传的附件类别 */
export class RequiredAttachments {
  /** 提交申报前 */
  @ApiProperty({ ...KINDS, example: ['villagers_resolution'] })
  submit: string[];

  /** 县级审定须上会的项目，审定通过前 */
  @ApiProperty({ ...KINDS, example: ['county_meeting_minutes'] })
  countyMeeting: string[];

  /** 登记采购时 */
  @ApiProperty({ ...KINDS, example: ['contract'] })
  procurement: string[];

  /** 竣工验收时 */
  @ApiProperty({ ...KINDS, example: ['acceptance_report'] })
  acceptance: string[];
}

/** 生效的政策参数 */
export class PolicyValues {
  /** 公示期 */
  @ApiProperty({ pattern: DURATION, example: 'P10D' })
  publicityPeriod: string;

  /** 资金匹配期限（自到账之日起） */
  @ApiProperty({ pattern: DURATION, example: 'P15D' })
  matchingDeadline: string;

  /** 匹配到期前的预警提前量 */
  @ApiProperty({ type: [String], example: ['P5D', 'P2D'] })
  matchingWarnings: string[];

  taskDue: TaskDue;

  /** 产业发展资金最低占比（各级资金；下一项为某一级次另设的除外） */
  @ApiProperty({ example: '0.65' })
  industryShareMin: string;

  /** 分级次（可限定年度）的产业发展资金最低占比 */
  @ApiProperty({ type: [IndustryShareRule] })
  industryShareMinByLevel: IndustryShareRule[];

  /** 质保金比例 */
  @ApiProperty({ example: '0.03' })
  retentionRate: string;

  /** 质保期 */
  @ApiProperty({ pattern: DURATION, example: 'P1Y' })
  warrantyPeriod: string;

  /** 产业项目须经县政府常务会议研究的总投资（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '500000.00' })
  meetingRequiredAbove: string;

  negativeList: NegativeList;

  /** 提交申报前须填写产出、效益、满意度指标各至少一项 */
  performanceTargetsRequired: boolean;

  /** 附件单个文件大小上限（MB） */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: ATTACHMENT_MAX_MB_LIMIT, example: 20 })
  attachmentMaxMb: number;

  /** 允许的附件文件类型（按内容识别） */
  @ApiProperty({ type: 'array', items: { type: 'string', enum: FILE_TYPE_CODES }, example: ['pdf', 'jpeg', 'png'] })
  attachmentTypes: string[];

  requiredAttachments: RequiredAttachments;

  /** 会签：须由多个行业主管部门共同审查的项目 */
  jointReview: JointReviewRule[];

  /** 同一待办两次催办的最短间隔 */
  @ApiProperty({ pattern: NONZERO_DURATION, example: 'PT1H' })
  urgeInterval: string;
}

const SOURCE = { description: '该项取自哪个地区的设置（12 位代码），或 default（默认值）', pattern: '^(\\d{12}|default)$' };

/** 每项政策参数的来源 */
export class PolicySources {
  @ApiProperty(SOURCE) publicityPeriod: string;
  @ApiProperty(SOURCE) matchingDeadline: string;
  @ApiProperty(SOURCE) matchingWarnings: string;
  @ApiProperty(SOURCE) taskDue: string;
  @ApiProperty(SOURCE) industryShareMin: string;
  @ApiProperty(SOURCE) industryShareMinByLevel: string;
  @ApiProperty(SOURCE) retentionRate: string;
  @ApiProperty(SOURCE) warrantyPeriod: string;
  @ApiProperty(SOURCE) meetingRequiredAbove: string;
  @ApiProperty(SOURCE) negativeList: string;
  @ApiProperty(SOURCE) performanceTargetsRequired: string;
  @ApiProperty(SOURCE) attachmentMaxMb: string;
  @ApiProperty(SOURCE) attachmentTypes: string;
  @ApiProperty(SOURCE) requiredAttachments: string;
  @ApiProperty(SOURCE) jointReview: string;
  @ApiProperty(SOURCE) urgeInterval: string;
}

/** 一个地区生效的政策及各项的来源 */
export class PolicyView {
  @ApiProperty({ pattern: '^\\d{12}$', example: '140602000000' })
  regionCode: string;

  policy: PolicyValues;

  sources: PolicySources;

  /** 该地区自身设置的版本号；没有自身设置时为 0 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  version: number;
}

const CLEAR = '；null 删除本地区的设置（重新继承上级）';

/**
 * PUT /policies/:regionCode: any of the keys, at least one; unknown keys are refused. Only the
 * document reads this class: the body is checked as a whole by the domain's policy validation.
 */
export class PolicyPatch {
  @ApiPropertyOptional({ pattern: NONZERO_DURATION, nullable: true, example: 'P10D', description: `公示期（ISO-8601 时长，大于零）${CLEAR}` })
  publicityPeriod?: string | null;

  @ApiPropertyOptional({ pattern: NONZERO_DURATION, nullable: true, example: 'P30D', description: `资金匹配期限${CLEAR}` })
  matchingDeadline?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', pattern: NONZERO_DURATION },
    maxItems: 10,
    uniqueItems: true,
    nullable: true,
    example: ['P5D', 'P2D'],
    description: `匹配到期前的预警提前量，互不相同${CLEAR}`,
  })
  matchingWarnings?: string[] | null;

  @ApiPropertyOptional({ type: TaskDue, nullable: true, description: `四个角色的办理时限须一并给出${CLEAR}` })
  taskDue?: TaskDue | null;

  @ApiPropertyOptional({ pattern: RATIO, nullable: true, example: '0.65', description: `产业发展资金最低占比（0–1）${CLEAR}` })
  industryShareMin?: string | null;

  @ApiPropertyOptional({
    type: [IndustryShareRule],
    maxItems: 50,
    nullable: true,
    example: [{ level: 'province', year: 2023, min: '0.60' }],
    description: `分级次产业发展资金最低占比（整体替换）：同一级次同一年度只能一条，不填年度表示每一年；比 industryShareMin 优先${CLEAR}`,
  })
  industryShareMinByLevel?: IndustryShareRule[] | null;

  @ApiPropertyOptional({ pattern: RATIO, nullable: true, example: '0.03', description: `质保金比例（0–1）${CLEAR}` })
  retentionRate?: string | null;

  @ApiPropertyOptional({ pattern: DURATION, nullable: true, example: 'P1Y', description: `质保期（可为 P0D）${CLEAR}` })
  warrantyPeriod?: string | null;

  @ApiPropertyOptional({ pattern: YUAN_PATTERN, nullable: true, example: '500000.00', description: `产业项目须经县政府常务会议研究的总投资（元）${CLEAR}` })
  meetingRequiredAbove?: string | null;

  @ApiPropertyOptional({ type: NegativeList, nullable: true, description: `负面清单（整体替换）${CLEAR}` })
  negativeList?: NegativeList | null;

  @ApiPropertyOptional({ type: 'boolean', nullable: true, example: true, description: `提交申报前须填写产出、效益、满意度指标各至少一项${CLEAR}` })
  performanceTargetsRequired?: boolean | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: ATTACHMENT_MAX_MB_LIMIT, nullable: true, example: 20, description: `附件单个文件大小上限（MB）${CLEAR}` })
  attachmentMaxMb?: number | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: FILE_TYPE_CODES },
    minItems: 1,
    uniqueItems: true,
    nullable: true,
    example: ['pdf', 'jpeg', 'png', 'ofd'],
    description: `允许的附件文件类型（按内容识别，整体替换）${CLEAR}`,
  })
  attachmentTypes?: string[] | null;

  @ApiPropertyOptional({ type: RequiredAttachments, nullable: true, description: `各办理节点必传的附件类别，四个节点须一并给出（可为空数组）${CLEAR}` })
  requiredAttachments?: RequiredAttachments | null;

  @ApiPropertyOptional({ type: [JointReviewRule], maxItems: 20, nullable: true, description: `会签规则（整体替换）：命中的项目须由所列部门共同审查${CLEAR}` })
  jointReview?: JointReviewRule[] | null;

  @ApiPropertyOptional({ pattern: NONZERO_DURATION, nullable: true, example: 'PT1H', description: `同一待办两次催办的最短间隔${CLEAR}` })
  urgeInterval?: string | null;
}
