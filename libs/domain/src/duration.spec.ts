import {
  addDuration,
  type Duration,
  DurationFormatError,
  type DurationFormatIssue,
  durationLabel,
  durationText,
  durationToMs,
  hasCalendarPart,
  hasTimePart,
  isDuration,
  isZeroDuration,
  parseDuration,
} from './duration';

const ZERO: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

function issueOf(s: unknown): DurationFormatIssue | undefined {
  try {
    parseDuration(s as string);
  } catch (e) {
    if (e instanceof DurationFormatError) return e.issue;
    throw e;
  }
  return undefined;
}

describe('parseDuration', () => {
  it.each<[string, Partial<Duration>]>([
    ['P10D', { days: 10 }],
    ['P15D', { days: 15 }],
    ['P1Y', { years: 1 }],
    ['PT30S', { seconds: 30 }],
    ['P1DT2H', { days: 1, hours: 2 }],
    ['PT1M', { minutes: 1 }],
    ['P1M', { months: 1 }],
    ['P2W', { weeks: 2 }],
    ['P0D', {}],
    ['P1Y2M3W4DT5H6M7S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
  ])('%s', (s, fields) => {
    expect(parseDuration(s)).toEqual({ ...ZERO, ...fields });
  });

  it.each<[unknown, DurationFormatIssue]>([
    ['', 'empty'],
    [undefined, 'not_string'],
    [15, 'not_string'],
    ['P', 'no_components'],
    ['PT', 'no_components'],
    ['P1DT', 'empty_time_part'],
    ['-P1D', 'negative'],
    ['+P1D', 'negative'],
    ['P-1D', 'malformed'],
    ['10D', 'missing_p'],
    ['D10', 'missing_p'],
    ['p10d', 'lowercase'],
    ['P10d', 'lowercase'],
    [' P10D', 'whitespace'],
    ['P10D ', 'whitespace'],
    ['P0.5D', 'fraction'],
    ['PT0,5S', 'fraction'],
    ['P1D2H', 'malformed'],
    ['PT2D', 'malformed'],
    ['P1D1Y', 'malformed'],
    ['P1D1D', 'malformed'],
    ['P１０D', 'malformed'],
    ['P1234567890D', 'too_large'],
    ['P' + '1'.repeat(70) + 'D', 'too_long'],
  ])('rejects %j as %s', (s, issue) => {
    expect(issueOf(s)).toBe(issue);
  });

  it('explains in Chinese', () => {
    expect(() => parseDuration('PT')).toThrow('时长格式不正确：P 之后至少需要一个数值和单位');
    expect(() => parseDuration('10D')).toThrow('须以字母 P 开头');
  });

  it('isDuration mirrors parseDuration', () => {
    expect(isDuration('P15D')).toBe(true);
    expect(isDuration('P')).toBe(false);
    expect(isDuration(null)).toBe(false);
  });
});

describe('duration predicates', () => {
  it('classifies parts', () => {
    expect(hasTimePart(parseDuration('P1DT2H'))).toBe(true);
    expect(hasTimePart(parseDuration('P2W'))).toBe(false);
    expect(hasCalendarPart(parseDuration('P1Y'))).toBe(true);
    expect(hasCalendarPart(parseDuration('P10D'))).toBe(false);
    expect(isZeroDuration(parseDuration('PT0S'))).toBe(true);
    expect(isZeroDuration(parseDuration('PT1S'))).toBe(false);
  });
});

describe('durationToMs', () => {
  it('converts exact units', () => {
    expect(durationToMs(parseDuration('PT30S'))).toBe(30_000);
    expect(durationToMs(parseDuration('PT1M'))).toBe(60_000);
    expect(durationToMs(parseDuration('P1DT2H'))).toBe(26 * 3_600_000);
    expect(durationToMs(parseDuration('P2W'))).toBe(14 * 86_400_000);
    expect(durationToMs(parseDuration('P0D'))).toBe(0);
  });

  it('refuses calendar units whose length depends on the date', () => {
    expect(() => durationToMs(parseDuration('P1Y'))).toThrow(RangeError);
    expect(() => durationToMs(parseDuration('P1M'))).toThrow('addDuration');
  });

  it('refuses lengths beyond safe integers', () => {
    expect(() => durationToMs(parseDuration('P999999999W'))).toThrow('时长过长');
  });
});

describe('addDuration', () => {
  const at = (iso: string) => new Date(iso);

  it('adds exact parts to the instant', () => {
    expect(addDuration(at('2024-04-26T02:00:00Z'), parseDuration('PT30S')).toISOString()).toBe('2024-04-26T02:00:30.000Z');
    expect(addDuration(at('2024-04-26T02:00:00Z'), parseDuration('P1DT2H')).toISOString()).toBe('2024-04-27T04:00:00.000Z');
  });

  it('adds years and months on the Shanghai calendar', () => {
    // 2024-01-31 20:00 in Shanghai is 2024-01-31T12:00Z; one month later is Feb 29 (leap year) 20:00.
    expect(addDuration(at('2024-01-31T12:00:00Z'), parseDuration('P1M')).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(addDuration(at('2023-01-31T12:00:00Z'), parseDuration('P1M')).toISOString()).toBe('2023-02-28T12:00:00.000Z');
    expect(addDuration(at('2024-02-29T12:00:00Z'), parseDuration('P1Y')).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(addDuration(at('2024-11-15T00:00:00Z'), parseDuration('P3M')).toISOString()).toBe('2025-02-15T00:00:00.000Z');
  });

  it('uses the Shanghai date, not the UTC date, for month arithmetic', () => {
    // 2024-01-31T16:30Z is already 2024-02-01 00:30 in Shanghai, so +1 month is March 1st there.
    expect(addDuration(at('2024-01-31T16:30:00Z'), parseDuration('P1M')).toISOString()).toBe('2024-02-29T16:30:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => addDuration(new Date(NaN), parseDuration('P1D'))).toThrow(RangeError);
  });
});

describe('durationLabel', () => {
  it('reads in Chinese', () => {
    expect(durationLabel(parseDuration('P15D'))).toBe('15天');
    expect(durationLabel(parseDuration('P1DT2H'))).toBe('1天2小时');
    expect(durationLabel(parseDuration('P1Y2M'))).toBe('1年2个月');
    expect(durationLabel(parseDuration('PT30S'))).toBe('30秒');
    expect(durationLabel(parseDuration('P0D'))).toBe('0天');
  });
});

describe('durationText', () => {
  it.each([
    ['P10D', '10天'],
    ['P1Y', '1年'],
    ['PT30S', '30秒'],
    ['P1DT2H', '1天2小时'],
  ])('%s reads %s', (iso, text) => {
    expect(durationText(iso)).toBe(text);
  });
});
