import { CHAIN_GENESIS, chainHash } from '../../domain/src/audit-chain';
import { HISTORY_COLUMNS, historyCanonical, LEDGER_COLUMNS, ledgerCanonical, type HistoryRecord, type LedgerRecord, type Queryable } from './audit-chain-rows';

interface Pending {
  table: 'project_events' | 'ledger_entries';
  id: string;
  at: number;
  order: number;
  canonical: string;
}

interface Chain {
  kind: 'project' | 'allocation';
  countyCode: string;
  rows: Pending[];
}

const BATCH = 5000;

/**
 * Links the rows written before the chain existed, each chain in the order its rows happened: by
 * time, a step's history row before the ledger lines it booked, then by seq or ledger id. Runs inside
 * the migration's transaction with the append-only guards lifted only for these updates.
 */
export async function backfillAuditChains(q: Queryable): Promise<void> {
  const history = (await q.query(
    `SELECT ${HISTORY_COLUMNS}, p.county_code AS chain_county FROM project_events e JOIN projects p ON p.id = e.project_id`,
  )) as Array<HistoryRecord & { chain_county: string }>;
  const ledger = (await q.query(
    `SELECT ${LEDGER_COLUMNS} FROM ledger_entries l WHERE l.project_id IS NOT NULL OR l.allocation_id IS NOT NULL`,
  )) as LedgerRecord[];
  if (history.length === 0 && ledger.length === 0) return;

  const chains = new Map<string, Chain>();
  const chainOf = (id: string, kind: Chain['kind'], countyCode: string) => {
    let chain = chains.get(id);
    if (!chain) chains.set(id, (chain = { kind, countyCode, rows: [] }));
    return chain;
  };
  for (const r of history) {
    chainOf(r.project_id, 'project', r.chain_county).rows.push({ table: 'project_events', id: r.id, at: r.at.getTime(), order: Number(r.seq), canonical: historyCanonical(r) });
  }
  for (const r of ledger) {
    const chain = r.project_id ? chainOf(r.project_id, 'project', r.county_code) : chainOf(r.allocation_id!, 'allocation', r.county_code);
    chain.rows.push({ table: 'ledger_entries', id: r.id, at: r.at.getTime(), order: Number(r.id), canonical: ledgerCanonical(r) });
  }

  const updates: Record<Pending['table'], Array<{ id: string; chain: string; pos: number; hash: string }>> = { project_events: [], ledger_entries: [] };
  const heads: Array<{ id: string; kind: string; county: string; length: number; hash: string }> = [];
  for (const [id, chain] of chains) {
    chain.rows.sort((a, b) => a.at - b.at || (a.table === b.table ? a.order - b.order : a.table === 'project_events' ? -1 : 1));
    let hash = CHAIN_GENESIS;
    for (const [i, row] of chain.rows.entries()) {
      hash = chainHash(hash, row.canonical);
      updates[row.table].push({ id: row.id, chain: id, pos: i + 1, hash });
    }
    heads.push({ id, kind: chain.kind, county: chain.countyCode, length: chain.rows.length, hash });
  }

  await q.query(`ALTER TABLE project_events DISABLE TRIGGER project_events_append_only`);
  await q.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`);
  for (let i = 0; i < updates.project_events.length; i += BATCH) {
    const part = updates.project_events.slice(i, i + BATCH);
    await q.query(
      `UPDATE project_events e SET chain_pos = v.pos, row_hash = v.hash
         FROM unnest($1::bigint[], $2::integer[], $3::text[]) AS v(id, pos, hash) WHERE e.id = v.id`,
      [part.map((u) => u.id), part.map((u) => u.pos), part.map((u) => u.hash)],
    );
  }
  for (let i = 0; i < updates.ledger_entries.length; i += BATCH) {
    const part = updates.ledger_entries.slice(i, i + BATCH);
    await q.query(
      `UPDATE ledger_entries l SET chain_id = v.chain, chain_pos = v.pos, row_hash = v.hash
         FROM unnest($1::bigint[], $2::uuid[], $3::integer[], $4::text[]) AS v(id, chain, pos, hash) WHERE l.id = v.id`,
      [part.map((u) => u.id), part.map((u) => u.chain), part.map((u) => u.pos), part.map((u) => u.hash)],
    );
  }
  await q.query(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`);
  await q.query(`ALTER TABLE project_events ENABLE TRIGGER project_events_append_only`);
  for (let i = 0; i < heads.length; i += BATCH) {
    const part = heads.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO audit_chains (chain_id, kind, county_code, length, head_hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::text[])`,
      [part.map((h) => h.id), part.map((h) => h.kind), part.map((h) => h.county), part.map((h) => h.length), part.map((h) => h.hash)],
    );
  }
}
