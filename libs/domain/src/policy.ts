import { deepFreeze } from './deep-freeze';
import { isZeroDuration, parseDuration } from './duration';
import { FUND_LEVELS, isFundLevel } from './fund-levels';
import type { IndustryShareRule } from './industry-share';
import { parseYuan } from './money';
import { DEFAULT_NEGATIVE_LIST, normalizeForMatch, type NegativeList, type NegativeListEntry } from './negative-list';
import { parseRatio } from './ratio';
import { isAttachmentKind, type AttachmentKind } from './attachment-kinds';
import { FILE_TYPE_CODES, isFileType, type FileType } from './file-types';
import { ATTACHMENT_GATES, type RequiredAttachments } from './required-attachments';
import { JOINT_RULES, type JointReviewPolicy, type JointRule } from './approval-operations';
import { DEPARTMENTS, PROJECT_TYPES } from './project-types';

/** 办理时限（各审核/办理角色的待办期限，ISO-8601 时长） */
export interface TaskDue {
  township: string;
  department: string;
  county: string;
  village: string;
}

/** 政策参数 — configurable per region and year; durations are ISO-8601, money is yuan strings. */
export interface Policy {
  /** 公示期 */
  publicityPeriod: string;
  /** 资金匹配期限（自收到资金之日起） */
  matchingDeadline: string;
  /** 匹配到期前的预警提前量 */
  matchingWarnings: string[];
  /** 办理时限 */
  taskDue: TaskDue;
  /** 产业发展资金最低占比 — every fund level, unless a rule below names the level */
  industryShareMin: string;
  /** 分级次产业发展资金最低占比 — per fund level, for one year or (without `year`) every year */
  industryShareMinByLevel: IndustryShareRule[];
  /** 质保金比例 */
  retentionRate: string;
  /** 质保期 */
  warrantyPeriod: string;
  /** 产业项目需县政府常务会议研究的金额（元） */
  meetingRequiredAbove: string;
  /** 负面清单 */
  negativeList: NegativeList;
  /** 提交申报前须填写产出、效益、满意度指标各至少一项 */
  performanceTargetsRequired: boolean;
  /** 附件单个文件大小上限（MB） */
  attachmentMaxMb: number;
  /** 允许的附件文件类型（按文件内容识别） */
  attachmentTypes: FileType[];
  /** 各办理节点必传的附件类别 */
  requiredAttachments: RequiredAttachments;
  /** 会签：须由多个行业主管部门共同审查的项目 */
  jointReview: JointReviewPolicy[];
  /** 同一待办两次催办的最短间隔 */
  urgeInterval: string;
}

/** 政策项名称 */
export type PolicyKey = keyof Policy;

/** Every policy key, in display order. */
export const POLICY_KEYS: readonly PolicyKey[] = [
  'publicityPeriod',
  'matchingDeadline',
  'matchingWarnings',
  'taskDue',
  'industryShareMin',
  'industryShareMinByLevel',
  'retentionRate',
  'warrantyPeriod',
  'meetingRequiredAbove',
  'negativeList',
  'performanceTargetsRequired',
  'attachmentMaxMb',
  'attachmentTypes',
  'requiredAttachments',
  'jointReview',
  'urgeInterval',
];

const TASK_DUE_KEYS: readonly (keyof TaskDue)[] = ['township', 'department', 'county', 'village'];

/** 默认政策 — the national figures from the notices; regions override through policy patches. */
export const DEFAULT_POLICY: Policy = deepFreeze({
  publicityPeriod: 'P10D',
  matchingDeadline: 'P15D',
  matchingWarnings: ['P5D', 'P2D'],
  taskDue: { township: 'P5D', department: 'P7D', county: 'P10D', village: 'P15D' },
  industryShareMin: '0.65',
  industryShareMinByLevel: [],
  retentionRate: '0.03',
  warrantyPeriod: 'P1Y',
  // Placeholder: the notices leave the meeting threshold to each county; set it per region.
  meetingRequiredAbove: '500000.00',
  negativeList: DEFAULT_NEGATIVE_LIST,
  performanceTargetsRequired: false,
  attachmentMaxMb: 20,
  attachmentTypes: [...FILE_TYPE_CODES],
  // Nothing required by default: each county decides which papers its offices insist on.
  requiredAttachments: { submit: [], countyMeeting: [], procurement: [], acceptance: [] },
  // No joint review unless a county names one: its own department decides, as before.
  jointReview: [],
  urgeInterval: 'PT1H',
});

/** The largest file any policy may allow: the upload itself is cut off beyond it. */
export const ATTACHMENT_MAX_MB_LIMIT = 50;

/** 政策校验错误 — `field` is a path such as "taskDue.village" or "negativeList.entries[2].category". */
export interface PolicyFieldError {
  field: string;
  message: string;
}

/** 政策校验结果 */
export type PolicyPatchValidation = { ok: true; value: Partial<Policy> } | { ok: false; errors: PolicyFieldError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Bounds that keep a typo in an admin form from producing an unusable policy. */
const MAX_WARNINGS = 10;
const MAX_ENTRIES = 200;
const MAX_KEYWORDS = 200;
const MAX_TEXT = 100;
const MAX_SHARE_RULES = 50;
const MIN_RULE_YEAR = 2000;
const MAX_RULE_YEAR = 2100;

class Collector {
  readonly errors: PolicyFieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** Periods and deadlines of zero would fire at once, so only the warranty may be P0D. */
  duration(field: string, value: unknown, allowZero: boolean): string | undefined {
    if (typeof value !== 'string') {
      this.add(field, '须为 ISO-8601 时长字符串，如 P10D、PT30S');
      return undefined;
    }
    try {
      const d = parseDuration(value);
      if (!allowZero && isZeroDuration(d)) {
        this.add(field, '时长必须大于零');
        return undefined;
      }
      return value;
    } catch (e) {
      this.add(field, errorMessage(e));
      return undefined;
    }
  }

  ratio(field: string, value: unknown): string | undefined {
    try {
      if (typeof value !== 'string') throw new Error('须为 0 到 1 之间的小数字符串，如 "0.65"');
      parseRatio(value);
      return value;
    } catch (e) {
      this.add(field, errorMessage(e));
      return undefined;
    }
  }

  yuan(field: string, value: unknown): string | undefined {
    try {
      parseYuan(value as string);
      return value as string;
    } catch (e) {
      this.add(field, errorMessage(e));
      return undefined;
    }
  }

  text(field: string, value: unknown, what: string): string | undefined {
    if (typeof value !== 'string' || normalizeForMatch(value) === '') {
      this.add(field, `${what}不能为空`);
      return undefined;
    }
    if (value.length > MAX_TEXT) {
      this.add(field, `${what}不能超过 ${MAX_TEXT} 个字符`);
      return undefined;
    }
    return value;
  }

  unknownKeys(field: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(field ? `${field}.${key}` : key, `未知的策略项：${key}`);
    }
  }
}

function validateWarnings(c: Collector, value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    c.add('matchingWarnings', '须为时长数组，如 ["P5D","P2D"]');
    return undefined;
  }
  if (value.length > MAX_WARNINGS) {
    c.add('matchingWarnings', `最多 ${MAX_WARNINGS} 个预警时点`);
    return undefined;
  }
  const out = value.map((v, i) => c.duration(`matchingWarnings[${i}]`, v, false));
  if (new Set(value).size !== value.length) c.add('matchingWarnings', '预警时点不能重复');
  return out.every((v) => v !== undefined) ? (out as string[]) : undefined;
}

function validateTaskDue(c: Collector, value: unknown): TaskDue | undefined {
  // A whole object is required: sources are tracked per top-level key, so a partial taskDue would
  // make "where does this value come from" ambiguous.
  if (!isPlainObject(value)) {
    c.add('taskDue', '须为对象，包含 township、department、county、village 四项时长');
    return undefined;
  }
  const before = c.errors.length;
  c.unknownKeys('taskDue', value, TASK_DUE_KEYS);
  const out: Partial<TaskDue> = {};
  for (const key of TASK_DUE_KEYS) {
    if (value[key] === undefined) c.add(`taskDue.${key}`, `缺少 ${key} 的办理时限`);
    else out[key] = c.duration(`taskDue.${key}`, value[key], false);
  }
  return c.errors.length === before ? (out as TaskDue) : undefined;
}

function validateShareRules(c: Collector, value: unknown): IndustryShareRule[] | undefined {
  const field = 'industryShareMinByLevel';
  if (!Array.isArray(value)) {
    c.add(field, '须为数组，如 [{ "level": "province", "year": 2023, "min": "0.60" }]');
    return undefined;
  }
  if (value.length > MAX_SHARE_RULES) {
    c.add(field, `最多 ${MAX_SHARE_RULES} 条`);
    return undefined;
  }
  const before = c.errors.length;
  const seen = new Set<string>();
  const out: IndustryShareRule[] = [];
  value.forEach((rule: unknown, i) => {
    const path = `${field}[${i}]`;
    if (!isPlainObject(rule)) {
      c.add(path, '须为对象：{ level, year, min }');
      return;
    }
    c.unknownKeys(path, rule, ['level', 'year', 'min']);
    if (!isFundLevel(rule.level)) c.add(`${path}.level`, `资金级次须为 ${FUND_LEVELS.join('、')} 之一`);
    const year = rule.year;
    if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_RULE_YEAR || year > MAX_RULE_YEAR)) {
      c.add(`${path}.year`, `年度须为 ${MIN_RULE_YEAR} 到 ${MAX_RULE_YEAR} 之间的整数；不填表示每一年`);
    }
    const min = c.ratio(`${path}.min`, rule.min);
    const key = `${String(rule.level)}/${String(year ?? '')}`;
    if (seen.has(key)) c.add(path, `同一资金级次和年度只能设一条：${String(rule.level)} ${year ?? '各年'}`);
    seen.add(key);
    if (isFundLevel(rule.level) && min !== undefined) out.push(year === undefined ? { level: rule.level, min } : { level: rule.level, year: year as number, min });
  });
  return c.errors.length === before ? out : undefined;
}

function validateNegativeList(c: Collector, value: unknown): NegativeList | undefined {
  if (!isPlainObject(value)) {
    c.add('negativeList', '须为对象：{ version, entries: [{ category, keywords }] }');
    return undefined;
  }
  const before = c.errors.length;
  c.unknownKeys('negativeList', value, ['version', 'entries']);
  const { version, entries } = value;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    c.add('negativeList.version', '版本号须为正整数');
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    c.add('negativeList.entries', '须为非空数组');
    return undefined;
  }
  if (entries.length > MAX_ENTRIES) {
    c.add('negativeList.entries', `最多 ${MAX_ENTRIES} 个类别`);
    return undefined;
  }
  const categories = new Set<string>();
  const out: NegativeListEntry[] = [];
  entries.forEach((entry: unknown, i) => {
    const path = `negativeList.entries[${i}]`;
    if (!isPlainObject(entry)) {
      c.add(path, '须为对象：{ category, keywords }');
      return;
    }
    c.unknownKeys(path, entry, ['category', 'keywords']);
    const category = c.text(`${path}.category`, entry.category, '类别名称');
    if (category !== undefined) {
      const key = normalizeForMatch(category);
      if (categories.has(key)) c.add(`${path}.category`, `类别重复：${category}`);
      categories.add(key);
    }
    const keywords = entry.keywords;
    if (!Array.isArray(keywords) || keywords.length === 0) {
      c.add(`${path}.keywords`, '关键词须为非空数组');
      return;
    }
    if (keywords.length > MAX_KEYWORDS) {
      c.add(`${path}.keywords`, `每个类别最多 ${MAX_KEYWORDS} 个关键词`);
      return;
    }
    const words = keywords.map((k, j) => c.text(`${path}.keywords[${j}]`, k, '关键词'));
    if (category !== undefined && words.every((w) => w !== undefined)) {
      out.push({ category, keywords: words as string[] });
    }
  });
  return c.errors.length === before ? { version: version as number, entries: out } : undefined;
}

function validateAttachmentMaxMb(c: Collector, value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > ATTACHMENT_MAX_MB_LIMIT) {
    c.add('attachmentMaxMb', `须为 1 到 ${ATTACHMENT_MAX_MB_LIMIT} 之间的整数（MB）`);
    return undefined;
  }
  return value;
}

function validateAttachmentTypes(c: Collector, value: unknown): FileType[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    c.add('attachmentTypes', `须为非空数组，可选：${FILE_TYPE_CODES.join('、')}`);
    return undefined;
  }
  const before = c.errors.length;
  value.forEach((v, i) => {
    if (!isFileType(v)) c.add(`attachmentTypes[${i}]`, `未知的文件类型：${String(v)}，可选：${FILE_TYPE_CODES.join('、')}`);
  });
  if (new Set(value).size !== value.length) c.add('attachmentTypes', '文件类型不能重复');
  return c.errors.length === before ? ([...value] as FileType[]) : undefined;
}

function validateRequiredAttachments(c: Collector, value: unknown): RequiredAttachments | undefined {
  // Whole, like taskDue: a gate left out would otherwise be ambiguous between "none" and "inherited".
  if (!isPlainObject(value)) {
    c.add('requiredAttachments', `须为对象，包含 ${ATTACHMENT_GATES.join('、')} 四个节点的附件类别数组`);
    return undefined;
  }
  const before = c.errors.length;
  c.unknownKeys('requiredAttachments', value, ATTACHMENT_GATES);
  const out = {} as RequiredAttachments;
  for (const gate of ATTACHMENT_GATES) {
    const kinds = value[gate];
    if (!Array.isArray(kinds)) {
      c.add(`requiredAttachments.${gate}`, '须为附件类别数组（可为空）');
      continue;
    }
    kinds.forEach((k, i) => {
      if (!isAttachmentKind(k)) c.add(`requiredAttachments.${gate}[${i}]`, `未知的附件类别：${String(k)}`);
    });
    if (new Set(kinds).size !== kinds.length) c.add(`requiredAttachments.${gate}`, '附件类别不能重复');
    out[gate] = [...kinds] as AttachmentKind[];
  }
  return c.errors.length === before ? out : undefined;
}

const MAX_JOINT_POLICIES = 20;

function stringList(c: Collector, field: string, value: unknown, what: string, allowed?: readonly string[]): string[] | undefined {
  if (!Array.isArray(value)) {
    c.add(field, `${what}须为数组（可为空）`);
    return undefined;
  }
  if (value.length > MAX_KEYWORDS) {
    c.add(field, `${what}最多 ${MAX_KEYWORDS} 项`);
    return undefined;
  }
  const out = value.map((v, i) => c.text(`${field}[${i}]`, v, what));
  value.forEach((v, i) => {
    if (allowed && typeof v === 'string' && !allowed.includes(v)) c.add(`${field}[${i}]`, `未知的${what}：${v}，可选：${allowed.join('、')}`);
  });
  return out.every((v) => v !== undefined) ? (out as string[]) : undefined;
}

function validateJointReview(c: Collector, value: unknown): JointReviewPolicy[] | undefined {
  const field = 'jointReview';
  if (!Array.isArray(value) || value.length > MAX_JOINT_POLICIES) {
    c.add(field, `须为数组，最多 ${MAX_JOINT_POLICIES} 条，如 [{ "name": "灌溉项目", "projectTypes": [], "keywords": ["灌溉"], "departments": ["agriculture","water"], "rule": "all", "ratio": null }]`);
    return undefined;
  }
  const before = c.errors.length;
  const out: JointReviewPolicy[] = [];
  value.forEach((rule: unknown, i) => {
    const path = `${field}[${i}]`;
    if (!isPlainObject(rule)) {
      c.add(path, '须为对象：{ name, projectTypes, keywords, departments, rule, ratio }');
      return;
    }
    c.unknownKeys(path, rule, ['name', 'projectTypes', 'keywords', 'departments', 'rule', 'ratio']);
    const name = c.text(`${path}.name`, rule.name, '会签规则名称');
    const projectTypes = stringList(c, `${path}.projectTypes`, rule.projectTypes ?? [], '项目类型', PROJECT_TYPES);
    const keywords = stringList(c, `${path}.keywords`, rule.keywords ?? [], '关键词');
    const departments = stringList(c, `${path}.departments`, rule.departments, '会签部门', Object.keys(DEPARTMENTS));
    if (departments && new Set(departments).size < 2) c.add(`${path}.departments`, '会签须至少两个不同的部门');
    if (!JOINT_RULES.includes(rule.rule as JointRule)) c.add(`${path}.rule`, '会签规则须为 all（全部同意）、any（任一同意）或 ratio（按比例）');
    let ratio: string | null = null;
    if (rule.rule === 'ratio') ratio = c.ratio(`${path}.ratio`, rule.ratio) ?? null;
    else if (rule.ratio !== undefined && rule.ratio !== null) c.add(`${path}.ratio`, '只有按比例（ratio）会签才填写比例');
    if (name && projectTypes && keywords && departments) out.push({ name, projectTypes, keywords, departments, rule: rule.rule as JointRule, ratio });
  });
  return c.errors.length === before ? out : undefined;
}

/**
 * Validates a policy patch from an admin (PUT /policies/:regionCode): known keys only, each value
 * well-formed. Returns a fresh copy so later mutation of the input cannot change the stored value.
 */
export function validatePolicyPatch(patch: unknown): PolicyPatchValidation {
  const c = new Collector();
  if (!isPlainObject(patch)) {
    return { ok: false, errors: [{ field: '', message: '政策参数须为对象' }] };
  }
  c.unknownKeys('', patch, POLICY_KEYS);
  const value: Partial<Policy> = {};
  const has = (key: PolicyKey) => patch[key] !== undefined;

  if (has('publicityPeriod')) value.publicityPeriod = c.duration('publicityPeriod', patch.publicityPeriod, false);
  if (has('matchingDeadline')) value.matchingDeadline = c.duration('matchingDeadline', patch.matchingDeadline, false);
  if (has('matchingWarnings')) value.matchingWarnings = validateWarnings(c, patch.matchingWarnings);
  if (has('taskDue')) value.taskDue = validateTaskDue(c, patch.taskDue);
  if (has('industryShareMin')) value.industryShareMin = c.ratio('industryShareMin', patch.industryShareMin);
  if (has('industryShareMinByLevel')) value.industryShareMinByLevel = validateShareRules(c, patch.industryShareMinByLevel);
  if (has('retentionRate')) value.retentionRate = c.ratio('retentionRate', patch.retentionRate);
  if (has('warrantyPeriod')) value.warrantyPeriod = c.duration('warrantyPeriod', patch.warrantyPeriod, true);
  if (has('meetingRequiredAbove')) {
    value.meetingRequiredAbove = c.yuan('meetingRequiredAbove', patch.meetingRequiredAbove);
  }
  if (has('negativeList')) value.negativeList = validateNegativeList(c, patch.negativeList);
  if (has('attachmentMaxMb')) value.attachmentMaxMb = validateAttachmentMaxMb(c, patch.attachmentMaxMb);
  if (has('attachmentTypes')) value.attachmentTypes = validateAttachmentTypes(c, patch.attachmentTypes);
  if (has('requiredAttachments')) value.requiredAttachments = validateRequiredAttachments(c, patch.requiredAttachments);
  if (has('jointReview')) value.jointReview = validateJointReview(c, patch.jointReview);
  if (has('urgeInterval')) value.urgeInterval = c.duration('urgeInterval', patch.urgeInterval, false);
  if (has('performanceTargetsRequired')) {
    if (typeof patch.performanceTargetsRequired === 'boolean') value.performanceTargetsRequired = patch.performanceTargetsRequired;
    else c.add('performanceTargetsRequired', '须为 true 或 false');
  }

  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, value };
}

/** 政策来源 — per key, the region code whose patch supplied it, or 'default'. */
export type PolicySources = Record<PolicyKey, string>;

function clonePolicyValue<K extends PolicyKey>(key: K, value: Policy[K]): Policy[K] {
  // Copies nested values so that callers editing the merged policy never alter DEFAULT_POLICY or a patch.
  if (key === 'negativeList') {
    const list = value as NegativeList;
    return {
      version: list.version,
      entries: list.entries.map((e) => ({ category: e.category, keywords: [...e.keywords] })),
    } as Policy[K];
  }
  if (key === 'requiredAttachments') {
    const required = value as RequiredAttachments;
    return Object.fromEntries(ATTACHMENT_GATES.map((gate) => [gate, [...required[gate]]])) as Policy[K];
  }
  if (key === 'jointReview') {
    return (value as JointReviewPolicy[]).map((r) => ({ ...r, projectTypes: [...r.projectTypes], keywords: [...r.keywords], departments: [...r.departments] })) as Policy[K];
  }
  if (key === 'industryShareMinByLevel') return (value as IndustryShareRule[]).map((r) => ({ ...r })) as Policy[K];
  if (Array.isArray(value)) return [...value] as Policy[K];
  if (typeof value === 'object' && value !== null) return { ...value } as Policy[K];
  return value;
}

/**
 * The effective policy for a region: defaults, then each ancestor's patch from the top down, so the
 * nearest region (last in `chain`) wins key by key. Patches are assumed validated.
 */
export function mergePolicies(chain: ReadonlyArray<{ regionCode: string; patch: Partial<Policy> }>): {
  policy: Policy;
  sources: PolicySources;
} {
  const policy = {} as Record<PolicyKey, unknown>;
  const sources = {} as PolicySources;
  for (const key of POLICY_KEYS) {
    policy[key] = DEFAULT_POLICY[key];
    sources[key] = 'default';
  }
  for (const { regionCode, patch } of chain) {
    for (const key of POLICY_KEYS) {
      if (patch[key] !== undefined) {
        policy[key] = patch[key];
        sources[key] = regionCode;
      }
    }
  }
  const result = {} as Record<PolicyKey, unknown>;
  for (const key of POLICY_KEYS) result[key] = clonePolicyValue(key, policy[key] as Policy[typeof key]);
  return { policy: result as unknown as Policy, sources };
}
