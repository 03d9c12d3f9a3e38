/**
 * Money is carried as integer fen (分) in `bigint` so that sums of notice amounts such as
 * 563.504288万元 stay exact; a float would silently drift by a fen on large tables.
 */

/** Why a money string was refused; lets callers branch without parsing the Chinese message. */
export type MoneyFormatIssue =
  | 'not_string'
  | 'empty'
  | 'too_long'
  | 'whitespace'
  | 'negative'
  | 'plus_sign'
  | 'non_ascii'
  | 'exponent'
  | 'thousands_separator'
  | 'malformed'
  | 'too_many_decimals'
  | 'too_large';

/** 金额格式错误 */
export class MoneyFormatError extends Error {
  override readonly name = 'MoneyFormatError';

  constructor(
    readonly issue: MoneyFormatIssue,
    message: string,
  ) {
    super(message);
  }
}

/** 金额单位（元 / 万元） */
export type MoneyUnit = 'yuan' | 'wan';

interface UnitRule {
  label: string;
  maxDecimals: number;
  /** Both units cap at under 10^15 yuan, far above any real fund, so a typo cannot overflow a column. */
  maxIntegerDigits: number;
  /** 10^maxDecimals fen-units per unit: 元 has 100 fen, 万元 has 1,000,000 fen. */
  fenPerUnit: bigint;
}

const UNIT_RULES: Record<MoneyUnit, UnitRule> = {
  yuan: { label: '元', maxDecimals: 2, maxIntegerDigits: 15, fenPerUnit: 100n },
  wan: { label: '万元', maxDecimals: 6, maxIntegerDigits: 11, fenPerUnit: 1_000_000n },
};

/** A generous bound checked before any regex work, so hostile megabyte inputs are cheap to refuse. */
const MAX_INPUT_LENGTH = 64;

function fail(issue: MoneyFormatIssue, rule: UnitRule, detail: string): never {
  throw new MoneyFormatError(issue, `金额格式不正确（${rule.label}）：${detail}`);
}

function parseDecimal(input: unknown, rule: UnitRule): bigint {
  if (typeof input !== 'string') fail('not_string', rule, '金额必须是字符串，如 "1600000.00"');
  const s = input;
  if (s.length === 0) fail('empty', rule, '金额不能为空');
  if (s.length > MAX_INPUT_LENGTH) fail('too_long', rule, `长度不能超过 ${MAX_INPUT_LENGTH} 个字符`);
  if (/\s/.test(s)) fail('whitespace', rule, '不能包含空格或其他空白字符');
  if (s.startsWith('-')) fail('negative', rule, '金额不能为负数');
  if (s.startsWith('+')) fail('plus_sign', rule, '金额前不能带“+”号');
  // Checked before the general shape so that full-width digits (１２) get a message that names the cause.
  if (/[^\p{ASCII}]/u.test(s)) fail('non_ascii', rule, '只能使用半角数字 0-9 和小数点“.”，不能使用全角字符');
  if (/^[0-9.]*[eE][-+]?[0-9]*$/.test(s)) fail('exponent', rule, '不能使用科学计数法（如 1e6）');
  if (s.includes(',')) fail('thousands_separator', rule, '不能包含千位分隔符“,”');
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(s);
  if (!m) {
    if (/^[0-9]*\.[0-9]*$/.test(s)) fail('malformed', rule, '小数点前后都必须有数字，如 "0.5"');
    fail('malformed', rule, '只能包含数字和一个小数点');
  }
  const intPart = m[1];
  const fracPart = m[2] ?? '';
  if (fracPart.length > rule.maxDecimals) {
    fail('too_many_decimals', rule, `最多 ${rule.maxDecimals} 位小数`);
  }
  if (intPart.length > rule.maxIntegerDigits) {
    fail('too_large', rule, `整数部分最多 ${rule.maxIntegerDigits} 位`);
  }
  return BigInt(intPart) * rule.fenPerUnit + BigInt(fracPart.padEnd(rule.maxDecimals, '0'));
}

/** Parses a yuan (元) amount such as "1600000.00" into fen; throws {@link MoneyFormatError}. */
export function parseYuan(s: string): bigint {
  return parseDecimal(s, UNIT_RULES.yuan);
}

/** Parses a 万元 amount with up to 6 decimals (1 fen exactly) into fen; throws {@link MoneyFormatError}. */
export function parseWan(s: string): bigint {
  return parseDecimal(s, UNIT_RULES.wan);
}

/** True when `s` is a valid non-negative yuan amount with at most 2 decimals. */
export function isYuanString(s: unknown): s is string {
  try {
    parseDecimal(s, UNIT_RULES.yuan);
    return true;
  } catch {
    return false;
  }
}

/** True when `s` is a valid non-negative 万元 amount with at most 6 decimals. */
export function isWanString(s: unknown): s is string {
  try {
    parseDecimal(s, UNIT_RULES.wan);
    return true;
  } catch {
    return false;
  }
}

function formatFixed(fen: bigint, rule: UnitRule): string {
  // Differences (e.g. unmatched = received − matched) can go negative, so the sign is kept.
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const whole = abs / rule.fenPerUnit;
  const frac = (abs % rule.fenPerUnit).toString().padStart(rule.maxDecimals, '0');
  return `${sign}${whole}.${frac}`;
}

/** Formats fen as yuan with exactly 2 decimals: 563504288n → "5635042.88". */
export function formatYuan(fen: bigint): string {
  return formatFixed(fen, UNIT_RULES.yuan);
}

/** Yuan as sentences for people show it, thousands grouped like the console's tables: 563504288n → "5,635,042.88". */
export function formatYuanGrouped(fen: bigint): string {
  return formatYuan(fen).replace(/\B(?=(\d{3})+(?!\d))(?=\d*\.)/g, ',');
}

/** A yuan amount as stored ("5635042.88") as people read it ("5,635,042.88"). */
export function groupYuan(yuan: string): string {
  return formatYuanGrouped(parseYuan(yuan));
}

/** Formats fen as 万元 with exactly 6 decimals: 563504288n → "563.504288". */
export function formatWan(fen: bigint): string {
  return formatFixed(fen, UNIT_RULES.wan);
}

/** Sums fen amounts; an empty list sums to 0n. */
export function sumFen(list: Iterable<bigint>): bigint {
  let total = 0n;
  for (const fen of list) total += fen;
  return total;
}
