import type { DataSource } from 'typeorm';
import { payableBeforeWarrantyFen, progressCeilingFen, retentionFen, type PaymentKind } from '../../libs/domain/src/payments';

/**
 * The money of a set of batches and projects as Postgres holds it (allocations, fund_matches, payments,
 * household_payments, ledger_entries, projects), and the ledger invariants checked on those tables.
 * Only the rows of the given batches and projects are read, so test files running in parallel on the
 * same database do not disturb each other.
 */

export interface AllocationRow {
  id: string;
  batchId: string;
  amountFen: bigint;
  matchedFen: bigint;
  earmarks: { purpose: string; amountFen: bigint }[];
}

export interface MatchRow {
  id: string;
  allocationId: string;
  projectId: string;
  amountFen: bigint;
  purpose: string | null;
  removed: boolean;
}

export interface PaymentRow {
  id: string;
  projectId: string;
  kind: PaymentKind;
  amountFen: bigint;
}

export interface LedgerRow {
  id: bigint;
  kind: string;
  amountFen: bigint;
  batchId: string | null;
  allocationId: string | null;
  projectId: string | null;
  matchId: string | null;
  paymentId: string | null;
  note: string | null;
}

/** What the project projection carries about money (projects.details is the workflow's process record). */
export interface ProjectRow {
  id: string;
  villageCode: string;
  stage: string;
  budgetFen: bigint;
  contractFen: bigint;
  latestPercent: number;
  accepted: boolean;
  retention: { rate: string; heldFen: bigint; releaseAt: number; releasedAt: string | null } | null;
}

export interface MoneyState {
  allocations: AllocationRow[];
  matches: MatchRow[];
  payments: PaymentRow[];
  households: { paymentId: string; amountFen: bigint }[];
  ledger: LedgerRow[];
  projects: ProjectRow[];
}

type Raw = Record<string, unknown>;
const fen = (v: unknown) => BigInt(v as string);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function readMoneyState(db: DataSource, scope: { batchIds: string[]; projectIds: string[] }): Promise<MoneyState> {
  const { batchIds, projectIds } = scope;
  const allocations: AllocationRow[] = (
    await db.query(
      `SELECT id, batch_id, amount_fen::text AS amount, matched_fen::text AS matched, earmarks FROM allocations WHERE batch_id = ANY($1) ORDER BY id`,
      [batchIds],
    )
  ).map((r: Raw) => ({
    id: r.id as string,
    batchId: r.batch_id as string,
    amountFen: fen(r.amount),
    matchedFen: fen(r.matched),
    earmarks: (r.earmarks as { purpose: string; amountFen: string }[]).map((e) => ({ purpose: e.purpose, amountFen: BigInt(e.amountFen) })),
  }));
  const allocationIds = allocations.map((a) => a.id);
  const matches: MatchRow[] = (
    await db.query(
      `SELECT id, allocation_id, project_id, amount_fen::text AS amount, purpose, removed_at IS NOT NULL AS removed
       FROM fund_matches WHERE allocation_id = ANY($1) OR project_id = ANY($2) ORDER BY created_at, id`,
      [allocationIds, projectIds],
    )
  ).map((r: Raw) => ({
    id: r.id as string,
    allocationId: r.allocation_id as string,
    projectId: r.project_id as string,
    amountFen: fen(r.amount),
    purpose: str(r.purpose),
    removed: r.removed as boolean,
  }));
  const payments: PaymentRow[] = (
    await db.query(
      `SELECT id, project_id, kind, amount_fen::text AS amount FROM payments WHERE project_id = ANY($1) ORDER BY created_at, id`,
      [projectIds],
    )
  ).map((r: Raw) => ({ id: r.id as string, projectId: r.project_id as string, kind: r.kind as PaymentKind, amountFen: fen(r.amount) }));
  const households = (
    await db.query(`SELECT payment_id, amount_fen::text AS amount FROM household_payments WHERE project_id = ANY($1)`, [projectIds])
  ).map((r: Raw) => ({ paymentId: r.payment_id as string, amountFen: fen(r.amount) }));
  const ledger: LedgerRow[] = (
    await db.query(
      `SELECT id::text AS id, kind, amount_fen::text AS amount, batch_id, allocation_id, project_id, match_id, payment_id, note
       FROM ledger_entries WHERE batch_id = ANY($1) OR allocation_id = ANY($2) OR project_id = ANY($3) ORDER BY id`,
      [batchIds, allocationIds, projectIds],
    )
  ).map((r: Raw) => ({
    id: fen(r.id),
    kind: r.kind as string,
    amountFen: fen(r.amount),
    batchId: str(r.batch_id),
    allocationId: str(r.allocation_id),
    projectId: str(r.project_id),
    matchId: str(r.match_id),
    paymentId: str(r.payment_id),
    note: str(r.note),
  }));
  const projects: ProjectRow[] = (
    await db.query(
      `SELECT id, village_code, stage, total_budget_fen::text AS budget, details FROM projects WHERE id = ANY($1) ORDER BY id`,
      [projectIds],
    )
  ).map((r: Raw) => {
    const d = (r.details ?? {}) as {
      procurement?: { contractAmountFen: string } | null;
      progress?: { percent: number }[];
      acceptances?: { result: string }[];
      retention?: { rate: string; heldFen: string; releaseAt: string; releasedAt: string | null } | null;
    };
    return {
      id: r.id as string,
      villageCode: r.village_code as string,
      stage: r.stage as string,
      budgetFen: fen(r.budget),
      contractFen: BigInt(d.procurement?.contractAmountFen ?? (r.budget as string)),
      latestPercent: d.progress?.at(-1)?.percent ?? 0,
      accepted: (d.acceptances ?? []).some((a) => a.result === 'pass'),
      retention: d.retention
        ? {
            rate: d.retention.rate,
            heldFen: BigInt(d.retention.heldFen),
            releaseAt: Date.parse(d.retention.releaseAt),
            releasedAt: d.retention.releasedAt,
          }
        : null,
    };
  });
  return { allocations, matches, payments, households, ledger, projects };
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
const yuan = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${((f < 0n ? -f : f) % 100n).toString().padStart(2, '0')}`;

export function activeMatchedFen(s: MoneyState, projectId: string, exceptAllocationId?: string): bigint {
  return sum(
    s.matches.filter((m) => !m.removed && m.projectId === projectId && m.allocationId !== exceptAllocationId).map((m) => m.amountFen),
  );
}

export function paidByKind(s: MoneyState, projectId: string): Record<PaymentKind, bigint> {
  const paid: Record<PaymentKind, bigint> = { progress: 0n, final: 0n, retention: 0n, household: 0n };
  for (const p of s.payments) if (p.projectId === projectId) paid[p.kind] += p.amountFen;
  return paid;
}

/** Ledger rows written by a request, i.e. all but the release of retention, which a timer writes. */
export const requestWrittenRows = (s: MoneyState) => s.ledger.filter((r) => r.kind !== 'retention_released').length;

/**
 * Every violated ledger invariant, in words (empty when the books balance). `rateOf` gives the
 * retention rate in force for a project not yet accepted (its village's policy).
 */
export function ledgerViolations(s: MoneyState, rateOf: (project: ProjectRow) => string): string[] {
  const problems: string[] = [];
  const expectThat = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const rows = (pick: (r: LedgerRow) => boolean) => s.ledger.filter(pick);
  const total = (pick: (r: LedgerRow) => boolean) => sum(rows(pick).map((r) => r.amountFen));

  for (const r of s.ledger) expectThat(r.amountFen >= 0n, `ledger row ${r.id} has a negative amount`);

  // Per allocation: matched ≤ received = allocated; ledger = fund_matches = allocations.matched_fen; earmarks respected.
  for (const a of s.allocations) {
    const mine = (kind: string) => (r: LedgerRow) => r.allocationId === a.id && r.kind === kind;
    const allocated = total(mine('allocation'));
    const received = total(mine('receipt'));
    const ledgerMatched = total(mine('match')) - total(mine('unmatch'));
    const tableMatched = sum(s.matches.filter((m) => m.allocationId === a.id && !m.removed).map((m) => m.amountFen));
    expectThat(
      rows(mine('allocation')).length === 1 && allocated === a.amountFen,
      `allocation ${a.id}: one allocation row of ${yuan(a.amountFen)}, found ${yuan(allocated)}`,
    );
    expectThat(
      rows(mine('receipt')).length === 1 && received === allocated,
      `allocation ${a.id}: received ${yuan(received)} ≠ allocated ${yuan(allocated)}`,
    );
    expectThat(
      ledgerMatched === tableMatched,
      `allocation ${a.id}: ledger matched ${yuan(ledgerMatched)} ≠ active fund_matches ${yuan(tableMatched)}`,
    );
    expectThat(
      a.matchedFen === tableMatched,
      `allocation ${a.id}: allocations.matched_fen ${yuan(a.matchedFen)} ≠ active fund_matches ${yuan(tableMatched)}`,
    );
    expectThat(tableMatched <= received, `allocation ${a.id}: matched ${yuan(tableMatched)} > received ${yuan(received)}`);
    const earmarked = sum(a.earmarks.map((e) => e.amountFen));
    for (const e of a.earmarks) {
      const used = sum(s.matches.filter((m) => m.allocationId === a.id && !m.removed && m.purpose === e.purpose).map((m) => m.amountFen));
      expectThat(used <= e.amountFen, `allocation ${a.id}: earmark “${e.purpose}” matched ${yuan(used)} > ${yuan(e.amountFen)}`);
    }
    const general = sum(s.matches.filter((m) => m.allocationId === a.id && !m.removed && m.purpose === null).map((m) => m.amountFen));
    expectThat(
      general <= a.amountFen - earmarked,
      `allocation ${a.id}: unearmarked matches ${yuan(general)} > ${yuan(a.amountFen - earmarked)}`,
    );
    const purposes = new Set(a.earmarks.map((e) => e.purpose));
    expectThat(
      s.matches.every((m) => m.allocationId !== a.id || m.purpose === null || purposes.has(m.purpose)),
      `allocation ${a.id}: a match names a purpose the allocation has no earmark for`,
    );
  }

  // Per project: Σ payments ≤ Σ active matches ≤ budget, payments never ahead of progress, retention to the fen.
  for (const p of s.projects) {
    const matched = activeMatchedFen(s, p.id);
    const paid = paidByKind(s, p.id);
    const paidTotal = paid.progress + paid.final + paid.retention + paid.household;
    const mine = (kind: string) => (r: LedgerRow) => r.projectId === p.id && r.kind === kind;
    const ledgerMatched = total(mine('match')) - total(mine('unmatch'));
    expectThat(ledgerMatched === matched, `project ${p.id}: ledger matched ${yuan(ledgerMatched)} ≠ active fund_matches ${yuan(matched)}`);
    expectThat(
      total(mine('payment')) === paidTotal,
      `project ${p.id}: ledger paid ${yuan(total(mine('payment')))} ≠ payments ${yuan(paidTotal)}`,
    );
    expectThat(paidTotal <= matched, `project ${p.id}: paid ${yuan(paidTotal)} > matched ${yuan(matched)}`);
    expectThat(matched <= p.budgetFen, `project ${p.id}: matched ${yuan(matched)} > budget ${yuan(p.budgetFen)}`);
    const rate = p.retention?.rate ?? rateOf(p);
    const ceiling = progressCeilingFen({
      contractFen: p.contractFen,
      retentionRate: rate,
      latestPercent: p.latestPercent,
      accepted: p.accepted,
      retentionReleased: false,
      matchedFen: matched,
      paid,
    });
    expectThat(
      paid.progress <= ceiling,
      `project ${p.id}: progress paid ${yuan(paid.progress)} > contract ${yuan(p.contractFen)} × ${p.latestPercent}% × (1 − ${rate}) = ${yuan(ceiling)}`,
    );
    expectThat(
      paid.progress + paid.final <= payableBeforeWarrantyFen(p.contractFen, rate),
      `project ${p.id}: works paid ${yuan(paid.progress + paid.final)} > contract less retention ${yuan(payableBeforeWarrantyFen(p.contractFen, rate))}`,
    );
    expectThat(
      paid.progress + paid.final + paid.retention <= p.contractFen,
      `project ${p.id}: works and retention paid exceed the contract ${yuan(p.contractFen)}`,
    );
    expectThat(p.accepted || paid.final === 0n, `project ${p.id}: final payment before acceptance`);
    expectThat(p.retention?.releasedAt != null || paid.retention === 0n, `project ${p.id}: retention paid before the warranty ended`);
    const held = rows(mine('retention_held'));
    const released = rows(mine('retention_released'));
    const expectedHeld = p.accepted ? retentionFen(p.contractFen, rate) : 0n;
    expectThat(
      held.length <= 1 && total(mine('retention_held')) === expectedHeld,
      `project ${p.id}: retention held ${yuan(total(mine('retention_held')))}, expected ${yuan(expectedHeld)}`,
    );
    expectThat(
      !p.retention || p.retention.heldFen === expectedHeld,
      `project ${p.id}: the workflow holds ${yuan(p.retention?.heldFen ?? 0n)} as retention, expected ${yuan(expectedHeld)}`,
    );
    const expectedReleased = p.retention?.releasedAt ? expectedHeld : 0n;
    expectThat(
      released.length <= 1 && total(mine('retention_released')) === expectedReleased,
      `project ${p.id}: retention released ${yuan(total(mine('retention_released')))}, expected ${yuan(expectedReleased)}`,
    );
  }

  // Ledger sums per kind equal the source tables, row by row with their references.
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const matchById = byId(s.matches);
  const paymentById = byId(s.payments);
  expectThat(total((r) => r.kind === 'match') === sum(s.matches.map((m) => m.amountFen)), `Σ ledger match ≠ Σ fund_matches`);
  expectThat(
    total((r) => r.kind === 'unmatch') === sum(s.matches.filter((m) => m.removed).map((m) => m.amountFen)),
    `Σ ledger unmatch ≠ Σ removed fund_matches`,
  );
  expectThat(total((r) => r.kind === 'payment') === sum(s.payments.map((p) => p.amountFen)), `Σ ledger payment ≠ Σ payments`);
  for (const m of s.matches) {
    const made = rows((r) => r.kind === 'match' && r.matchId === m.id);
    const undone = rows((r) => r.kind === 'unmatch' && r.matchId === m.id);
    expectThat(
      made.length === 1 &&
        made[0].amountFen === m.amountFen &&
        made[0].allocationId === m.allocationId &&
        made[0].projectId === m.projectId,
      `match ${m.id}: no single ledger match row with its amount and references`,
    );
    expectThat(
      undone.length === (m.removed ? 1 : 0) && undone.every((r) => r.amountFen === m.amountFen && r.projectId === m.projectId),
      `match ${m.id}: ${undone.length} unmatch rows while removed = ${m.removed}`,
    );
  }
  for (const r of rows((x) => x.kind === 'match' || x.kind === 'unmatch'))
    expectThat(r.matchId !== null && matchById.has(r.matchId), `ledger ${r.kind} row ${r.id} names no known match`);
  for (const p of s.payments) {
    const lines = rows((r) => r.kind === 'payment' && r.paymentId === p.id);
    expectThat(
      lines.length === 1 && lines[0].amountFen === p.amountFen && lines[0].projectId === p.projectId && lines[0].note === p.kind,
      `payment ${p.id}: no single ledger payment row with its amount, project and kind`,
    );
    const households = s.households.filter((h) => h.paymentId === p.id);
    if (p.kind === 'household')
      expectThat(sum(households.map((h) => h.amountFen)) === p.amountFen, `payment ${p.id}: household lines do not add up to the payment`);
    else expectThat(households.length === 0, `payment ${p.id}: household lines on a ${p.kind} payment`);
  }
  for (const r of rows((x) => x.kind === 'payment'))
    expectThat(r.paymentId !== null && paymentById.has(r.paymentId), `ledger payment row ${r.id} names no known payment`);
  return problems;
}
