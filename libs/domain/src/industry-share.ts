import { compareRatios, formatRatio, parseRatio, type Ratio } from './ratio';

/** 产业发展资金占比检查结果 */
export interface IndustryShareCheck {
  /** Actual share, 4 decimals, truncated (see {@link formatRatio}). */
  share: string;
  /** The binding requirement as given: the larger of the policy minimum and last year's share. */
  required: string;
  ok: boolean;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * 产业发展资金占比 — industry fen over total matched fen, reduced. Nothing matched yet counts as a
 * share of 0: a county that has matched nothing has not met any minimum.
 */
export function industryShare(matchedIndustryFen: bigint, matchedTotalFen: bigint): Ratio {
  if (matchedIndustryFen < 0n || matchedTotalFen < 0n) throw new RangeError('金额不能为负数');
  if (matchedIndustryFen > matchedTotalFen) throw new RangeError('产业发展资金不能大于资金总额');
  if (matchedTotalFen === 0n) return { numerator: 0n, denominator: 1n };
  const g = gcd(matchedIndustryFen, matchedTotalFen);
  return { numerator: matchedIndustryFen / g, denominator: matchedTotalFen / g };
}

/**
 * Checks the industry share against max(policy minimum, previous year's share) — the notices require
 * both the year's minimum and no fall below last year. Compared exactly, never through floats.
 */
export function meetsIndustryShare(
  industryFen: bigint,
  totalFen: bigint,
  minShare: string,
  previousYearShare?: string,
): IndustryShareCheck {
  const share = industryShare(industryFen, totalFen);
  const min = parseRatio(minShare);
  let required = minShare;
  let requiredRatio = min;
  if (previousYearShare !== undefined) {
    const previous = parseRatio(previousYearShare);
    if (compareRatios(previous, min) > 0) {
      required = previousYearShare;
      requiredRatio = previous;
    }
  }
  return { share: formatRatio(share, 4), required, ok: compareRatios(share, requiredRatio) >= 0 };
}
