import { canonicalLedgerRow } from '../../domain/src/audit-chain';
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

/**
 * Appends an entry; the table refuses updates and deletes, so this is the only way money is booked.
 * The row is linked into its project's audit chain, or its allocation's when it names no project;
 * callers that lock the project's or allocation's row do so before this, the order every writer follows.
 */
export async function appendLedgerEntry(m: EntityManager, e: LedgerEntryInput): Promise<void> {
  const row = {
    source: e.source,
    step: e.step ?? 1,
    at: e.at,
    kind: e.kind,
    amountFen: e.amountFen,
    countyCode: e.countyCode,
    batchId: e.batchId ?? null,
    allocationId: e.allocationId ?? null,
    projectId: e.projectId ?? null,
    matchId: e.matchId ?? null,
    paymentId: e.paymentId ?? null,
    actor: e.actor,
    note: e.note ?? null,
  };
  await m.query(`SELECT record_ledger_entry($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`, [
    row.source, row.step, row.at, row.kind, row.amountFen, row.countyCode, row.batchId, row.allocationId,
    row.projectId, row.matchId, row.paymentId, row.actor, row.note, canonicalLedgerRow(row),
  ]);
}
