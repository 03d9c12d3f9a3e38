import type { ShareLevel } from '../../../../../../libs/domain/src/fund-levels';
import { assessIndustryShare, type IndustryShareView } from '../../../../../../libs/domain/src/industry-share';
import { parseYuan } from '../../../../../../libs/domain/src/money';

/** A share "0.6523" as a percent with two decimals, digit for digit: "65.23%". */
export function percent(share: string): string {
  const [whole, fraction = ''] = share.split('.');
  const digits = `${whole}${fraction.slice(0, 4).padEnd(4, '0')}`.replace(/^0+(?=\d{3})/, '');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

/** One level's figures of a county's year, as GET /monitor/counties answers them in `industryShares`. */
export interface LevelYear {
  level: ShareLevel;
  issued: string;
  matched: string;
  industryMatched: string;
  required: string;
  minSource: string;
  minBasis: string;
}

/**
 * 产业发展资金占比 of the level after matching `amountFen` more to a project, industry or not, by the
 * same rule the API applies against the requirement the API stated; null until the figures are known.
 */
export function shareAfter(year: LevelYear | null, amountFen: bigint | null, industry: boolean): IndustryShareView | null {
  if (!year) return null;
  const add = amountFen ?? 0n;
  return assessIndustryShare(
    year.level,
    { issuedFen: parseYuan(year.issued), matchedFen: parseYuan(year.matched) + add, industryFen: parseYuan(year.industryMatched) + (industry ? add : 0n) },
    null,
    { min: year.required, source: year.minSource, basis: year.minBasis },
  );
}
