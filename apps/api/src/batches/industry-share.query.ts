import type { DataSource } from 'typeorm';
import { meetsIndustryShare, industryShare } from '../../../../libs/domain/src/industry-share';
import { formatRatio } from '../../../../libs/domain/src/ratio';
import { formatYuan } from '../../../../libs/domain/src/money';
import { effectivePolicy } from '../../../../libs/persistence/src/policies/policy-store';

async function matchedByType(db: DataSource, countyCode: string, year: number): Promise<{ industry: bigint; total: bigint }> {
  const [row] = await db.query(
    `SELECT COALESCE(sum(m.amount_fen) FILTER (WHERE p.type = 'industry'), 0)::text AS industry, COALESCE(sum(m.amount_fen), 0)::text AS total
     FROM fund_matches m
     JOIN allocations a ON a.id = m.allocation_id
     JOIN fund_batches b ON b.id = a.batch_id
     JOIN projects p ON p.id = m.project_id
     WHERE m.removed_at IS NULL AND a.county_code = $1 AND b.year = $2`,
    [countyCode, year],
  );
  return { industry: BigInt(row.industry), total: BigInt(row.total) };
}

/**
 * 产业发展资金占比 of a county's matched money in a year, against max(policy minimum, last year's
 * share). Falling short is allowed but flagged: the county sees it with every match.
 */
export async function industryShareOf(db: DataSource, countyCode: string, year: number) {
  const [current, previous, { policy }] = await Promise.all([
    matchedByType(db, countyCode, year),
    matchedByType(db, countyCode, year - 1),
    effectivePolicy(db, countyCode),
  ]);
  const previousShare = previous.total > 0n ? formatRatio(industryShare(previous.industry, previous.total), 4) : undefined;
  const check = meetsIndustryShare(current.industry, current.total, policy.industryShareMin, previousShare);
  return {
    year,
    industryMatched: formatYuan(current.industry),
    totalMatched: formatYuan(current.total),
    share: check.share,
    required: check.required,
    previousYearShare: previousShare ?? null,
    ok: check.ok,
    warning: check.ok ? null : `产业发展资金占比 ${check.share} 低于要求的 ${check.required}`,
  };
}
