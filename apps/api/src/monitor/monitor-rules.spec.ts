import {
  compareCountyUrgency,
  compareMatching,
  compareRates,
  executionRate,
  largestWarning,
  MATCHING_STATUSES,
  matchingStatusRank,
  type CountyOrderKey,
  type MatchingOrderKey,
} from './monitor-rules';

const row = (status: MatchingOrderKey['status'], due: string | null, extra: Partial<MatchingOrderKey> = {}): MatchingOrderKey => ({
  status,
  dueAt: due ? new Date(due) : null,
  issuedAt: '2024-04-01',
  countyCode: '140602000000',
  docNumber: '晋农发〔2024〕68号',
  ...extra,
});

describe('matching status order', () => {
  it('puts overdue first, then due soon, on track, not received, done', () => {
    expect([...MATCHING_STATUSES]).toEqual(['overdue', 'due_soon', 'on_track', 'not_received', 'done']);
    expect(matchingStatusRank('overdue')).toBeLessThan(matchingStatusRank('due_soon'));
    expect(matchingStatusRank('on_track')).toBeLessThan(matchingStatusRank('done'));
  });

  it('sorts the longest overdue first and otherwise the soonest deadline first', () => {
    const rows = [
      row('done', '2024-01-01T00:00:00Z'),
      row('on_track', '2024-06-01T00:00:00Z'),
      row('not_received', null, { issuedAt: '2024-03-01' }),
      row('overdue', '2024-05-03T00:00:00Z'),
      row('on_track', '2024-05-20T00:00:00Z'),
      row('due_soon', '2024-05-12T00:00:00Z'),
      row('overdue', '2024-04-20T00:00:00Z'),
      row('not_received', null, { issuedAt: '2024-02-01' }),
    ];
    const sorted = [...rows].sort(compareMatching).map((r) => `${r.status}:${r.dueAt?.toISOString().slice(0, 10) ?? r.issuedAt}`);
    expect(sorted).toEqual([
      'overdue:2024-04-20',
      'overdue:2024-05-03',
      'due_soon:2024-05-12',
      'on_track:2024-05-20',
      'on_track:2024-06-01',
      'not_received:2024-02-01',
      'not_received:2024-03-01',
      'done:2024-01-01',
    ]);
  });

  it('breaks ties by county code, then document number', () => {
    const a = row('overdue', '2024-05-01T00:00:00Z', { countyCode: '140603000000' });
    const b = row('overdue', '2024-05-01T00:00:00Z', { countyCode: '140602000000', docNumber: 'B' });
    const c = row('overdue', '2024-05-01T00:00:00Z', { countyCode: '140602000000', docNumber: 'A' });
    expect([a, b, c].sort(compareMatching)).toEqual([c, b, a]);
    expect(compareMatching(a, a)).toBe(0);
  });
});

describe('largestWarning', () => {
  const at = new Date('2024-04-26T02:00:00Z');
  it('picks the earliest warning point, whatever the order', () => {
    expect(largestWarning(['P5D', 'P2D'], at)).toBe('P5D');
    expect(largestWarning(['P2D', 'P1W', 'PT30S'], at)).toBe('P1W');
    expect(largestWarning(['PT30S'], at)).toBe('PT30S');
    expect(largestWarning(['P30D', 'P1M'], new Date('2024-01-15T00:00:00Z'))).toBe('P1M');
  });
  it('answers null without warnings', () => {
    expect(largestWarning([], at)).toBeNull();
  });
});

describe('executionRate', () => {
  it('divides exactly on fen and truncates to 4 decimals', () => {
    expect(executionRate(133456789n, 370000001n)).toBe('0.3606');
    expect(executionRate(312215523n, 312287400n)).toBe('0.9997');
    expect(executionRate(99996n, 100000n)).toBe('0.9999');
    expect(executionRate(0n, 100n)).toBe('0.0000');
    expect(executionRate(100n, 100n)).toBe('1.0000');
  });
  it('can exceed 1 when older money is paid out, and is null when nothing was received', () => {
    expect(executionRate(150n, 100n)).toBe('1.5000');
    expect(executionRate(5n, 0n)).toBeNull();
  });
  it('never goes through floating point', () => {
    // 0.1 + 0.2 style drift would show here: 3 / 10 exactly.
    expect(executionRate(3_000_000_000_000_003n, 10_000_000_000_000_000n)).toBe('0.3000');
  });
});

describe('compareRates', () => {
  it('orders exactly and puts a missing rate last', () => {
    const r = (n: bigint, d: bigint) => ({ numerator: n, denominator: d });
    expect(compareRates(r(1n, 3n), r(333333n, 1000000n))).toBe(1);
    expect(compareRates(r(1n, 2n), r(2n, 4n))).toBe(0);
    expect(compareRates(null, r(0n, 1n))).toBe(1);
    expect(compareRates(r(9n, 1n), null)).toBe(-1);
    expect(compareRates(null, null)).toBe(0);
  });
});

describe('compareCountyUrgency', () => {
  const key = (k: Partial<CountyOrderKey>): CountyOrderKey => ({
    overdueBatches: 0,
    overdueTasks: 0,
    paidFen: 0n,
    receivedFen: 0n,
    year: 2024,
    countyCode: '140602000000',
    ...k,
  });
  it('sorts by overdue batches, then overdue tasks, then the lower execution rate', () => {
    const rows = {
      quiet: key({ countyCode: 'quiet', paidFen: 90n, receivedFen: 100n }),
      slow: key({ countyCode: 'slow', paidFen: 10n, receivedFen: 100n }),
      nothingReceived: key({ countyCode: 'none' }),
      lateTasks: key({ countyCode: 'tasks', overdueTasks: 3 }),
      lateBatch: key({ countyCode: 'batch', overdueBatches: 1 }),
      lateBatches: key({ countyCode: 'batches', overdueBatches: 2 }),
    };
    const order = Object.values(rows)
      .sort(compareCountyUrgency)
      .map((r) => r.countyCode);
    expect(order).toEqual(['batches', 'batch', 'tasks', 'slow', 'quiet', 'none']);
  });
  it('breaks ties by the newer year, then the county code', () => {
    const rows = [key({ year: 2023, countyCode: 'a' }), key({ year: 2024, countyCode: 'b' }), key({ year: 2024, countyCode: 'a' })];
    expect(rows.sort(compareCountyUrgency).map((r) => `${r.year}${r.countyCode}`)).toEqual(['2024a', '2024b', '2023a']);
  });
});
