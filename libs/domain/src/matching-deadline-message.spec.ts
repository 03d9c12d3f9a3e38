import { matchingDeadlineMessage } from './matching-deadline-message';

describe('matchingDeadlineMessage', () => {
  it('names a day deadline by its last day in Shanghai and the warning point in Chinese units', () => {
    // 2026-12-20 00:00 Shanghai: the last day to match is the 19th.
    const text = matchingDeadlineMessage({ kind: 'warning', label: 'P5D', dueAt: '2026-12-19T16:00:00.000Z', unmatchedFen: '12345678901' });
    expect(text).toBe('资金匹配预警：匹配期限为 2026-12-19（含当日），距期限已不足5天，尚有 123,456,789.01 元未落实到项目');
  });

  it('names an exact deadline by its Shanghai time, to the second', () => {
    const text = matchingDeadlineMessage({ kind: 'overdue', label: 'overdue', dueAt: '2026-12-05T06:30:15.000Z', unmatchedFen: '5' });
    expect(text).toBe('资金匹配逾期：已超过匹配期限 2026-12-05 14:30:15，尚有 0.05 元未落实到项目');
  });

  it('reads a warning point given in hours and seconds', () => {
    expect(
      matchingDeadlineMessage({ kind: 'warning', label: 'PT1H30S', dueAt: '2026-12-05T06:30:15.000Z', unmatchedFen: '100' }),
    ).toContain('不足1小时30秒，');
  });
});
