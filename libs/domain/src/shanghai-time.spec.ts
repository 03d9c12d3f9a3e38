import {
  addWallClockMonths,
  assertValidInstant,
  DAY_MS,
  fromShanghaiWallClock,
  SHANGHAI_OFFSET_MS,
  toShanghaiWallClock,
} from './shanghai-time';

describe('shanghai wall clock', () => {
  it('is UTC+8 all year (no DST)', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 3_600_000);
    expect(DAY_MS).toBe(86_400_000);
    expect(toShanghaiWallClock(new Date('2024-07-01T00:00:00Z')).getUTCHours()).toBe(8);
    expect(toShanghaiWallClock(new Date('2024-01-01T00:00:00Z')).getUTCHours()).toBe(8);
  });

  it('round-trips', () => {
    const instant = new Date('2024-04-25T16:30:00Z');
    expect(fromShanghaiWallClock(toShanghaiWallClock(instant)).toISOString()).toBe(instant.toISOString());
  });

  it('refuses invalid dates', () => {
    expect(() => assertValidInstant(new Date(NaN))).toThrow('时间无效');
    expect(() => assertValidInstant('2024-01-01' as unknown as Date, '截止时间')).toThrow('截止时间无效');
  });
});

describe('addWallClockMonths', () => {
  const wall = (iso: string) => new Date(iso);

  it('clamps to the last day of a shorter month', () => {
    expect(addWallClockMonths(wall('2024-01-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addWallClockMonths(wall('2024-03-31T10:00:00Z'), 1).toISOString()).toBe('2024-04-30T10:00:00.000Z');
  });

  it('crosses years both ways', () => {
    expect(addWallClockMonths(wall('2024-11-15T00:00:00Z'), 14).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(addWallClockMonths(wall('2024-01-15T00:00:00Z'), -1).toISOString()).toBe('2023-12-15T00:00:00.000Z');
  });

  it('does not mutate its argument', () => {
    const d = wall('2024-01-31T10:00:00Z');
    addWallClockMonths(d, 1);
    expect(d.toISOString()).toBe('2024-01-31T10:00:00.000Z');
  });
});
