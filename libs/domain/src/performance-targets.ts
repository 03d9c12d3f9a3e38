/**
 * 绩效目标表: the performance targets a project states when applying, and how they are judged at
 * acceptance. A row names an indicator of one of three first-level categories (产出, 效益, 满意度) and
 * its second-level group, and sets a target value with a comparison and a unit ("≥ 20 座").
 */

export const TARGET_CATEGORIES = ['output', 'benefit', 'satisfaction'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

export const TARGET_CATEGORY_LABELS: Readonly<Record<TargetCategory, string>> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
};

/** 二级指标, by the first-level category they belong to, in the order the provincial table lists them. */
export const TARGET_SUBCATEGORIES = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainability'],
  satisfaction: ['beneficiary'],
} as const satisfies Record<TargetCategory, readonly string[]>;
export type TargetSubCategory = (typeof TARGET_SUBCATEGORIES)[TargetCategory][number];
export const ALL_TARGET_SUBCATEGORIES: readonly TargetSubCategory[] = TARGET_CATEGORIES.flatMap((c) => TARGET_SUBCATEGORIES[c]);

export const TARGET_SUBCATEGORY_LABELS: Readonly<Record<TargetSubCategory, string>> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainability: '可持续影响指标',
  beneficiary: '服务对象满意度指标',
};

export const TARGET_COMPARISONS = ['>=', '<=', '='] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];

export const COMPARISON_SIGNS: Readonly<Record<TargetComparison, string>> = { '>=': '≥', '<=': '≤', '=': '=' };

/** A target value: a non-negative decimal, at most 12 digits before and 4 after the point. */
export const TARGET_VALUE_PATTERN = '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,4})?$';
const TARGET_VALUE = new RegExp(TARGET_VALUE_PATTERN);

/** One row as a village now states it. */
export interface PerformanceTarget {
  category: TargetCategory;
  subCategory: TargetSubCategory;
  indicator: string;
  comparison: TargetComparison;
  targetValue: string;
  unit: string;
}

/**
 * A row as it reads back, whatever its age: projects applied before the table was structured hold
 * free text ({ category, indicator, target: "≥20 座" }), kept as written. Such a row has no
 * sub-category; its comparison and value are read from the text when the text is that plain.
 */
export interface TargetRow {
  category: string;
  subCategory: string | null;
  indicator: string;
  comparison: TargetComparison | null;
  targetValue: string | null;
  unit: string | null;
  /** The target as one phrase, "≥ 20 座". */
  target: string;
}

export function isTargetCategory(value: unknown): value is TargetCategory {
  return typeof value === 'string' && (TARGET_CATEGORIES as readonly string[]).includes(value);
}

export function isSubCategoryOf(category: TargetCategory, subCategory: unknown): boolean {
  return typeof subCategory === 'string' && (TARGET_SUBCATEGORIES[category] as readonly string[]).includes(subCategory);
}

export function isTargetValue(value: unknown): value is string {
  return typeof value === 'string' && TARGET_VALUE.test(value);
}

const SIGN_OF_TEXT: Readonly<Record<string, TargetComparison>> = { '≥': '>=', '>=': '>=', '≤': '<=', '<=': '<=', '=': '=', '＝': '=' };
const PLAIN_TARGET = /^\s*(≥|>=|≤|<=|=|＝)?\s*([0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** The phrase a target reads as. */
export function targetPhrase(comparison: TargetComparison, value: string, unit: string): string {
  return `${COMPARISON_SIGNS[comparison]} ${value}${unit ? ` ${unit}` : ''}`;
}

/** Any stored row, structured or free text, as one shape; nothing of what was written is lost. */
export function readTargetRow(row: unknown): TargetRow {
  const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
  const category = text(r.category);
  const indicator = text(r.indicator);
  if (r.comparison !== undefined && isTargetValue(r.targetValue) && (TARGET_COMPARISONS as readonly string[]).includes(text(r.comparison))) {
    const comparison = r.comparison as TargetComparison;
    const unit = text(r.unit);
    return { category, subCategory: text(r.subCategory) || null, indicator, comparison, targetValue: r.targetValue, unit, target: targetPhrase(comparison, r.targetValue, unit) };
  }
  const free = text(r.target);
  const plain = PLAIN_TARGET.exec(free);
  if (plain && isTargetValue(stripZeros(plain[2]))) {
    // A number with no sign is a quantity to reach: "20 座" means at least 20.
    return { category, subCategory: null, indicator, comparison: SIGN_OF_TEXT[plain[1] ?? '≥'], targetValue: stripZeros(plain[2]), unit: plain[3], target: free };
  }
  return { category, subCategory: null, indicator, comparison: null, targetValue: null, unit: null, target: free };
}

function stripZeros(value: string): string {
  return value.replace(/^0+(?=\d)/, '');
}

/** A decimal string as an integer scaled to 4 places, so comparisons are exact. */
function scaled(value: string): bigint {
  const [whole, frac = ''] = value.split('.');
  return BigInt(whole) * 10_000n + BigInt((frac + '0000').slice(0, 4));
}

/** Whether an achieved value meets its target, compared exactly. */
export function meetsTarget(comparison: TargetComparison, targetValue: string, achieved: string): boolean {
  const a = scaled(achieved);
  const t = scaled(targetValue);
  if (comparison === '>=') return a >= t;
  if (comparison === '<=') return a <= t;
  return a === t;
}

/** First-level categories without a single row, in table order. */
export function missingCategories(rows: readonly unknown[]): TargetCategory[] {
  const present = new Set(rows.map((r) => readTargetRow(r).category));
  return TARGET_CATEGORIES.filter((c) => !present.has(c));
}

/** What the county records for one row at acceptance: the value reached and, for a row without a numeric target, its judgment. */
export interface AchievedInput {
  achieved: string;
  met?: boolean | null;
}

/** 目标完成情况: one row of the table with what was reached. */
export interface TargetResult {
  category: string;
  indicator: string;
  target: string;
  achieved: string;
  met: boolean;
}

export type TargetJudgment = { ok: true; results: TargetResult[] } | { ok: false; message: string; row: number | null };

/**
 * Judges the achieved values against the rows, one value per row in the table's order. A row with a
 * numeric target is judged by the numbers (a judgment sent with it must agree); a free-text row from
 * before the table was structured can only be judged by the county, which must say whether it was met.
 */
export function judgeTargets(rows: readonly unknown[], achieved: readonly AchievedInput[]): TargetJudgment {
  if (achieved.length !== rows.length) {
    return { ok: false, row: null, message: `绩效目标表有 ${rows.length} 项指标，须逐项填写完成值（收到 ${achieved.length} 项）` };
  }
  const results: TargetResult[] = [];
  for (const [i, raw] of rows.entries()) {
    const row = readTargetRow(raw);
    const input = achieved[i];
    const value = input.achieved.trim();
    const name = `第 ${i + 1} 项指标「${row.indicator}」`;
    if (value === '') return { ok: false, row: i, message: `${name}须填写完成值` };
    let met: boolean;
    if (row.comparison !== null && row.targetValue !== null) {
      if (!isTargetValue(value)) return { ok: false, row: i, message: `${name}的完成值须为非负数字（最多 4 位小数），单位为「${row.unit ?? ''}」` };
      met = meetsTarget(row.comparison, row.targetValue, value);
      if (input.met !== undefined && input.met !== null && input.met !== met) {
        return { ok: false, row: i, message: `${name}目标为 ${row.target}，完成值 ${value} ${met ? '已达到' : '未达到'}目标，与填写的判断不一致` };
      }
    } else {
      if (typeof input.met !== 'boolean') return { ok: false, row: i, message: `${name}的目标值「${row.target}」不是数值，须判断是否达到（met）` };
      met = input.met;
    }
    results.push({ category: row.category, indicator: row.indicator, target: row.target, achieved: value, met });
  }
  return { ok: true, results };
}

/** 绩效目标得分: rows met out of rows, the unmet ones named. */
export interface TargetScore {
  met: number;
  total: number;
  unmet: string[];
}

export function scoreTargets(results: readonly TargetResult[]): TargetScore {
  return { met: results.filter((r) => r.met).length, total: results.length, unmet: results.filter((r) => !r.met).map((r) => r.indicator) };
}
