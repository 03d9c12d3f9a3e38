import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { appendLedgerEntry } from '../../libs/persistence/src/ledger';
import { formatYuan } from '../../libs/domain/src/money';
import type { MatchingDeadlineEvent, MatchingStep } from '../../workflows/funds/allocation.types';
import type { FundsActivities } from './funds-activities.types';

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, 'RULE_BROKEN');

/** Concurrent steps of one allocation write one at a time, each summing after the previous one committed. */
async function lockAllocation(m: EntityManager, allocationId: string): Promise<void> {
  await m.query(`SELECT id FROM allocations WHERE id = $1 FOR UPDATE`, [allocationId]);
}

/**
 * The allocation row's matched sum and status come from the matches actually written, not from the
 * workflow's count, which may include a concurrent match the database then refused.
 */
async function writeAllocation(m: EntityManager, step: MatchingStep): Promise<void> {
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
async function lockProjectMoney(m: EntityManager, projectId: string): Promise<{ budget: bigint; matched: bigint; paid: bigint }> {
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

export function createFundsActivities(dataSource: DataSource): FundsActivities {
  return {
    async recordReceipt(step) {
      await dataSource.transaction(async (m) => {
        await m.query(`UPDATE allocations SET received_at = $2, due_at = $3, matching_deadline = $4 WHERE id = $1`, [
          step.allocationId, step.receivedAt, step.dueAt, step.matchingDeadline,
        ]);
        await writeAllocation(m, step);
        await appendLedgerEntry(m, { source: `receipt-${step.allocationId}`, at: step.at, kind: 'receipt', amountFen: step.amountFen, countyCode: step.countyCode, batchId: step.batchId, allocationId: step.allocationId, actor: step.actor.name, note: `到账 ${step.receivedAt}` });
      });
    },

    async recordMatch(step) {
      await dataSource.transaction(async (m) => {
        await lockAllocation(m, step.allocationId);
        const [done] = await m.query(`SELECT 1 FROM fund_matches WHERE id = $1`, [step.match.id]);
        if (!done) {
          // Other allocations match the same project concurrently: its budget is checked across all of them here.
          const money = await lockProjectMoney(m, step.match.projectId);
          if (money.matched + BigInt(step.match.amountFen) > money.budget) {
            throw refuse(`项目批复预算 ${formatYuan(money.budget)} 元，已匹配 ${formatYuan(money.matched)} 元，不能再匹配 ${formatYuan(BigInt(step.match.amountFen))} 元`);
          }
          await m.query(
            `INSERT INTO fund_matches (id, allocation_id, project_id, amount_fen, purpose, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
            [step.match.id, step.allocationId, step.match.projectId, step.match.amountFen, step.match.purpose, step.at, step.actor.userId],
          );
          await appendLedgerEntry(m, { source: `match-${step.match.id}`, at: step.at, kind: 'match', amountFen: step.match.amountFen, countyCode: step.countyCode, batchId: step.batchId, allocationId: step.allocationId, projectId: step.match.projectId, matchId: step.match.id, actor: step.actor.name, note: step.match.purpose ?? undefined });
        }
        await writeAllocation(m, step);
      });
    },

    async recordUnmatch(step) {
      await dataSource.transaction(async (m) => {
        await lockAllocation(m, step.allocationId);
        const [row] = await m.query(`SELECT removed_at FROM fund_matches WHERE id = $1`, [step.matchId]);
        if (row && row.removed_at === null) {
          const money = await lockProjectMoney(m, step.projectId);
          if (money.matched - BigInt(step.amountFen) < money.paid) {
            throw refuse(`项目已拨付 ${formatYuan(money.paid)} 元，撤销后匹配资金将少于已拨付资金`);
          }
          await m.query(`UPDATE fund_matches SET removed_at = $2, removed_by = $3, removal_reason = $4 WHERE id = $1`, [step.matchId, step.at, step.actor.userId, step.reason]);
          await appendLedgerEntry(m, { source: `unmatch-${step.matchId}`, at: step.at, kind: 'unmatch', amountFen: step.amountFen, countyCode: step.countyCode, batchId: step.batchId, allocationId: step.allocationId, projectId: step.projectId, matchId: step.matchId, actor: step.actor.name, note: step.reason });
        }
        await writeAllocation(m, step);
      });
    },

    async recordMatchingDeadline(event: MatchingDeadlineEvent) {
      const message =
        event.kind === 'warning'
          ? `资金匹配预警：距匹配期限（${event.dueAt}）不足 ${event.label.replace(/^P/, '').replace('D', ' 天')}，尚有 ${formatYuan(BigInt(event.unmatchedFen))} 元未落实到项目`
          : `资金匹配逾期：已超过匹配期限（${event.dueAt}），尚有 ${formatYuan(BigInt(event.unmatchedFen))} 元未落实到项目`;
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO notifications (kind, region_code, allocation_id, message, created_at, dedupe_key)
           VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (dedupe_key) DO NOTHING`,
          [`matching_${event.kind}`, event.countyCode, event.allocationId, message, event.at, `allocation-${event.allocationId}-${event.kind}-${event.label}`],
        );
        if (event.kind === 'warning') await m.query(`UPDATE allocations SET warned_at = COALESCE(warned_at, $2) WHERE id = $1`, [event.allocationId, event.at]);
        else await m.query(`UPDATE allocations SET overdue_at = COALESCE(overdue_at, $2), status = CASE WHEN status = 'done' THEN status ELSE 'overdue' END WHERE id = $1`, [event.allocationId, event.at]);
      });
    },
  };
}
