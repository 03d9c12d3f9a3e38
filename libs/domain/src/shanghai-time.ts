/**
 * Asia/Shanghai is a fixed UTC+8 here, hard-coded on purpose: China has observed no daylight saving
 * time since 1991, and Temporal workflow code runs sandboxed, unable to load a time-zone database.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** With no DST every Shanghai calendar day is exactly this long. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Throws on an Invalid Date so that NaN never leaks into a deadline. */
export function assertValidInstant(instant: Date, what = '时间'): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${what}无效`);
  }
}

/**
 * A Date whose UTC fields read as Shanghai wall-clock time; only for field arithmetic, never to be
 * stored or compared with real instants.
 */
export function toShanghaiWallClock(instant: Date): Date {
  assertValidInstant(instant);
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** Inverse of {@link toShanghaiWallClock}. */
export function fromShanghaiWallClock(wall: Date): Date {
  return new Date(wall.getTime() - SHANGHAI_OFFSET_MS);
}

/**
 * Adds calendar months to a wall-clock Date, clamping to the month's last day (Jan 31 + 1 month →
 * Feb 28/29) the way people read "one month later", rather than rolling into March.
 */
export function addWallClockMonths(wall: Date, months: number): Date {
  const targetMonthIndex = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + months;
  const year = Math.floor(targetMonthIndex / 12);
  const month = targetMonthIndex - year * 12;
  const result = new Date(wall.getTime());
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  result.setUTCFullYear(year, month, 1);
  const lastDay = daysInMonth(year, month);
  result.setUTCDate(Math.min(wall.getUTCDate(), lastDay));
  return result;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month + 1, 0);
  return d.getUTCDate();
}
