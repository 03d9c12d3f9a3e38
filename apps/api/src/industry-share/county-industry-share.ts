import type { DataSource } from 'typeorm';
import type { ShareLevel } from '../../../../libs/domain/src/fund-levels';
import { assessCountyYear, type IndustryShareView } from '../../../../libs/domain/src/industry-share';
import { effectivePolicy } from '../../../../libs/persistence/src/policies/policy-store';
import { moneyKey, readIndustryMoney, shareSettings } from './industry-money.records';

/**
 * Every level's industry share of one county and year (every level together first), by the same reader
 * and rule as the monitor's county list: what a county is told when it matches money and what a report
 * states are the monitor's figures.
 */
export async function countyIndustryShares(db: DataSource, countyCode: string, year: number): Promise<IndustryShareView[]> {
  const [money, { policy, sources }] = await Promise.all([
    readIndustryMoney(db, { countyCode, fromYear: year - 1, toYear: year }),
    effectivePolicy(db, countyCode),
  ]);
  return assessCountyYear(year, money.get(moneyKey(countyCode, year)) ?? {}, money.get(moneyKey(countyCode, year - 1)) ?? {}, shareSettings(policy, sources));
}

/** One level's industry share of a county and year. */
export async function countyIndustryShare(db: DataSource, countyCode: string, year: number, level: ShareLevel): Promise<IndustryShareView> {
  const views = await countyIndustryShares(db, countyCode, year);
  return views.find((v) => v.level === level) as IndustryShareView;
}
