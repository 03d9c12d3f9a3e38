import { addDuration, hasCalendarPart, hasTimePart, parseDuration } from './duration';
import { assertValidInstant, DAY_MS, SHANGHAI_OFFSET_MS, toShanghaiWallClock } from './shanghai-time';

/** 日期（上海时区的日历日，YYYY-MM-DD） */
export type ShanghaiDateString = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The calendar date in Asia/Shanghai of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): ShanghaiDateString {
  const wall = toShanghaiWallClock(instant);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
}

/** Days since 1970-01-01 of a Shanghai calendar date; makes day arithmetic plain integers. */
function dayNumber(dateStr: ShanghaiDateString): number {
  const m = DATE_PATTERN.exec(dateStr);
  if (!m) throw new RangeError(`日期格式不正确：应为 YYYY-MM-DD，收到 "${dateStr}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // Date silently rolls 2024-02-30 into March; a round trip exposes such impossible dates.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`日期不存在：${dateStr}`);
  }
  return Math.round(d.getTime() / DAY_MS);
}

/** True when `s` is an existing calendar date written 'YYYY-MM-DD'. */
export function isDateString(s: unknown): s is ShanghaiDateString {
  if (typeof s !== 'string') return false;
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

/** The instant a Shanghai calendar day begins (00:00 at UTC+8). */
export function startOfShanghaiDay(dateStr: ShanghaiDateString): Date {
  return new Date(dayNumber(dateStr) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** Adds (or with a negative n, subtracts) whole calendar days to a 'YYYY-MM-DD' date. */
export function addCalendarDays(dateStr: ShanghaiDateString, n: number): ShanghaiDateString {
  if (!Number.isInteger(n)) throw new RangeError('天数必须是整数');
  return shanghaiDate(new Date(startOfShanghaiDay(dateStr).getTime() + n * DAY_MS));
}

/**
 * "Within N days from receipt": the receipt day is day 0 and the whole of day N still counts, so the
 * returned exclusive end is the start of Shanghai day N+1 (received 04-26, N=15 → 05-12T00:00+08:00).
 */
export function calendarDayDeadline(start: Date, days: number): Date {
  assertValidInstant(start, '起始时间');
  if (!Number.isInteger(days) || days < 0) throw new RangeError('期限天数必须是非负整数');
  const startDay = startOfShanghaiDay(shanghaiDate(start));
  return new Date(startDay.getTime() + (days + 1) * DAY_MS);
}

/**
 * Exclusive deadline for an ISO-8601 policy duration. Durations with a time part (PT30S, P1DT2H)
 * are added exactly so demos can run in seconds; day-based ones follow the calendar-day rule; years
 * and months move the Shanghai date by calendar (clamped to month end), then run to the end of that day.
 */
export function deadlineFromDuration(start: Date, iso: string): Date {
  assertValidInstant(start, '起始时间');
  const d = parseDuration(iso);
  if (hasTimePart(d)) return addDuration(start, d);
  if (!hasCalendarPart(d)) return calendarDayDeadline(start, d.weeks * 7 + d.days);
  const lastDayStart = addDuration(startOfShanghaiDay(shanghaiDate(start)), d);
  return new Date(lastDayStart.getTime() + DAY_MS);
}

/** True once `now` has reached the exclusive deadline `due`. */
export function isOverdue(now: Date, due: Date): boolean {
  assertValidInstant(now, '当前时间');
  assertValidInstant(due, '截止时间');
  return now.getTime() >= due.getTime();
}

/**
 * Whole Shanghai calendar days from today until the deadline's last day: 0 on the last day itself,
 * negative once overdue. An exact deadline (PT30S) already passed earlier today counts as -1, so the
 * sign alone always tells whether the deadline is missed.
 */
export function daysLeft(now: Date, due: Date): number {
  const overdue = isOverdue(now, due);
  const lastDay = shanghaiDate(new Date(due.getTime() - 1));
  const diff = dayNumber(lastDay) - dayNumber(shanghaiDate(now));
  return overdue ? Math.min(diff, -1) : diff;
}

/**
 * A deadline as people read it: a day-based one (exclusive, at a Shanghai midnight) by its last
 * day, "2026-12-19（含当日）"; an exact one (PT30S in demos) by its Shanghai wall-clock second.
 */
export function deadlineText(due: Date): string {
  if (isShanghaiMidnight(due)) return `${shanghaiDate(new Date(due.getTime() - 1))}（含当日）`;
  return shanghaiDateTime(due);
}

/** An instant as Beijing time reads it, to the second: "2026-12-05 14:30:15". */
export function shanghaiDateTime(instant: Date): string {
  const wall = toShanghaiWallClock(instant);
  const time = [wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()].map((n) => pad(n, 2)).join(':');
  return `${shanghaiDate(instant)} ${time}`;
}

/** A moment given as a day (stored at its Shanghai midnight) reads as that day; any other to the second. */
export function shanghaiDayOrTime(instant: Date): string {
  return isShanghaiMidnight(instant) ? shanghaiDate(instant) : shanghaiDateTime(instant);
}

function isShanghaiMidnight(instant: Date): boolean {
  return toShanghaiWallClock(instant).getTime() % DAY_MS === 0;
}
