import { verifyChain, type ChainVerdict, type StoredChainRow } from '../../domain/src/audit-chain';
import { HISTORY_COLUMNS, LEDGER_COLUMNS, loadChainHead, loadChainRows, storedHistoryRow, storedLedgerRow, type HistoryRecord, type LedgerRecord, type Queryable } from './audit-chain-rows';

export interface ChainReport extends ChainVerdict {
  chainId: string;
  kind: 'project' | 'allocation';
  countyCode: string | null;
  historyRows: number;
  ledgerRows: number;
}

function report(chainId: string, kind: ChainReport['kind'], countyCode: string | null, rows: StoredChainRow[], head: { length: number; headHash: string } | null): ChainReport {
  return {
    chainId,
    kind,
    countyCode,
    historyRows: rows.filter((r) => r.table === 'project_events').length,
    ledgerRows: rows.filter((r) => r.table === 'ledger_entries').length,
    ...verifyChain(rows, head),
  };
}

/** Recomputes one project's chain from its rows as they are stored now. */
export async function verifyProjectChain(db: Queryable, projectId: string, countyCode: string): Promise<ChainReport> {
  const rows = await loadChainRows(db, projectId);
  const head = await loadChainHead(db, projectId);
  return report(projectId, 'project', head?.countyCode ?? countyCode, rows, head);
}

/**
 * Every chain the database holds, a batch of chains per round of queries (each an index lookup by
 * chain), including rows whose chain has no head (a head row deleted).
 */
export async function* verifyAllChains(db: Queryable, batchSize = 500): AsyncGenerator<ChainReport> {
  const ids = (await db.query(
    `SELECT c.chain_id::text AS id, c.kind, c.county_code FROM audit_chains c
     UNION SELECT DISTINCT e.project_id::text, 'project', p.county_code FROM project_events e LEFT JOIN projects p ON p.id = e.project_id
       WHERE NOT EXISTS (SELECT 1 FROM audit_chains c WHERE c.chain_id = e.project_id)
     UNION SELECT DISTINCT l.chain_id::text, CASE WHEN l.project_id IS NULL THEN 'allocation' ELSE 'project' END, l.county_code
       FROM ledger_entries l WHERE NOT EXISTS (SELECT 1 FROM audit_chains c WHERE c.chain_id = l.chain_id)
     ORDER BY 3, 1`,
  )) as Array<{ id: string; kind: ChainReport['kind']; county_code: string }>;
  for (let i = 0; i < ids.length; i += batchSize) {
    const part = ids.slice(i, i + batchSize);
    const chainIds = part.map((c) => c.id);
    const history = (await db.query(`SELECT ${HISTORY_COLUMNS} FROM project_events e WHERE e.project_id = ANY($1::uuid[])`, [chainIds])) as HistoryRecord[];
    const ledger = (await db.query(
      `SELECT ${LEDGER_COLUMNS}, l.chain_id::text AS owner FROM ledger_entries l WHERE l.chain_id = ANY($1::uuid[])`,
      [chainIds],
    )) as Array<LedgerRecord & { owner: string }>;
    const heads = (await db.query(`SELECT chain_id::text AS id, length, head_hash FROM audit_chains WHERE chain_id = ANY($1::uuid[])`, [chainIds])) as Array<{
      id: string;
      length: number;
      head_hash: string;
    }>;
    const rows = new Map<string, StoredChainRow[]>(chainIds.map((id) => [id, []]));
    for (const r of history) rows.get(r.project_id)?.push(storedHistoryRow(r));
    for (const r of ledger) rows.get(r.owner)?.push(storedLedgerRow(r));
    const headOf = new Map(heads.map((h) => [h.id, { length: Number(h.length), headHash: h.head_hash }]));
    for (const c of part) yield report(c.id, c.kind, c.county_code, rows.get(c.id) ?? [], headOf.get(c.id) ?? null);
  }
}
