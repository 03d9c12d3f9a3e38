import { canonicalHistoryRow, canonicalLedgerRow, CanonicalFormError, type StoredChainRow } from '../../domain/src/audit-chain';

/** Runs a query on whatever the caller holds: a DataSource, an EntityManager or a migration's QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The history columns a row's hash covers, plus where it sits in its chain. */
export const HISTORY_COLUMNS = `e.id::text AS id, e.project_id, e.seq, e.at, e.actor_id, e.actor_name, e.role, e.action,
  e.from_stage, e.to_stage, e.comment, e.details, e.chain_pos, e.row_hash`;

/** The ledger columns a row's hash covers, plus where it sits in its chain. */
export const LEDGER_COLUMNS = `l.id::text AS id, l.source, l.step, l.at, l.kind, l.amount_fen::text AS amount_fen, l.county_code,
  l.batch_id, l.allocation_id, l.project_id, l.match_id, l.payment_id, l.actor, l.note, l.chain_id, l.chain_pos, l.row_hash`;

interface ChainColumns {
  id: string;
  at: Date;
  chain_pos: number | null;
  row_hash: string | null;
}

/** A project_events row as HISTORY_COLUMNS reads it. */
export interface HistoryRecord extends ChainColumns {
  project_id: string;
  seq: number;
  actor_id: string | null;
  actor_name: string;
  role: string;
  action: string;
  from_stage: string | null;
  to_stage: string;
  comment: string | null;
  details: unknown;
}

/** A ledger_entries row as LEDGER_COLUMNS reads it. */
export interface LedgerRecord extends ChainColumns {
  source: string;
  step: number;
  kind: string;
  amount_fen: string;
  county_code: string;
  batch_id: string | null;
  allocation_id: string | null;
  project_id: string | null;
  match_id: string | null;
  payment_id: string | null;
  actor: string | null;
  note: string | null;
  chain_id: string | null;
}

/**
 * A stored row that no longer serialises (an edit left a value the canonical form refuses) cannot
 * match its hash either: its text says so instead of stopping the whole check.
 */
function safely(canonical: () => string): string {
  try {
    return canonical();
  } catch (error) {
    if (error instanceof CanonicalFormError) return `unreadable|${error.message}`;
    throw error;
  }
}

export function historyCanonical(r: HistoryRecord): string {
  return safely(() =>
    canonicalHistoryRow({
      projectId: r.project_id,
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      role: r.role,
      action: r.action,
      fromStage: r.from_stage,
      toStage: r.to_stage,
      comment: r.comment,
      details: r.details,
    }),
  );
}

export function ledgerCanonical(r: LedgerRecord): string {
  return safely(() =>
    canonicalLedgerRow({
      source: r.source,
      step: Number(r.step),
      at: r.at,
      kind: r.kind,
      amountFen: r.amount_fen,
      countyCode: r.county_code,
      batchId: r.batch_id,
      allocationId: r.allocation_id,
      projectId: r.project_id,
      matchId: r.match_id,
      paymentId: r.payment_id,
      actor: r.actor,
      note: r.note,
    }),
  );
}

const position = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function storedHistoryRow(r: HistoryRecord): StoredChainRow {
  return { table: 'project_events', ref: String(r.seq), position: position(r.chain_pos), storedHash: r.row_hash ?? null, canonical: historyCanonical(r) };
}

export function storedLedgerRow(r: LedgerRecord): StoredChainRow {
  return { table: 'ledger_entries', ref: String(r.id), position: position(r.chain_pos), storedHash: r.row_hash ?? null, canonical: ledgerCanonical(r) };
}

/** Every row of one chain, as stored, in no particular order (the verifier orders them by position). */
export async function loadChainRows(db: Queryable, chainId: string): Promise<StoredChainRow[]> {
  // One after the other: the caller may hold a single transaction's connection.
  const history = (await db.query(`SELECT ${HISTORY_COLUMNS} FROM project_events e WHERE e.project_id = $1`, [chainId])) as HistoryRecord[];
  const ledger = (await db.query(
    `SELECT ${LEDGER_COLUMNS} FROM ledger_entries l WHERE l.chain_id = $1`,
    [chainId],
  )) as LedgerRecord[];
  return [...history.map(storedHistoryRow), ...ledger.map(storedLedgerRow)];
}

/** A chain's recorded head, `null` when no row was ever appended to it. */
export async function loadChainHead(db: Queryable, chainId: string): Promise<{ length: number; headHash: string; kind: string; countyCode: string } | null> {
  const [row] = (await db.query(`SELECT length, head_hash, kind, county_code FROM audit_chains WHERE chain_id = $1`, [chainId])) as Array<{
    length: number;
    head_hash: string;
    kind: string;
    county_code: string;
  }>;
  return row ? { length: Number(row.length), headHash: row.head_hash, kind: row.kind, countyCode: row.county_code } : null;
}
