import { addWallClockMonths, assertValidInstant, DAY_MS, fromShanghaiWallClock, toShanghaiWallClock } from './shanghai-time';

/**
 * 时长（ISO-8601 duration, e.g. P10D, P2W, PT30S). Policy stores durations as ISO strings so
 * regions can use days while demos and acceptance runs use seconds.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Why a duration string was refused. */
export type DurationFormatIssue =
  | 'not_string'
  | 'empty'
  | 'too_long'
  | 'whitespace'
  | 'negative'
  | 'lowercase'
  | 'missing_p'
  | 'no_components'
  | 'empty_time_part'
  | 'fraction'
  | 'too_large'
  | 'malformed';

/** 时长格式错误 */
export class DurationFormatError extends Error {
  override readonly name = 'DurationFormatError';

  constructor(
    readonly issue: DurationFormatIssue,
    message: string,
  ) {
    super(message);
  }
}

const MAX_INPUT_LENGTH = 64;
/** Nine digits per component is beyond any policy period yet keeps every value a safe integer. */
const MAX_COMPONENT_DIGITS = 9;
const EXAMPLES = '如 P10D、P2W、P1Y、PT30S、P1DT2H';

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

function fail(issue: DurationFormatIssue, detail: string): never {
  throw new DurationFormatError(issue, `时长格式不正确：${detail}`);
}

/** Parses an ISO-8601 duration with whole-number components; throws {@link DurationFormatError}. */
export function parseDuration(s: string): Duration {
  const input: unknown = s;
  if (typeof input !== 'string') fail('not_string', `时长必须是字符串，${EXAMPLES}`);
  if (input.length === 0) fail('empty', `时长不能为空，${EXAMPLES}`);
  if (input.length > MAX_INPUT_LENGTH) fail('too_long', `长度不能超过 ${MAX_INPUT_LENGTH} 个字符`);
  if (/\s/.test(input)) fail('whitespace', '不能包含空格或其他空白字符');
  if (input.startsWith('-') || input.startsWith('+')) fail('negative', '时长不能带正负号，也不能为负数');
  if (/[a-z]/.test(input)) fail('lowercase', `单位字母须大写，${EXAMPLES}`);
  if (!input.startsWith('P')) fail('missing_p', `须以字母 P 开头（ISO-8601），${EXAMPLES}`);
  if (input === 'P' || input === 'PT') fail('no_components', `P 之后至少需要一个数值和单位，${EXAMPLES}`);
  if (input.endsWith('T')) fail('empty_time_part', 'T 之后至少需要一个时、分或秒的数值');
  if (/[.,]/.test(input)) fail('fraction', '各项数值须为整数，不支持小数');
  const m = PATTERN.exec(input);
  if (!m) fail('malformed', `须为 ISO-8601 时长，且单位按 Y、M、W、D、T、H、M、S 的顺序各出现一次，${EXAMPLES}`);
  const parts = m.slice(1, 8);
  if (parts.some((p) => p !== undefined && p.length > MAX_COMPONENT_DIGITS)) {
    fail('too_large', `每项数值最多 ${MAX_COMPONENT_DIGITS} 位数字`);
  }
  const [years, months, weeks, days, hours, minutes, seconds] = parts.map((p) => (p === undefined ? 0 : Number(p)));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** True when `s` parses as a duration. */
export function isDuration(s: unknown): s is string {
  try {
    parseDuration(s as string);
    return true;
  } catch {
    return false;
  }
}

/** True when the duration has an hour, minute or second component (exact, not calendar-day based). */
export function hasTimePart(d: Duration): boolean {
  return d.hours > 0 || d.minutes > 0 || d.seconds > 0;
}

/** True when the duration has years or months, whose length depends on the calendar. */
export function hasCalendarPart(d: Duration): boolean {
  return d.years > 0 || d.months > 0;
}

/** True when every component is zero (e.g. P0D). */
export function isZeroDuration(d: Duration): boolean {
  return !hasCalendarPart(d) && !hasTimePart(d) && d.weeks === 0 && d.days === 0;
}

/**
 * Exact length in milliseconds. Throws for years/months: their length depends on the start date,
 * so callers must use {@link addDuration}.
 */
export function durationToMs(d: Duration): number {
  if (hasCalendarPart(d)) {
    throw new RangeError('含年或月的时长没有固定毫秒数，请使用 addDuration 按日历计算');
  }
  const ms = (d.weeks * 7 + d.days) * DAY_MS + d.hours * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000;
  if (!Number.isSafeInteger(ms)) throw new RangeError('时长过长，超出可计算范围');
  return ms;
}

/**
 * Adds a duration to an instant: years and months as calendar units on the Asia/Shanghai wall
 * clock (clamped to month end), then weeks, days and time exactly (no DST, so a day is 24h).
 */
export function addDuration(instant: Date, d: Duration): Date {
  assertValidInstant(instant);
  let wall = toShanghaiWallClock(instant);
  if (hasCalendarPart(d)) wall = addWallClockMonths(wall, d.years * 12 + d.months);
  const result = new Date(fromShanghaiWallClock(wall).getTime() + durationToMs({ ...d, years: 0, months: 0 }));
  if (Number.isNaN(result.getTime())) throw new RangeError('时长过长，结果超出可表示的时间范围');
  return result;
}

/** Chinese reading of a duration for messages, e.g. P1DT2H → "1天2小时", P0D → "0天". */
export function durationLabel(d: Duration): string {
  const units: Array<[number, string]> = [
    [d.years, '年'],
    [d.months, '个月'],
    [d.weeks, '周'],
    [d.days, '天'],
    [d.hours, '小时'],
    [d.minutes, '分钟'],
    [d.seconds, '秒'],
  ];
  const text = units
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join('');
  return text || '0天';
}

/** A policy's ISO duration as clerks read it: "P10D" → "10天", "P1Y" → "1年". */
export function durationText(iso: string): string {
  return durationLabel(parseDuration(iso));
}
