import type { DataSource, EntityManager } from 'typeorm';
import { NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { mergePolicies, type Policy, type PolicySources } from '../../../../libs/domain/src/policy';

/** Same guard as the policy store's walk: the real tree is at most 6 deep. */
const MAX_DEPTH = 16;

/**
 * The stored patches on the way from each region up to the root, in one recursive query: the monitor
 * lists need the policy of every county they show, and one `effectivePolicy` round trip per county would
 * grow with the number of counties.
 */
const CHAINS_SQL = `
  WITH RECURSIVE chain(origin, code, parent_code, depth) AS (
    SELECT code, code, parent_code, 0 FROM regions WHERE code = ANY($1::varchar[])
    UNION ALL
    SELECT c.origin, r.code, r.parent_code, c.depth + 1
      FROM regions r JOIN chain c ON r.code = c.parent_code
     WHERE c.depth < ${MAX_DEPTH}
  )
  SELECT c.origin, c.code, c.depth, p.patch
    FROM chain c LEFT JOIN policies p ON p.region_code = c.code`;

/**
 * 有效政策 of many regions at once, with the same meaning as `effectivePolicy` of the policy store
 * (defaults, then the root's patch, then each ancestor's patch from the top down, the nearest region
 * winning key by key; the root applies even when the walk up `parent_code` does not reach it). Regions
 * that do not exist are left out of the map.
 */
export async function effectivePolicies(db: DataSource | EntityManager, regionCodes: readonly string[]): Promise<Map<string, Policy>> {
  const merged = await effectivePoliciesWithSources(db, regionCodes);
  return new Map([...merged].map(([code, m]) => [code, m.policy]));
}

/** As `effectivePolicies`, with the region each key comes from ('default' if none). */
export async function effectivePoliciesWithSources(
  db: DataSource | EntityManager,
  regionCodes: readonly string[],
): Promise<Map<string, { policy: Policy; sources: PolicySources }>> {
  const result = new Map<string, { policy: Policy; sources: PolicySources }>();
  const codes = [...new Set(regionCodes)];
  if (codes.length === 0) return result;
  const [rows, rootRows]: [
    Array<{ origin: string; code: string; depth: number; patch: Partial<Policy> | null }>,
    Array<{ patch: Partial<Policy> }>,
  ] = await Promise.all([
    db.query(CHAINS_SQL, [codes]),
    db.query(`SELECT patch FROM policies WHERE region_code = $1`, [NATIONAL_REGION_CODE]),
  ]);
  const chains = new Map<string, typeof rows>();
  for (const row of rows) {
    const chain = chains.get(row.origin) ?? [];
    chain.push(row);
    chains.set(row.origin, chain);
  }
  const rootPatch = rootRows[0]?.patch ?? null;
  for (const [origin, chain] of chains) {
    const topDown = [...chain].sort((a, b) => b.depth - a.depth);
    const patches: Array<{ regionCode: string; patch: Partial<Policy> }> = [];
    if (rootPatch && !chain.some((c) => c.code === NATIONAL_REGION_CODE))
      patches.push({ regionCode: NATIONAL_REGION_CODE, patch: rootPatch });
    for (const link of topDown) if (link.patch) patches.push({ regionCode: link.code, patch: link.patch });
    result.set(origin, mergePolicies(patches));
  }
  return result;
}
