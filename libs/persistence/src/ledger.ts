import type { EntityManager } from 'typeorm';

/** One money movement of the ledger (资金台账), in fen, with whatever it refers to. */
export interface LedgerEntryInput {
  /** With `step`, the idempotency key: a retried write finds its row and adds nothing. */
  source: string;
  step?: number;
  at: string;
  kind: 'allocation' | 'receipt' | 'match' | 'unmatch' | 'payment' | 'retention_held' | 'retention_released';
  amountFen: string;
  countyCode: string;
  batchId?: string;
  allocationId?: string;
  projectId?: string;
  matchId?: string;
  paymentId?: string;
  actor: string;
  note?: string | null;
}

/** Appends an entry; the table refuses updates and deletes, so this is the only way money is booked. */
export async function appendLedgerEntry(m: EntityManager, e: LedgerEntryInput): Promise<void> {
  await m.query(
    `INSERT INTO ledger_entries (source, step, at, kind, amount_fen, county_code, batch_id, allocation_id, project_id, match_id, payment_id, actor, note)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (source, step) DO NOTHING`,
    [
      e.source, e.step ?? 1, e.at, e.kind, e.amountFen, e.countyCode, e.batchId ?? null, e.allocationId ?? null,
      e.projectId ?? null, e.matchId ?? null, e.paymentId ?? null, e.actor, e.note ?? null,
    ],
  );
}
