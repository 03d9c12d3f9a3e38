import { figureJson, figureText, rate } from '../../../../libs/domain/src/report-figures';
import type { PaceStatus } from '../../../../libs/domain/src/spending-pace';
import type { MonthlyRecords } from './monthly.records';
import { composeMonthly, type MonthlyReport } from './monthly.report';

/** One month of a county's year: its cumulative execution rate against the expected line. */
export interface PacePoint {
  /** YYYY-MM */
  month: string;
  executionRate: string | null;
  executionRateText: string;
  expectedPace: string;
}

/** A county's standing at the month's end, as its own monthly report totals it, and its months so far. */
export interface CountyPaceRow {
  countyCode: string;
  countyName: string;
  received: string;
  matched: string;
  paidThisMonth: string;
  paidToDate: string;
  executionRate: string | null;
  executionRateText: string;
  pace: PaceStatus;
  paceLabel: string;
  /** 序时进度 − 执行率, in percentage points as printed ("12.5"); null with no money. */
  gapText: string | null;
  series: PacePoint[];
}

export interface MonthlyPaceReport {
  regionCode: string;
  regionName: string;
  month: string;
  year: number;
  generatedAt: string;
  expectedPace: string;
  expectedPaceText: string;
  /** Far behind first, then behind (the furthest from the line first), then on pace, then counties with no money. */
  counties: CountyPaceRow[];
  countiesBehind: number;
  basis: string[];
}

export const PACE_BASIS = [
  '范围：本地区所辖各县（市、区）本年度（批次年度）各级资金批次的分配资金。',
  '各县数字与该县同月《月度支出报表》的合计行一致：执行率 = 截至月末累计支出 ÷ 月末前到位资金。',
  '序时进度：月份 ÷ 12；低于序时进度为落后，不到其一半为严重落后；排序为严重落后、落后（差距大者在前）、达到序时进度、尚无资金。',
  '逐月执行率：各月月末的累计执行率，与同月的序时进度线对照。',
];

const ORDER: Record<PaceStatus, number> = { far_behind: 0, behind: 1, on_pace: 2, no_money: 3 };

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The records as they stood at the end of an earlier month: payments after it are not yet made. */
function recordsUpTo(records: MonthlyRecords, year: number, month: number): MonthlyRecords {
  const end = month === 12 ? `${year + 1}-01-01` : `${monthKey(year, month + 1)}-01`;
  return { ...records, payments: records.payments.filter((p) => p.paidOn < end) };
}

/** Rate numerator and denominator back from a 4-decimal ratio string, to order rows exactly. */
function ratioParts(r: string | null): { n: bigint; d: bigint } {
  return r === null ? { n: 0n, d: 1n } : { n: BigInt(r.replace('.', '')), d: 10_000n };
}

/** The percentage points by which a county trails the line; negative when ahead. */
function gapOf(expected: string, executionRate: string | null): { points: bigint; text: string | null } {
  if (executionRate === null) return { points: 0n, text: null };
  const points = ratioParts(expected).n - ratioParts(executionRate).n;
  const abs = points < 0n ? -points : points;
  return { points, text: `${points < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}` };
}

/**
 * The monitors' monthly list: each county's figures taken from its own monthly report of the month
 * (so the two never disagree), and the same report drawn at the end of each earlier month for the
 * county's line of execution by month.
 */
export function composeMonthlyPace(input: {
  regionCode: string;
  regionName: string;
  month: string;
  counties: Array<{ countyCode: string; countyName: string; records: MonthlyRecords }>;
  now: Date;
}): MonthlyPaceReport {
  const year = Number(input.month.slice(0, 4));
  const monthNo = Number(input.month.slice(5, 7));
  const expected = rate(BigInt(monthNo), 12n);
  const expectedPace = figureJson(expected)!;
  const rows = input.counties.map(({ countyCode, countyName, records }): CountyPaceRow & { gapPoints: bigint } => {
    const reportOf = (m: number): MonthlyReport =>
      composeMonthly({ countyCode, countyName, month: monthKey(year, m), records: m === monthNo ? records : recordsUpTo(records, year, m), now: input.now });
    const series = Array.from({ length: monthNo }, (_, i) => {
      const r = reportOf(i + 1);
      return { month: r.month, executionRate: r.totals.executionRate, executionRateText: r.totals.executionRateText, expectedPace: r.expectedPace };
    });
    const t = reportOf(monthNo).totals;
    const gap = gapOf(expectedPace, t.executionRate);
    return {
      countyCode,
      countyName,
      received: t.received,
      matched: t.matched,
      paidThisMonth: t.paidThisMonth,
      paidToDate: t.paidToDate,
      executionRate: t.executionRate,
      executionRateText: t.executionRateText,
      pace: t.pace,
      paceLabel: t.paceLabel,
      gapText: gap.text,
      gapPoints: gap.points,
      series,
    };
  });
  rows.sort((a, b) => ORDER[a.pace] - ORDER[b.pace] || (a.gapPoints > b.gapPoints ? -1 : a.gapPoints < b.gapPoints ? 1 : 0) || a.countyCode.localeCompare(b.countyCode));
  return {
    regionCode: input.regionCode,
    regionName: input.regionName,
    month: input.month,
    year,
    generatedAt: input.now.toISOString(),
    expectedPace,
    expectedPaceText: figureText(expected),
    counties: rows.map(({ gapPoints: _gap, ...row }) => row),
    countiesBehind: rows.filter((r) => r.pace === 'behind' || r.pace === 'far_behind').length,
    basis: PACE_BASIS,
  };
}
