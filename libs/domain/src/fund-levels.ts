/** 资金级次 of a batch, as the notices issue money: central, provincial, city and county. */
export const FUND_LEVELS = ['central', 'province', 'city', 'county'] as const;

/** 资金级次 */
export type FundLevel = (typeof FUND_LEVELS)[number];

/** A fund level, or every level taken together. */
export type ShareLevel = FundLevel | 'all';

export const SHARE_LEVELS: readonly ShareLevel[] = ['all', ...FUND_LEVELS];

export const FUND_LEVEL_LABELS: Readonly<Record<ShareLevel, string>> = {
  all: '各级',
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
};

export function isFundLevel(value: unknown): value is FundLevel {
  return (FUND_LEVELS as readonly unknown[]).includes(value);
}
