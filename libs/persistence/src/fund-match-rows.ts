import type { DataSource, EntityManager } from 'typeorm';
import { applyMatch, checkAllocationShare, checkProjectBudget, checkUnmatchAmount, emptyTotals } from '../../domain/src/allocation-totals';
import type { MatchingStep, MatchStep } from '../../../workflows/funds/allocation.types';
import { appendLedgerEntry } from './ledger';

/**
 * Writers of a match take the project's row first and the allocation's last, just before they
 * commit: the order every writer of matches follows, so two never wait on each other the other
 * way round, and the allocation's row, which every match of a county shares, is held only briefly.
 */
export async function lockAllocation(m: EntityManager, allocationId: string): Promise<void> {
  await m.query(`SELECT id FROM allocations WHERE id = $1 FOR UPDATE`, [allocationId]);
}

/**
 * The allocation row's matched sum and status come from the matches actually written, not from the
 * workflow's count, which may include a match the database then refused.
 */
export async function writeAllocation(m: EntityManager, step: Pick<MatchingStep, 'allocationId' | 'version' | 'at'>): Promise<void> {
  await lockAllocation(m, step.allocationId);
  await m.query(
    `UPDATE allocations a SET
       matched_fen = s.matched,
       status = CASE WHEN s.matched = a.amount_fen THEN 'done' WHEN a.due_at IS NOT NULL AND a.due_at <= $3::timestamptz THEN 'overdue' ELSE 'received' END,
       done_at = CASE WHEN s.matched = a.amount_fen THEN COALESCE(a.done_at, $3::timestamptz) END,
       state_version = GREATEST(a.state_version, $2::int)
     FROM (SELECT COALESCE(sum(amount_fen), 0) AS matched FROM fund_matches WHERE allocation_id = $1 AND removed_at IS NULL) s
     WHERE a.id = $1`,
    [step.allocationId, step.version, step.at],
  );
}

/**
 * Sum of a project's active matches and payments under its row lock (payments take the same lock).
 * The lock is its own statement: a statement's snapshot is taken before it waits, so sums read in
 * the locking statement would miss what the previous lock holder just committed.
 */
export async function lockProjectMoney(m: EntityManager, projectId: string): Promise<{ budget: bigint; matched: bigint; paid: bigint }> {
  await m.query(`SELECT id FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
  const [row] = await m.query(
    `SELECT p.total_budget_fen::text AS budget,
       (SELECT COALESCE(sum(amount_fen), 0) FROM fund_matches WHERE project_id = p.id AND removed_at IS NULL)::text AS matched,
       (SELECT COALESCE(sum(amount_fen), 0) FROM payments WHERE project_id = p.id)::text AS paid
     FROM projects p WHERE p.id = $1`,
    [projectId],
  );
  return { budget: BigInt(row.budget), matched: BigInt(row.matched), paid: BigInt(row.paid) };
}

/**
 * Moves the allocation row's matched sum by one match written or removed in this transaction. One
 * statement: waiting for the row, it applies the change to the row as the previous holder left it,
 * and holds the row only until the commit that follows.
 */
export async function moveAllocationMatched(m: EntityManager, step: Pick<MatchingStep, 'allocationId' | 'version' | 'at'>, deltaFen: bigint): Promise<void> {
  await m.query(
    `UPDATE allocations a SET
       matched_fen = a.matched_fen + $4::bigint,
       status = CASE WHEN a.matched_fen + $4::bigint = a.amount_fen THEN 'done' WHEN a.due_at IS NOT NULL AND a.due_at <= $3::timestamptz THEN 'overdue' ELSE 'received' END,
       done_at = CASE WHEN a.matched_fen + $4::bigint = a.amount_fen THEN COALESCE(a.done_at, $3::timestamptz) END,
       state_version = GREATEST(a.state_version, $2::int)
     WHERE a.id = $1`,
    [step.allocationId, step.version, step.at, deltaFen.toString()],
  );
}

/** Whether the match is written already; asked under the project's lock, so a concurrent writer of it has committed or not started. */
async function matchWritten(m: EntityManager, matchId: string): Promise<boolean> {
  const [done] = await m.query(`SELECT 1 FROM fund_matches WHERE id = $1`, [matchId]);
  return done !== undefined;
}

/** The match row, its ledger line and the allocation's running sum, once every check has passed. */
async function insertMatch(m: EntityManager, step: MatchStep): Promise<void> {
  await m.query(
    `INSERT INTO fund_matches (id, allocation_id, project_id, amount_fen, purpose, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [step.match.id, step.allocationId, step.match.projectId, step.match.amountFen, step.match.purpose, step.at, step.actor.userId],
  );
  await appendLedgerEntry(m, {
    source: `match-${step.match.id}`,
    at: step.at,
    kind: 'match',
    amountFen: step.match.amountFen,
    countyCode: step.countyCode,
    batchId: step.batchId,
    allocationId: step.allocationId,
    projectId: step.match.projectId,
    matchId: step.match.id,
    actor: step.actor.name,
    note: step.match.purpose ?? undefined,
  });
  await moveAllocationMatched(m, step, BigInt(step.match.amountFen));
}

/**
 * Writes one answered match with its ledger line, unless it is already there (a retry, or the API
 * and the workflow both writing it). Other allocations match the same project concurrently, so its
 * budget across all of them is checked here, under its row lock: the guard no race gets past.
 * Answers the refusal's message, having written nothing, when the budget no longer allows it.
 */
export async function writeMatchStep(m: EntityManager, step: MatchStep): Promise<string | null> {
  const money = await lockProjectMoney(m, step.match.projectId);
  if (await matchWritten(m, step.match.id)) return null;
  const verdict = checkProjectBudget({ budgetFen: money.budget, matchedFen: money.matched }, BigInt(step.match.amountFen));
  if (!verdict.ok) return verdict.message;
  await insertMatch(m, step);
  return null;
}

/**
 * Each match in a transaction of its own, so one the budget refuses does not hold back the others.
 * Usually the API has written them all; one read finds that out without taking any lock.
 */
export async function writeMatchSteps(dataSource: DataSource, steps: MatchStep[]): Promise<{ matchId: string; message: string }[]> {
  const rows: { id: string }[] = await dataSource.query(`SELECT id FROM fund_matches WHERE id = ANY($1)`, [steps.map((s) => s.match.id)]);
  const written = new Set(rows.map((r) => r.id));
  const refused: { matchId: string; message: string }[] = [];
  for (const step of steps.filter((s) => !written.has(s.match.id))) {
    const message = await dataSource.transaction((m) => writeMatchStep(m, step));
    if (message !== null) refused.push({ matchId: step.match.id, message });
  }
  return refused;
}

/**
 * A match decided by PostgreSQL alone, for an allocation whose workflow keeps only the clock: the
 * project's budget under its row lock, then the allocation's share under the allocation's row lock,
 * held from the check to the commit, so two matches of one allocation are decided one after the
 * other on sums each sees whole. Answers the refusal's message, having written nothing, or null.
 */
export async function writeGatedMatch(m: EntityManager, step: MatchStep): Promise<string | null> {
  const money = await lockProjectMoney(m, step.match.projectId);
  // The same keyed request run twice (its claim lapsed while it ran) finds its match before the spent allocation.
  if (await matchWritten(m, step.match.id)) return null;
  const budget = checkProjectBudget({ budgetFen: money.budget, matchedFen: money.matched }, BigInt(step.match.amountFen));
  if (!budget.ok) return budget.message;
  const [allocation] = await m.query(
    `SELECT amount_fen::text AS amount_fen, matched_fen::text AS matched_fen, earmarks FROM allocations WHERE id = $1 FOR UPDATE`,
    [step.allocationId],
  );
  const earmarks = (allocation.earmarks as { purpose: string; amountFen: string }[]).map((e) => ({ purpose: e.purpose, amountFen: BigInt(e.amountFen) }));
  const totals = emptyTotals(BigInt(allocation.amount_fen), earmarks);
  if (earmarks.length === 0) {
    // The row's running sum, kept by every writer under this lock: no need to add up the matches.
    applyMatch(totals, { amountFen: BigInt(allocation.matched_fen), purpose: null });
  } else {
    const sums: { purpose: string | null; fen: string }[] = await m.query(
      `SELECT purpose, sum(amount_fen)::text AS fen FROM fund_matches WHERE allocation_id = $1 AND removed_at IS NULL GROUP BY purpose`,
      [step.allocationId],
    );
    for (const sum of sums) applyMatch(totals, { amountFen: BigInt(sum.fen), purpose: sum.purpose });
  }
  const share = checkAllocationShare(totals, { amountFen: BigInt(step.match.amountFen), purpose: step.match.purpose });
  if (!share.ok) return share.message;
  await insertMatch(m, step);
  return null;
}

/**
 * 撤销匹配 of one active match of the allocation: the row's own amount and project, not a caller's
 * copy of them. Answers the money taken back, null when the allocation has no such active match,
 * or a refusal's message when the project would be left with more paid than matched.
 */
export async function writeUnmatch(
  m: EntityManager,
  step: MatchingStep & { matchId: string; reason: string },
): Promise<{ removed: { amountFen: string; purpose: string | null } | null; refusal: string | null }> {
  const row = async (): Promise<{ removed_at: Date | null; amount_fen: string; project_id: string; purpose: string | null } | undefined> =>
    (
      await m.query(`SELECT removed_at, amount_fen::text AS amount_fen, project_id, purpose FROM fund_matches WHERE id = $1 AND allocation_id = $2`, [
        step.matchId,
        step.allocationId,
      ])
    )[0];
  const found = await row();
  if (!found) return { removed: null, refusal: null };
  const money = await lockProjectMoney(m, found.project_id);
  // Read again under the project's lock, which every writer of its matches takes first.
  const current = await row();
  const removing = current && current.removed_at === null ? current : null;
  if (!removing) return { removed: null, refusal: null };
  const verdict = checkUnmatchAmount(BigInt(removing.amount_fen), { matchedTotalFen: money.matched, paidFen: money.paid });
  if (!verdict.ok) return { removed: null, refusal: verdict.message };
  await m.query(`UPDATE fund_matches SET removed_at = $2, removed_by = $3, removal_reason = $4 WHERE id = $1`, [step.matchId, step.at, step.actor.userId, step.reason]);
  await appendLedgerEntry(m, {
    source: `unmatch-${step.matchId}`,
    at: step.at,
    kind: 'unmatch',
    amountFen: removing.amount_fen,
    countyCode: step.countyCode,
    batchId: step.batchId,
    allocationId: step.allocationId,
    projectId: removing.project_id,
    matchId: step.matchId,
    actor: step.actor.name,
    note: step.reason,
  });
  await moveAllocationMatched(m, step, -BigInt(removing.amount_fen));
  return { removed: { amountFen: removing.amount_fen, purpose: removing.purpose }, refusal: null };
}
