import { meetsIndustryShare } from '../../../../../../libs/domain/src/industry-share';
import { parseYuan } from '../../../../../../libs/domain/src/money';

/** A share "0.6523" as a percent with two decimals, digit for digit: "65.23%". */
export function percent(share: string): string {
  const [whole, fraction = ''] = share.split('.');
  const digits = `${whole}${fraction.slice(0, 4).padEnd(4, '0')}`.replace(/^0+(?=\d{3})/, '');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

/** The year's figures of one county, as GET /monitor/counties answers them. */
export interface CountyYear {
  matched: string;
  industryMatched: string;
  industryShareRequired: string;
}

export interface ShareOutlook {
  share: string;
  required: string;
  ok: boolean;
}

/**
 * 产业发展资金占比 of the county's year after matching `amountFen` more to a project, industry or
 * not, checked by the same exact rule the API applies; null until the year's figures are known.
 */
export function shareAfter(year: CountyYear | null, amountFen: bigint | null, industry: boolean): ShareOutlook | null {
  if (!year) return null;
  const add = amountFen ?? 0n;
  const check = meetsIndustryShare(parseYuan(year.industryMatched) + (industry ? add : 0n), parseYuan(year.matched) + add, year.industryShareRequired);
  return { share: check.share, required: year.industryShareRequired, ok: check.ok };
}
