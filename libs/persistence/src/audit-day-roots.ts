import { countyDayRoot, type ChainHead } from '../../domain/src/audit-chain';
import type { Queryable } from './audit-chain-rows';

export interface DayRoot {
  countyCode: string;
  day: string;
  rootHash: string;
  chains: number;
  entries: number;
  computedAt: string;
}

/**
 * Seals `day` (a Shanghai date): every county's root over the heads of its chains as they stand now,
 * a county without records included (its root says so). A day already sealed keeps its first root:
 * a retried or repeated run cannot replace what was published.
 */
export async function sealDayRoots(db: Queryable, day: string): Promise<number> {
  const heads = (await db.query(
    `SELECT r.code AS county_code, c.chain_id::text AS chain_id, c.length, c.head_hash
       FROM regions r LEFT JOIN audit_chains c ON c.county_code = r.code AND c.length > 0
      WHERE r.level = 'county'`,
  )) as Array<{ county_code: string; chain_id: string | null; length: number | null; head_hash: string | null }>;
  const byCounty = new Map<string, ChainHead[]>();
  for (const h of heads) {
    const list = byCounty.get(h.county_code) ?? [];
    if (h.chain_id) list.push({ chainId: h.chain_id, length: Number(h.length), headHash: h.head_hash! });
    byCounty.set(h.county_code, list);
  }
  const counties = [...byCounty.keys()];
  if (counties.length === 0) return 0;
  const inserted = (await db.query(
    `INSERT INTO audit_day_roots (county_code, day, root_hash, chains, entries)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::integer[], $5::bigint[])
     ON CONFLICT (county_code, day) DO NOTHING RETURNING county_code`,
    [
      counties,
      counties.map(() => day),
      counties.map((c) => countyDayRoot(c, day, byCounty.get(c)!)),
      counties.map((c) => byCounty.get(c)!.length),
      counties.map((c) => byCounty.get(c)!.reduce((n, h) => n + h.length, 0)),
    ],
  )) as unknown[];
  return inserted.length;
}

function dayRoot(r: { county_code: string; day: string; root_hash: string; chains: number; entries: string; computed_at: Date }): DayRoot {
  return { countyCode: r.county_code, day: r.day, rootHash: r.root_hash, chains: Number(r.chains), entries: Number(r.entries), computedAt: r.computed_at.toISOString() };
}

/** The roots of one day, or of the latest sealed day when none is named; counties whose code starts with `prefix`. */
export async function dayRoots(db: Queryable, day: string | null, prefix = ''): Promise<{ day: string | null; roots: DayRoot[] }> {
  let sealed = day;
  if (sealed === null) {
    const [latest] = (await db.query(`SELECT max(day) AS day FROM audit_day_roots WHERE county_code LIKE $1`, [`${prefix}%`])) as Array<{ day: string | null }>;
    sealed = latest?.day ?? null;
  }
  if (sealed === null) return { day: null, roots: [] };
  const rows = (await db.query(
    `SELECT county_code, day, root_hash, chains, entries, computed_at FROM audit_day_roots WHERE day = $1 AND county_code LIKE $2 ORDER BY county_code`,
    [sealed, `${prefix}%`],
  )) as Parameters<typeof dayRoot>[0][];
  return { day: sealed, roots: rows.map(dayRoot) };
}

/** The county's most recently sealed root, `null` before its first midnight. */
export async function latestCountyRoot(db: Queryable, countyCode: string): Promise<DayRoot | null> {
  const [row] = (await db.query(
    `SELECT county_code, day, root_hash, chains, entries, computed_at FROM audit_day_roots WHERE county_code = $1 ORDER BY day DESC LIMIT 1`,
    [countyCode],
  )) as Parameters<typeof dayRoot>[0][];
  return row ? dayRoot(row) : null;
}
