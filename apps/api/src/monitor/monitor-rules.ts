import { addDuration, parseDuration } from '../../../../libs/domain/src/duration';
import { formatRatio, type Ratio } from '../../../../libs/domain/src/ratio';

/**
 * 资金匹配监测状态, most urgent first. `not_received` (未到账) extends the contract's four states: the
 * county has not yet confirmed receipt, so no 15-day clock runs; monitors still see the money is out there.
 */
export const MATCHING_STATUSES = ['overdue', 'due_soon', 'on_track', 'not_received', 'done'] as const;

/** 资金匹配监测状态 */
export type MatchingStatus = (typeof MATCHING_STATUSES)[number];

export const MATCHING_STATUS_LABELS: Readonly<Record<MatchingStatus, string>> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  on_track: '正常',
  not_received: '未到账',
  done: '已完成',
};

export const BATCH_LEVEL_LABELS: Readonly<Record<string, string>> = {
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
};

/** Position of a status in the most-urgent-first order (0 = overdue). */
export function matchingStatusRank(status: MatchingStatus): number {
  return MATCHING_STATUSES.indexOf(status);
}

/** What decides a matching row's place in the list. */
export interface MatchingOrderKey {
  status: MatchingStatus;
  dueAt: Date | null;
  issuedAt: string;
  countyCode: string;
  docNumber: string;
}

/**
 * The list order of GET /monitor/matching (the SQL ORDER BY says the same): overdue first, the longest
 * overdue (earliest due) first; then due soon and on track, soonest due first; then allocations not yet
 * received, oldest batch first; done last. Ties: county code, then document number.
 */
export function compareMatching(a: MatchingOrderKey, b: MatchingOrderKey): number {
  const rank = matchingStatusRank(a.status) - matchingStatusRank(b.status);
  if (rank !== 0) return rank;
  const due = (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity);
  if (due !== 0 && !Number.isNaN(due)) return due;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt ? -1 : 1;
  if (a.countyCode !== b.countyCode) return a.countyCode < b.countyCode ? -1 : 1;
  return a.docNumber < b.docNumber ? -1 : a.docNumber > b.docNumber ? 1 : 0;
}

/**
 * The first (largest) warning window of a policy's `matchingWarnings` (["P5D","P2D"] → "P5D"): a row is
 * `due_soon` from that long before its deadline. Durations are compared by their length ending at
 * `reference` (months differ in length); no warnings → null (nothing is ever "due soon").
 */
export function largestWarning(warnings: readonly string[], reference: Date): string | null {
  let best: string | null = null;
  let bestLength = -1;
  for (const w of warnings) {
    const length = addDuration(reference, parseDuration(w)).getTime() - reference.getTime();
    if (length > bestLength) {
      best = w;
      bestLength = length;
    }
  }
  return best;
}

/**
 * 预算执行率 — paid / received as a decimal with 4 places, truncated (0.99996 shows "0.9999"), computed on
 * integer fen; may exceed 1 when earlier years' money is paid out. Nothing received → null (no rate).
 */
export function executionRate(paidFen: bigint, receivedFen: bigint): string | null {
  if (receivedFen <= 0n) return null;
  if (paidFen < 0n) throw new RangeError('支出金额不能为负数');
  return formatRatio({ numerator: paidFen, denominator: receivedFen }, 4);
}

/** Exact three-way comparison of two execution rates; a missing rate (nothing received) sorts last. */
export function compareRates(a: Ratio | null, b: Ratio | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** What decides a county row's place in GET /monitor/counties. */
export interface CountyOrderKey {
  overdueBatches: number;
  overdueTasks: number;
  paidFen: bigint;
  receivedFen: bigint;
  year: number;
  countyCode: string;
}

/**
 * Most urgent county first: more overdue batches, then more overdue tasks, then the lower execution rate
 * (exact; a county that received nothing has no rate and comes after those that have one); ties by the
 * newer year, then the county code.
 */
export function compareCountyUrgency(a: CountyOrderKey, b: CountyOrderKey): number {
  if (a.overdueBatches !== b.overdueBatches) return b.overdueBatches - a.overdueBatches;
  if (a.overdueTasks !== b.overdueTasks) return b.overdueTasks - a.overdueTasks;
  const ratio = (k: CountyOrderKey): Ratio | null => (k.receivedFen > 0n ? { numerator: k.paidFen, denominator: k.receivedFen } : null);
  const rate = compareRates(ratio(a), ratio(b));
  if (rate !== 0) return rate;
  if (a.year !== b.year) return b.year - a.year;
  return a.countyCode < b.countyCode ? -1 : a.countyCode > b.countyCode ? 1 : 0;
}
