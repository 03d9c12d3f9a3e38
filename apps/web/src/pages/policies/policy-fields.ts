import type { FormRule as Rule } from 'antd';
import { durationLabel, durationToMs, isZeroDuration, parseDuration } from '../../../../../libs/domain/src/duration';
import { FUND_LEVEL_LABELS, FUND_LEVELS } from '../../../../../libs/domain/src/fund-levels';
import { parseYuan } from '../../../../../libs/domain/src/money';
import { compareRatios, parseRatio } from '../../../../../libs/domain/src/ratio';
import type { FieldProblem } from '../../services/http';
import type { Policy, PolicyChange, PolicyKey } from '../../services/policies';

export const POLICY_LABELS: Record<PolicyKey, string> = {
  publicityPeriod: '公示期',
  matchingDeadline: '资金匹配期限',
  matchingWarnings: '匹配预警提前量',
  taskDue: '办理时限',
  industryShareMin: '产业发展资金最低占比',
  industryShareMinByLevel: '分级次产业资金最低占比',
  retentionRate: '质保金比例',
  warrantyPeriod: '质保期',
  meetingRequiredAbove: '产业项目上会金额',
  negativeList: '负面清单',
  performanceTargetsRequired: '提交前须填绩效目标',
  attachmentMaxMb: '附件大小上限',
  attachmentTypes: '附件文件类型',
  requiredAttachments: '必传附件',
  jointReview: '会签规则',
  urgeInterval: '催办间隔',
};

export const FUND_LEVEL_OPTIONS = FUND_LEVELS.map((level) => ({ value: level, label: `${FUND_LEVEL_LABELS[level]}资金` }));

type ShareRule = Policy['industryShareMinByLevel'][number];
/** A rule row as the form holds it: the year may be cleared (null) to mean every year. */
type ShareRuleRow = { level?: ShareRule['level']; year?: number | null; min?: string };

/** The rules as the API takes them: no year key for "every year", the share trimmed. */
export function shareRulesOf(rows: readonly ShareRuleRow[]): ShareRule[] {
  return rows.map((r) => {
    const rule = { level: r.level as ShareRule['level'], min: (r.min ?? '').trim() };
    return typeof r.year === 'number' ? { ...rule, year: r.year } : rule;
  });
}

/** "省级资金 2023 年 ≥ 0.60（60%）" */
export function shareRuleText(rule: ShareRule): string {
  return `${FUND_LEVEL_LABELS[rule.level]}资金${rule.year === undefined ? '（各年）' : ` ${rule.year} 年`} ≥ ${ratioText(rule.min)}`;
}

export const TASK_DUE_LABELS: Record<keyof Policy['taskDue'], string> = {
  village: '村级',
  township: '乡镇',
  department: '部门',
  county: '县级',
};

/** "P10D" → "P10D（10天）"; the code stays visible because that is what an administrator types. */
export function durationText(iso: string): string {
  try {
    return `${iso}（${durationLabel(parseDuration(iso))}）`;
  } catch {
    return iso;
  }
}

export function ratioText(ratio: string): string {
  return `${ratio}（${(Number(ratio) * 100).toFixed(2).replace(/\.?0+$/, '')}%）`;
}

const problem = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Form rules that apply the domain's own parsers, so the form refuses what the API would refuse with
 * the same words, before anything is sent.
 */
export function durationRule(allowZero = false): Rule {
  return {
    validator: async (_, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') throw new Error('请填写 ISO-8601 时长，如 P10D、PT30S');
      let parsed;
      try {
        parsed = parseDuration(value.trim());
      } catch (e) {
        throw new Error(problem(e));
      }
      if (!allowZero && isZeroDuration(parsed)) throw new Error('时长必须大于零');
    },
  };
}

/** Warnings count back from the deadline, so the workflow needs a fixed length: no years or months. */
export const warningsRule: Rule = {
  validator: async (_, value: unknown) => {
    const list = Array.isArray(value) ? (value as string[]) : [];
    if (list.length > 10) throw new Error('最多 10 个预警时点');
    if (new Set(list).size !== list.length) throw new Error('预警时点不能重复');
    for (const w of list) {
      try {
        const d = parseDuration(w);
        if (isZeroDuration(d)) throw new Error('时长必须大于零');
        durationToMs(d);
      } catch (e) {
        throw new Error(`${w}：${e instanceof RangeError ? '预警须以周、天、小时、分或秒计，不能用年或月' : problem(e)}`);
      }
    }
  },
};

export const ratioRule: Rule = {
  validator: async (_, value: unknown) => {
    try {
      parseRatio(typeof value === 'string' ? value.trim() : '');
    } catch (e) {
      throw new Error(problem(e));
    }
  },
};

export const yuanRule: Rule = {
  validator: async (_, value: unknown) => {
    try {
      parseYuan(typeof value === 'string' ? value.trim() : '');
    } catch (e) {
      throw new Error(problem(e));
    }
  },
};

/** The form's values: the policy's own shape, with text fields as typed. */
export type PolicyForm = Omit<Policy, 'negativeList'> & { negativeList: { entries: Policy['negativeList']['entries'] } };

export function formOf(policy: Policy): PolicyForm {
  return { ...policy, negativeList: { entries: policy.negativeList.entries.map((e) => ({ category: e.category, keywords: [...e.keywords] })) } };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sameValue(key: PolicyKey, typed: unknown, current: Policy): boolean {
  try {
    if (key === 'industryShareMin' || key === 'retentionRate') return compareRatios(parseRatio(String(typed).trim()), parseRatio(current[key])) === 0;
    if (key === 'meetingRequiredAbove') return parseYuan(String(typed).trim()) === parseYuan(current.meetingRequiredAbove);
  } catch {
    return false;
  }
  if (key === 'negativeList') return sameJson((typed as PolicyForm['negativeList']).entries, current.negativeList.entries);
  if (key === 'industryShareMinByLevel') return sameJson(shareRulesOf(typed as ShareRuleRow[]), current.industryShareMinByLevel);
  // The form lists the roles in its own order; compared key by key, the order does not count as a change.
  if (key === 'taskDue') {
    const due = typed as Policy['taskDue'];
    return (Object.keys(current.taskDue) as Array<keyof Policy['taskDue']>).every((role) => due[role]?.trim() === current.taskDue[role]);
  }
  return sameJson(typeof typed === 'string' ? typed.trim() : typed, current[key]);
}

/**
 * Only the values the administrator changed: sending every field would copy inherited values into
 * the region, which would then stop following its parent's later changes.
 */
export function changeOf(form: PolicyForm, current: Policy): PolicyChange {
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(POLICY_LABELS) as PolicyKey[]) {
    const typed = form[key];
    if (typed === undefined || sameValue(key, typed, current)) continue;
    if (key === 'negativeList') {
      const entries = form.negativeList.entries.map((e) => ({ category: e.category?.trim(), keywords: e.keywords ?? [] }));
      change.negativeList = { version: current.negativeList.version + 1, entries };
    } else if (key === 'industryShareMinByLevel') change[key] = shareRulesOf(form.industryShareMinByLevel);
    else change[key] = typeof typed === 'string' ? typed.trim() : typed;
  }
  return change as PolicyChange;
}

/**
 * Where an API field error belongs in the form: "taskDue.village" → taskDue/village,
 * "negativeList.entries[2].keywords[0]" → that entry's keywords, "matchingWarnings[1]" → the list.
 * Null for what no single field shows (e.g. the list's version), which goes above the form.
 */
export function formPathOf(field: string): Array<string | number> | null {
  const segs = field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const [top, second, index, leaf] = segs;
  if (top === 'taskDue' && typeof second === 'string') return ['taskDue', second];
  if (top === 'requiredAttachments' && typeof second === 'string') return ['requiredAttachments', second];
  if (top === 'industryShareMinByLevel' && typeof second === 'number') return ['industryShareMinByLevel', second, typeof index === 'string' ? index : 'min'];
  if (top === 'negativeList') {
    return second === 'entries' && typeof index === 'number' ? ['negativeList', 'entries', index, leaf === 'keywords' ? 'keywords' : 'category'] : null;
  }
  return typeof top === 'string' && top in POLICY_LABELS ? [top] : null;
}

/** The policy endpoint reports `{ field, message }`; validation elsewhere `{ field, messages }`. Both land the same way. */
export function problemsOf(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: { field?: unknown; message?: unknown; messages?: unknown }) => {
    if (typeof d?.field !== 'string') return [];
    if (Array.isArray(d.messages)) return [{ field: d.field, messages: d.messages.map(String) }];
    return typeof d.message === 'string' ? [{ field: d.field, messages: [d.message] }] : [];
  });
}
