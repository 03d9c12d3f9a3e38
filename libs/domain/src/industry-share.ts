import { FUND_LEVEL_LABELS, SHARE_LEVELS, type FundLevel, type ShareLevel } from './fund-levels';
import { formatYuan } from './money';
import { compareRatios, formatRatio, parseRatio, type Ratio } from './ratio';

/**
 * 产业发展资金占比, as the notices define it: of the money issued to a county at a fund level in a year
 * (下达资金总规模 — every allocation, received or not), the part matched to industry projects. Shanxi's
 * provincial notice asks 60% of the provincial money, Shuocheng's city notice 65% of the city money, each
 * not below the year before; Xiangyuan's self-evaluation reports the provincial share.
 */

/** A per-level minimum in the policy: `year` absent means every year. */
export interface IndustryShareRule {
  level: FundLevel;
  year?: number;
  min: string;
}

/** The policy values the requirement is read from, with the region each comes from ('default' if none). */
export interface IndustryShareSettings {
  industryShareMin: string;
  industryShareMinByLevel: readonly IndustryShareRule[];
  sources: { industryShareMin: string; industryShareMinByLevel: string };
}

/** The policy minimum for one level and year, and where it comes from. */
export interface IndustryShareMinimum {
  min: string;
  /** Region code whose policy set it, or 'default'. */
  source: string;
  /** Which setting applies, in words: "省级资金 2023 年", "市级资金（各年）", "各级资金". */
  basis: string;
}

/** Money of one county, year and level, in fen. */
export interface LevelMoney {
  issuedFen: bigint;
  matchedFen: bigint;
  industryFen: bigint;
}

export type IndustryShareStatus = 'met' | 'below' | 'unreachable' | 'no_money';

export const INDUSTRY_SHARE_STATUS_LABELS: Readonly<Record<IndustryShareStatus, string>> = {
  met: '达标',
  below: '未达标',
  unreachable: '已无法达到',
  no_money: '未下达资金',
};

/** Everything a county or monitor is told about one level's share; ratios as 4-decimal strings. */
export interface IndustryShareView {
  level: ShareLevel;
  levelLabel: string;
  /** 下达资金: allocations of the year's batches of this level, received or not (元). */
  issued: string;
  matched: string;
  /** Issued money not yet matched to any project. */
  unmatched: string;
  industryMatched: string;
  /** industryMatched ÷ issued, truncated; null when nothing was issued. */
  share: string | null;
  /** The same to 0.1%, truncated: "34.7%". */
  sharePercent: string | null;
  /** (industryMatched + unmatched) ÷ issued: the most the share can still reach this year. */
  maxReachable: string | null;
  maxReachablePercent: string | null;
  /** Last year's share at the same level by the same definition; null when nothing was issued then. */
  previousYearShare: string | null;
  /** The policy minimum and where it comes from. */
  min: string;
  minSource: string;
  minBasis: string;
  /** The binding requirement: the policy minimum, or last year's share when that is higher (rounded up). */
  required: string;
  requiredPercent: string;
  requiredBy: 'policy' | 'previous_year';
  ok: boolean;
  /** False when even matching every unmatched fen to industry would leave the share below the requirement. */
  reachable: boolean;
  status: IndustryShareStatus;
  statusLabel: string;
  /** The words shown with a share that falls short; null when it is met or nothing was issued. */
  warning: string | null;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduced(numerator: bigint, denominator: bigint): Ratio {
  const g = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / g, denominator: denominator / g };
}

/**
 * 产业发展资金占比 — industry-matched fen over issued fen, reduced; null when nothing was issued (there
 * is no share of nothing, and no requirement on it).
 */
export function industryShare(industryFen: bigint, issuedFen: bigint): Ratio | null {
  if (industryFen < 0n || issuedFen < 0n) throw new RangeError('金额不能为负数');
  if (issuedFen === 0n) return null;
  return reduced(industryFen, issuedFen);
}

/** Ratio rounded up to `decimals` places, so a requirement taken from an exact share is never shown laxer. */
function formatRatioUp(r: Ratio, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const exact = formatRatio(r, decimals);
  const scaledDown = (r.numerator * scale) / r.denominator;
  if (scaledDown * r.denominator === r.numerator * scale) return exact;
  return formatRatio({ numerator: scaledDown + 1n, denominator: scale }, decimals);
}

/** A share as a percentage to 0.1%: truncated by default, so a share just short of a line never shows as on it. */
export function sharePercent(r: Ratio, roundUp = false): string {
  const permille = roundUp ? formatRatioUp(r, 3) : formatRatio(r, 3);
  const [whole, frac] = permille.split('.');
  const digits = (BigInt(whole) * 1000n + BigInt(frac)).toString().padStart(2, '0');
  return `${digits.slice(0, -1)}.${digits.slice(-1)}%`;
}

/**
 * How near a region of a policy source is to the county: the longer its code without trailing zeros,
 * the nearer (an ancestor's code is a prefix of its descendants'); 'default' is farthest.
 */
function nearness(source: string): number {
  return source === 'default' ? -1 : source.replace(/0+$/, '').length;
}

/**
 * The policy minimum for a level and year. Within one region's settings a rule for the level and year
 * beats a rule for the level in every year, which beats the single `industryShareMin` (every level);
 * between regions the nearer one wins, as with every policy key. Every level taken together ('all')
 * follows `industryShareMin`.
 */
export function industryShareMinimum(settings: IndustryShareSettings, level: ShareLevel, year: number): IndustryShareMinimum {
  const general: IndustryShareMinimum = { min: settings.industryShareMin, source: settings.sources.industryShareMin, basis: '各级资金' };
  if (level === 'all') return general;
  const rules = settings.industryShareMinByLevel.filter((r) => r.level === level);
  const rule = rules.find((r) => r.year === year) ?? rules.find((r) => r.year === undefined);
  if (!rule || nearness(settings.sources.industryShareMinByLevel) < nearness(general.source)) return general;
  const label = FUND_LEVEL_LABELS[level];
  return {
    min: rule.min,
    source: settings.sources.industryShareMinByLevel,
    basis: rule.year === undefined ? `${label}资金（各年）` : `${label}资金 ${rule.year} 年`,
  };
}

/**
 * The share of one county, year and level against its requirement: the policy minimum, raised to last
 * year's share at the same level when that was higher (the notices: "不得低于上年"). Compared exactly
 * on fen; the strings are for showing only.
 */
export function assessIndustryShare(
  level: ShareLevel,
  current: LevelMoney,
  previous: LevelMoney | null,
  minimum: IndustryShareMinimum,
): IndustryShareView {
  const { issuedFen, matchedFen, industryFen } = current;
  if (matchedFen < 0n || industryFen > matchedFen) throw new RangeError('产业发展资金不能大于已匹配资金');
  const unmatchedFen = issuedFen > matchedFen ? issuedFen - matchedFen : 0n;
  const share = industryShare(industryFen, issuedFen);
  const max = industryShare(industryFen + unmatchedFen, issuedFen);
  const prev = previous ? industryShare(previous.industryFen, previous.issuedFen) : null;

  const minRatio = parseRatio(minimum.min);
  const byPrevious = prev !== null && compareRatios(prev, minRatio) > 0;
  const requiredRatio = byPrevious ? prev : minRatio;
  const required = byPrevious ? formatRatioUp(prev, 4) : minimum.min;

  const ok = share === null || compareRatios(share, requiredRatio) >= 0;
  const reachable = max === null || compareRatios(max, requiredRatio) >= 0;
  const status: IndustryShareStatus = share === null ? 'no_money' : ok ? 'met' : reachable ? 'below' : 'unreachable';
  const levelLabel = FUND_LEVEL_LABELS[level];
  const requiredPercent = sharePercent(requiredRatio, true);

  let warning: string | null = null;
  if (share !== null && max !== null && !ok) {
    const bar = `要求的 ${requiredPercent}${byPrevious ? '（不低于上年占比）' : ''}`;
    warning = reachable
      ? `${levelLabel}资金用于产业发展的占比为 ${sharePercent(share)}，低于${bar}；尚未匹配的资金全部用于产业项目时最高可达 ${sharePercent(max)}`
      : `${levelLabel}资金用于产业发展的占比为 ${sharePercent(share)}，尚未匹配的资金全部用于产业项目也最高只能达到 ${sharePercent(max)}，已无法达到${bar}`;
  }

  return {
    level,
    levelLabel,
    issued: formatYuan(issuedFen),
    matched: formatYuan(matchedFen),
    unmatched: formatYuan(unmatchedFen),
    industryMatched: formatYuan(industryFen),
    share: share && formatRatio(share, 4),
    sharePercent: share && sharePercent(share),
    maxReachable: max && formatRatio(max, 4),
    maxReachablePercent: max && sharePercent(max),
    previousYearShare: prev && formatRatio(prev, 4),
    min: minimum.min,
    minSource: minimum.source,
    minBasis: minimum.basis,
    required,
    requiredPercent,
    requiredBy: byPrevious ? 'previous_year' : 'policy',
    ok,
    reachable,
    status,
    statusLabel: INDUSTRY_SHARE_STATUS_LABELS[status],
    warning,
  };
}

/** Adds up the money of several levels (for 'all'). */
export function sumLevelMoney(parts: readonly LevelMoney[]): LevelMoney {
  return parts.reduce(
    (s, p) => ({ issuedFen: s.issuedFen + p.issuedFen, matchedFen: s.matchedFen + p.matchedFen, industryFen: s.industryFen + p.industryFen }),
    { issuedFen: 0n, matchedFen: 0n, industryFen: 0n },
  );
}

const ZERO: LevelMoney = { issuedFen: 0n, matchedFen: 0n, industryFen: 0n };

/**
 * Every level's share of one county and year, every level together first, from its money by level this
 * year and last year (levels missing count as nothing issued).
 */
export function assessCountyYear(
  year: number,
  current: Partial<Record<FundLevel, LevelMoney>>,
  previous: Partial<Record<FundLevel, LevelMoney>>,
  settings: IndustryShareSettings,
): IndustryShareView[] {
  return SHARE_LEVELS.map((level) => {
    const pick = (byLevel: Partial<Record<FundLevel, LevelMoney>>) =>
      level === 'all' ? sumLevelMoney(Object.values(byLevel)) : (byLevel[level] ?? ZERO);
    return assessIndustryShare(level, pick(current), pick(previous), industryShareMinimum(settings, level, year));
  });
}
