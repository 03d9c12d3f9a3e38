import { useEffect, useState } from 'react';
import { meetsIndustryShare } from '../../../../../../libs/domain/src/industry-share';
import { parseYuan } from '../../../../../../libs/domain/src/money';
import { counties, type CountyRow } from '../../../services/monitor';

/** A share "0.6523" as a percent with two decimals, digit for digit: "65.23%". */
export function percent(share: string): string {
  const [whole, fraction = ''] = share.split('.');
  const digits = `${whole}${fraction.slice(0, 4).padEnd(4, '0')}`.replace(/^0+(?=\d{3})/, '');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

export interface ShareOutlook {
  share: string;
  required: string;
  ok: boolean;
}

/**
 * 产业发展资金占比 of the county's year after a match of `amount` yuan to a project of `type`, from
 * the year's figures the monitor already keeps; null until the figures and the amount are known.
 */
export function shareAfter(row: CountyRow | null, amountFen: bigint | null, industry: boolean): ShareOutlook | null {
  if (!row) return null;
  const add = amountFen ?? 0n;
  const check = meetsIndustryShare(parseYuan(row.industryMatched) + (industry ? add : 0n), parseYuan(row.matched) + add, row.industryShareRequired);
  return { share: check.share, required: row.industryShareRequired, ok: check.ok };
}

/** The county's figures for the batch's year (GET /monitor/counties), reloaded whenever `version` changes. */
export function useCountyYear(countyCode: string, year: number, version: number): CountyRow | null {
  const [row, setRow] = useState<CountyRow | null>(null);
  useEffect(() => {
    let live = true;
    counties({ countyCode, year, page: 1, pageSize: 10 }).then(
      (page) => live && setRow(page.items.find((r) => r.countyCode === countyCode && r.year === year) ?? null),
      () => live && setRow(null),
    );
    return () => {
      live = false;
    };
  }, [countyCode, year, version]);
  return row;
}
