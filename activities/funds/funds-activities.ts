import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { appendLedgerEntry } from '../../libs/persistence/src/ledger';
import { lockProjectMoney, moveAllocationMatched, writeAllocation, writeMatchStep, writeMatchSteps } from '../../libs/persistence/src/fund-match-rows';
import { formatYuan } from '../../libs/domain/src/money';
import type { MatchingDeadlineEvent } from '../../workflows/funds/allocation.types';
import type { FundsActivities } from './funds-activities.types';

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, 'RULE_BROKEN');

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
      const refusal = await dataSource.transaction((m) => writeMatchStep(m, step));
      if (refusal !== null) throw refuse(refusal);
    },

    async recordMatches(steps) {
      return { refused: await writeMatchSteps(dataSource, steps) };
    },

    async recordUnmatch(step) {
      return dataSource.transaction(async (m) => {
        // The row's own amount and project, not the caller's copy of them; a match's project never changes.
        const row = async (): Promise<{ removed_at: Date | null; amount_fen: string; project_id: string; purpose: string | null } | undefined> =>
          (
            await m.query(`SELECT removed_at, amount_fen::text AS amount_fen, project_id, purpose FROM fund_matches WHERE id = $1 AND allocation_id = $2`, [
              step.matchId,
              step.allocationId,
            ])
          )[0];
        const found = await row();
        if (!found) return null;
        const money = await lockProjectMoney(m, found.project_id);
        // Read again under the project's lock, which every writer of its matches takes first.
        const current = await row();
        const removing = current && current.removed_at === null ? current : null;
        if (removing) {
          if (money.matched - BigInt(removing.amount_fen) < money.paid) {
            throw refuse(`项目已拨付 ${formatYuan(money.paid)} 元，撤销后匹配资金将少于已拨付资金`);
          }
          await m.query(`UPDATE fund_matches SET removed_at = $2, removed_by = $3, removal_reason = $4 WHERE id = $1`, [step.matchId, step.at, step.actor.userId, step.reason]);
          await appendLedgerEntry(m, { source: `unmatch-${step.matchId}`, at: step.at, kind: 'unmatch', amountFen: removing.amount_fen, countyCode: step.countyCode, batchId: step.batchId, allocationId: step.allocationId, projectId: removing.project_id, matchId: step.matchId, actor: step.actor.name, note: step.reason });
          await moveAllocationMatched(m, step, -BigInt(removing.amount_fen));
        }
        return removing && { amountFen: removing.amount_fen, purpose: removing.purpose };
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
