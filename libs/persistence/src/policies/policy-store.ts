import type { DataSource, EntityManager } from 'typeorm';
import { mergePolicies, type Policy } from '../../../domain/src/policy';
import { describePolicyUpdate, parsePolicyUpdate } from './policy-update';

/** The channel a policy change is announced on. */
export const POLICY_CHANGED_CHANNEL = 'policy_changed';

/** The root of the region tree (全国); its patch, if any, applies everywhere. */
const ROOT_REGION_CODE = '000000000000';

/** Guards the walk up the tree against a cycle in bad data: the real tree is at most 6 deep. */
const MAX_DEPTH = 16;

/**
 * The chain from the region up to the root, each with its stored patch (null when it has none),
 * ordered from the root down. Provinces may have no parent in `regions` (the reference data starts at
 * the provinces), so the root is appended when the walk does not reach it. No row at all means the
 * region does not exist.
 */
const CHAIN_SQL = `
  WITH RECURSIVE chain(code, parent_code, depth) AS (
    SELECT code, parent_code, 0 FROM regions WHERE code = $1
    UNION ALL
    SELECT r.code, r.parent_code, c.depth + 1
      FROM regions r JOIN chain c ON r.code = c.parent_code
     WHERE c.depth < ${MAX_DEPTH}
  ), full_chain(code, depth) AS (
    SELECT code, depth FROM chain
    UNION ALL
    SELECT $2::varchar, ${MAX_DEPTH + 1}
     WHERE EXISTS (SELECT 1 FROM chain) AND NOT EXISTS (SELECT 1 FROM chain WHERE code = $2::varchar)
  )
  SELECT f.code, p.patch
    FROM full_chain f LEFT JOIN policies p ON p.region_code = f.code
   ORDER BY f.depth DESC`;

/**
 * 有效政策: the defaults overlaid by the stored patches of the region's ancestors from the root down,
 * the nearest region winning key by key; `sources` names, per key, the region that set it or
 * 'default'. One query (a recursive walk up `parent_code` joined with `policies`), cheap enough for
 * an activity at every stage change; pass the transaction's EntityManager to read inside it.
 * Throws when the region does not exist.
 */
export async function effectivePolicy(
  db: DataSource | EntityManager,
  regionCode: string,
): Promise<{ policy: Policy; sources: Record<keyof Policy, string> }> {
  const rows: Array<{ code: string; patch: Partial<Policy> | null }> = await db.query(CHAIN_SQL, [regionCode, ROOT_REGION_CODE]);
  if (rows.length === 0) throw new Error(`地区不存在：${regionCode}`);
  return mergePolicies(rows.filter((r) => r.patch !== null).map((r) => ({ regionCode: r.code, patch: r.patch as Partial<Policy> })));
}

/**
 * Merges a change into the region's stored patch: keys present replace the stored ones (whole values:
 * `taskDue` and `negativeList` are replaced, not deep-merged); a key whose value is `null` (as a JSON
 * body carries it; `Partial<Policy>` does not spell it) is removed, so the region inherits it again;
 * absent keys are kept. The version goes up by one (1 for a region's first change) and the history
 * gets the new stored patch and the change, all in one transaction — one upsert, so concurrent changes
 * of the same region serialise on its row. The values are validated again here (throws on an invalid
 * one), and money is stored as "1000000.00". A change with no keys records nothing.
 */
export async function savePolicyPatch(db: DataSource, regionCode: string, patch: Partial<Policy>, userId: string): Promise<void> {
  const parsed = parsePolicyUpdate(patch);
  if (!parsed.ok) {
    throw new Error(`政策参数不合法：${parsed.errors.map((e) => `${e.field}：${e.message}`).join('；')}`);
  }
  const update = parsed.value;
  if (Object.keys(update.set).length === 0 && update.remove.length === 0) return;
  await db.transaction(async (m) => {
    const [saved]: Array<{ version: number; patch: Partial<Policy>; updated_at: Date }> = await m.query(
      `INSERT INTO policies AS p (region_code, patch, version, updated_by, updated_at)
       VALUES ($1, $2::jsonb - $3::text[], 1, $4, now())
       ON CONFLICT (region_code) DO UPDATE
         SET patch = (p.patch || $2::jsonb) - $3::text[],
             version = p.version + 1,
             updated_by = EXCLUDED.updated_by,
             updated_at = EXCLUDED.updated_at
       RETURNING version, patch, updated_at`,
      [regionCode, JSON.stringify(update.set), update.remove, userId],
    );
    await m.query(
      `INSERT INTO policy_history (region_code, version, patch, change, updated_by, updated_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
      [regionCode, saved.version, JSON.stringify(saved.patch), JSON.stringify(describePolicyUpdate(update)), userId, saved.updated_at],
    );
    // Delivered at commit to every process that keeps policies in memory (PolicyCache).
    await m.query(`NOTIFY ${POLICY_CHANGED_CHANNEL}`);
  });
}
