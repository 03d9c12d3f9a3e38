import type { DataSource, EntityManager } from 'typeorm';
import { isFundLevel, type FundLevel } from '../../../../libs/domain/src/fund-levels';
import type { IndustryShareSettings, LevelMoney } from '../../../../libs/domain/src/industry-share';
import type { Policy, PolicySources } from '../../../../libs/domain/src/policy';

/** Money by fund level of one county and year. */
export type MoneyByLevel = Partial<Record<FundLevel, LevelMoney>>;

/** Which counties and years to read: one county, or every county whose code starts with a prefix ('' is all). */
export interface IndustryMoneyScope {
  countyCode?: string;
  prefix?: string;
  fromYear?: number;
  toYear?: number;
}

export const moneyKey = (countyCode: string, year: number) => `${countyCode}/${year}`;

/**
 * Issued, matched and industry-matched fen per county, year (of the batch) and fund level. Issued is
 * every allocation, received or not; matched and industry are the active matches on those allocations.
 * Two GROUP BYs over the county's slice of allocations, joined on their key: no row per match leaves
 * the database.
 */
export async function readIndustryMoney(db: DataSource | EntityManager, scope: IndustryMoneyScope): Promise<Map<string, MoneyByLevel>> {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (scope.countyCode !== undefined) where.push(`a.county_code = ${add(scope.countyCode)}`);
  if (scope.prefix) where.push(`a.county_code LIKE ${add(`${scope.prefix}%`)}`);
  if (scope.fromYear !== undefined) where.push(`b.year >= ${add(scope.fromYear)}::int`);
  if (scope.toYear !== undefined) where.push(`b.year <= ${add(scope.toYear)}::int`);
  const rows: Array<{ county_code: string; year: number; level: string; issued_fen: string; matched_fen: string; industry_fen: string }> = await db.query(
    `WITH alloc AS (
       SELECT a.id, a.county_code, b.year, b.level, a.amount_fen
         FROM allocations a JOIN fund_batches b ON b.id = a.batch_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ), issued AS (
       SELECT county_code, year, level, sum(amount_fen) AS issued_fen FROM alloc GROUP BY 1, 2, 3
     ), matched AS (
       SELECT al.county_code, al.year, al.level, sum(m.amount_fen) AS matched_fen,
              COALESCE(sum(m.amount_fen) FILTER (WHERE p.type = 'industry'), 0) AS industry_fen
         FROM fund_matches m
         JOIN alloc al ON al.id = m.allocation_id
         JOIN projects p ON p.id = m.project_id
        WHERE m.removed_at IS NULL
        GROUP BY 1, 2, 3
     )
     SELECT i.county_code, i.year, i.level, i.issued_fen::text AS issued_fen,
            COALESCE(m.matched_fen, 0)::text AS matched_fen, COALESCE(m.industry_fen, 0)::text AS industry_fen
       FROM issued i LEFT JOIN matched m USING (county_code, year, level)`,
    params,
  );
  const result = new Map<string, MoneyByLevel>();
  for (const r of rows) {
    if (!isFundLevel(r.level)) continue;
    const key = moneyKey(r.county_code, r.year);
    const byLevel = result.get(key) ?? {};
    byLevel[r.level] = { issuedFen: BigInt(r.issued_fen), matchedFen: BigInt(r.matched_fen), industryFen: BigInt(r.industry_fen) };
    result.set(key, byLevel);
  }
  return result;
}

/** The industry-share settings of an effective policy and its sources. */
export function shareSettings(policy: Policy, sources: PolicySources): IndustryShareSettings {
  return {
    industryShareMin: policy.industryShareMin,
    industryShareMinByLevel: policy.industryShareMinByLevel,
    sources: { industryShareMin: sources.industryShareMin, industryShareMinByLevel: sources.industryShareMinByLevel },
  };
}
