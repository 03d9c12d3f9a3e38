import type { MonthlyRecords } from './monthly.records';
import { composeMonthlyPace } from './monthly-pace.report';

/** One county's year: an allocation received on `receivedOn`, matched whole to one project, paid as listed. */
function records(amountFen: bigint, receivedOn: string | null, payments: Array<[string, bigint]>): MonthlyRecords {
  return {
    allocations: [{ allocationId: 'a', docNumber: '晋财农〔2024〕1号', title: '省级衔接资金', level: 'province', amountFen, receivedAt: receivedOn ? new Date(`${receivedOn}T09:00:00+08:00`) : null }],
    matches: [{ id: 'm', allocationId: 'a', projectId: 'p', fen: amountFen }],
    projects: [{ id: 'p', name: '蔬菜大棚', type: 'industry', place: '贾庄乡' }],
    payments: payments.map(([paidOn, fen]) => ({ projectId: 'p', fen, paidOn })),
  };
}

const compose = (month: string, counties: Array<[string, string, MonthlyRecords]>) =>
  composeMonthlyPace({
    regionCode: '140600000000',
    regionName: '朔州市',
    month,
    counties: counties.map(([countyCode, countyName, r]) => ({ countyCode, countyName, records: r })),
    now: new Date('2024-07-01T00:00:00Z'),
  });

describe('各县序时进度', () => {
  const ahead = records(100_000_00n, '2024-01-10', [['2024-02-01', 60_000_00n]]);
  const behind = records(100_000_00n, '2024-01-10', [['2024-03-01', 30_000_00n]]);
  const further = records(100_000_00n, '2024-01-10', [['2024-03-01', 26_000_00n]]);
  const idle = records(100_000_00n, '2024-01-10', []);
  const none = records(100_000_00n, null, []);

  it('puts far behind first, then behind with the furthest first, then on pace, then no money', () => {
    const report = compose('2024-06', [
      ['140602000000', '朔城区', ahead],
      ['140603000000', '平鲁区', behind],
      ['140621000000', '山阴县', none],
      ['140622000000', '应县', further],
      ['140623000000', '右玉县', idle],
    ]);
    expect(report.counties.map((c) => [c.countyName, c.pace, c.gapText])).toEqual([
      ['右玉县', 'far_behind', '50.00'],
      ['应县', 'behind', '24.00'],
      ['平鲁区', 'behind', '20.00'],
      ['朔城区', 'on_pace', '-10.00'],
      ['山阴县', 'no_money', null],
    ]);
    expect(report).toMatchObject({ expectedPace: '0.5000', expectedPaceText: '50.0%', countiesBehind: 3 });
  });

  it('draws each month from the payments made by its end', () => {
    const [row] = compose('2024-03', [['140603000000', '平鲁区', behind]]).counties;
    expect(row.series.map((p) => [p.month, p.executionRate, p.expectedPace])).toEqual([
      ['2024-01', '0.0000', '0.0833'],
      ['2024-02', '0.0000', '0.1666'],
      ['2024-03', '0.3000', '0.2500'],
    ]);
    expect(row).toMatchObject({ paidThisMonth: '30000.00', paidToDate: '30000.00', pace: 'on_pace' });
  });

  it('orders counties tied on the line by code, so the list reads the same every time', () => {
    const report = compose('2024-06', [
      ['140622000000', '应县', idle],
      ['140603000000', '平鲁区', idle],
    ]);
    expect(report.counties.map((c) => c.countyCode)).toEqual(['140603000000', '140622000000']);
  });
});
