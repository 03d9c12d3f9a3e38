import {
  addCalendarDays,
  calendarDayDeadline,
  deadlineText,
  shanghaiDateTime,
  shanghaiDayOrTime,
  daysLeft,
  deadlineFromDuration,
  isDateString,
  isOverdue,
  shanghaiDate,
  startOfShanghaiDay,
} from './calendar';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('shanghaiDate', () => {
  it('uses the UTC+8 calendar day', () => {
    expect(shanghaiDate(at('2024-04-25T16:30:00Z'))).toBe('2024-04-26');
    expect(shanghaiDate(at('2024-04-25T15:59:59.999Z'))).toBe('2024-04-25');
    expect(shanghaiDate(at('2024-04-25T16:00:00Z'))).toBe('2024-04-26');
    expect(shanghaiDate(at('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });

  it('refuses an invalid instant', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('startOfShanghaiDay', () => {
  it('is 16:00 UTC the day before', () => {
    expect(iso(startOfShanghaiDay('2024-04-26'))).toBe('2024-04-25T16:00:00.000Z');
    expect(iso(startOfShanghaiDay('2024-03-01'))).toBe('2024-02-29T16:00:00.000Z');
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => startOfShanghaiDay('2024-4-26')).toThrow('YYYY-MM-DD');
    expect(() => startOfShanghaiDay('2024-02-30')).toThrow('日期不存在');
    expect(() => startOfShanghaiDay('2023-02-29')).toThrow('日期不存在');
    expect(() => startOfShanghaiDay('2024-04-26T00:00:00Z')).toThrow(RangeError);
    expect(isDateString('2024-02-29')).toBe(true);
    expect(isDateString('2024-13-01')).toBe(false);
    expect(isDateString(20240429)).toBe(false);
  });
});

describe('addCalendarDays', () => {
  it('crosses months and years', () => {
    expect(addCalendarDays('2024-04-26', 15)).toBe('2024-05-11');
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(() => addCalendarDays('2024-03-01', 1.5)).toThrow(RangeError);
  });
});

describe('calendarDayDeadline (15-day matching rule)', () => {
  const due = iso(at('2024-05-11T16:00:00Z')); // 2024-05-12 00:00 Shanghai = end of 05-11

  it.each([
    ['2024-04-25T16:00:00Z', 'first instant of 04-26'],
    ['2024-04-25T16:30:00Z', '00:30 on 04-26'],
    ['2024-04-26T09:00:00Z', '17:00 on 04-26'],
    ['2024-04-26T15:59:59.999Z', 'last instant of 04-26'],
  ])('receipt at %s (%s) is due at the end of 05-11', (receivedAt) => {
    expect(iso(calendarDayDeadline(at(receivedAt), 15))).toBe(due);
  });

  it('a receipt one second before Shanghai midnight counts as the previous day', () => {
    expect(iso(calendarDayDeadline(at('2024-04-25T15:59:59Z'), 15))).toBe('2024-05-10T16:00:00.000Z');
  });

  it('the last millisecond of day 15 is still in time', () => {
    const deadline = calendarDayDeadline(at('2024-04-26T02:00:00Z'), 15);
    expect(isOverdue(at('2024-05-11T15:59:59.999Z'), deadline)).toBe(false);
    expect(isOverdue(at('2024-05-11T16:00:00Z'), deadline)).toBe(true);
  });

  it('N=0 means by the end of the receipt day', () => {
    expect(iso(calendarDayDeadline(at('2024-04-26T02:00:00Z'), 0))).toBe('2024-04-26T16:00:00.000Z');
  });

  it('refuses negative or fractional days', () => {
    expect(() => calendarDayDeadline(at('2024-04-26T02:00:00Z'), -1)).toThrow(RangeError);
    expect(() => calendarDayDeadline(at('2024-04-26T02:00:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('deadlineFromDuration', () => {
  const received = at('2024-04-25T16:30:00Z'); // 2024-04-26 00:30 Shanghai

  it('day and week durations follow the calendar-day rule', () => {
    expect(iso(deadlineFromDuration(received, 'P15D'))).toBe('2024-05-11T16:00:00.000Z');
    expect(iso(deadlineFromDuration(received, 'P2W'))).toBe(iso(calendarDayDeadline(received, 14)));
    expect(iso(deadlineFromDuration(received, 'P30D'))).toBe('2024-05-26T16:00:00.000Z');
  });

  it('durations with a time part are added exactly, for demos', () => {
    expect(iso(deadlineFromDuration(received, 'PT30S'))).toBe('2024-04-25T16:30:30.000Z');
    expect(iso(deadlineFromDuration(received, 'P1DT2H'))).toBe('2024-04-26T18:30:00.000Z');
  });

  it('years and months move the Shanghai date, then run to the end of that day', () => {
    // Warranty P1Y from acceptance on 2024-04-26: in force through 2025-04-26.
    expect(iso(deadlineFromDuration(received, 'P1Y'))).toBe('2025-04-26T16:00:00.000Z');
    // Jan 31 + 1 month clamps to Feb 29 (2024 is a leap year), due at the end of Feb 29.
    expect(iso(deadlineFromDuration(at('2024-01-31T02:00:00Z'), 'P1M'))).toBe('2024-02-29T16:00:00.000Z');
    expect(iso(deadlineFromDuration(at('2024-01-31T02:00:00Z'), 'P1M1D'))).toBe('2024-03-01T16:00:00.000Z');
  });

  it('rejects bad durations', () => {
    expect(() => deadlineFromDuration(received, 'P')).toThrow('时长格式不正确');
  });
});

describe('daysLeft', () => {
  const due = calendarDayDeadline(at('2024-04-26T02:00:00Z'), 15); // last day 2024-05-11

  it.each([
    ['2024-04-26T02:00:00Z', 15],
    ['2024-05-10T15:59:59Z', 1],
    ['2024-05-10T16:00:00Z', 0], // 05-11 00:00 Shanghai: the last day
    ['2024-05-11T15:59:59.999Z', 0],
    ['2024-05-11T16:00:00Z', -1],
    ['2024-05-13T03:00:00Z', -2],
  ])('at %s → %d', (now, expected) => {
    expect(daysLeft(at(now), due)).toBe(expected);
  });

  it('an exact deadline passed earlier today is already negative', () => {
    const exact = deadlineFromDuration(at('2024-04-26T02:00:00Z'), 'PT30S');
    expect(daysLeft(at('2024-04-26T02:00:29Z'), exact)).toBe(0);
    expect(daysLeft(at('2024-04-26T02:00:30Z'), exact)).toBe(-1);
  });
});

describe('deadlineText', () => {
  it('reads a deadline at Shanghai midnight as its last day', () => {
    expect(deadlineText(new Date('2026-12-19T16:00:00.000Z'))).toBe('2026-12-19（含当日）');
  });

  it('reads any other deadline as its Shanghai wall-clock second', () => {
    expect(deadlineText(new Date('2026-12-31T16:00:01.000Z'))).toBe('2027-01-01 00:00:01');
    expect(deadlineText(new Date('2026-12-05T06:30:15.000Z'))).toBe('2026-12-05 14:30:15');
  });
});

describe('shanghaiDateTime', () => {
  it('reads an instant as Beijing time to the second, across the UTC date line', () => {
    expect(shanghaiDateTime(new Date('2026-12-04T23:05:09.999Z'))).toBe('2026-12-05 07:05:09');
  });
});

describe('shanghaiDayOrTime', () => {
  it('reads a Shanghai midnight as its day and any other moment to the second', () => {
    expect(shanghaiDayOrTime(new Date('2024-04-27T16:00:00.000Z'))).toBe('2024-04-28');
    expect(shanghaiDayOrTime(new Date('2024-04-28T01:30:00.000Z'))).toBe('2024-04-28 09:30:00');
  });
});
