import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { appendLedgerEntry } from '../../libs/persistence/src/ledger';
import { writeAllocation, writeMatchStep, writeMatchSteps, writeUnmatch } from '../../libs/persistence/src/fund-match-rows';
import { matchingDeadlineMessage } from '../../libs/domain/src/matching-deadline-message';
import { shanghaiDayOrTime } from '../../libs/domain/src/calendar';
import type { MatchingDeadlineEvent } from '../../workflows/funds/allocation.types';
import type { FundsActivities } from './funds-activities.types';

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, 'RULE_BROKEN');

/** A warning or the overdue mark, once per allocation and point, with the city's notification. */
async function writeMatchingDeadline(m: EntityManager, event: MatchingDeadlineEvent): Promise<void> {
  const message = matchingDeadlineMessage(event);
  await m.query(
    `INSERT INTO notifications (kind, region_code, allocation_id, message, created_at, dedupe_key)
     VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (dedupe_key) DO NOTHING`,
    [`matching_${event.kind}`, event.countyCode, event.allocationId, message, event.at, `allocation-${event.allocationId}-${event.kind}-${event.label}`],
  );
  if (event.kind === 'warning') await m.query(`UPDATE allocations SET warned_at = COALESCE(warned_at, $2) WHERE id = $1`, [event.allocationId, event.at]);
  else await m.query(`UPDATE allocations SET overdue_at = COALESCE(overdue_at, $2), status = CASE WHEN status = 'done' THEN status ELSE 'overdue' END WHERE id = $1`, [event.allocationId, event.at]);
}

export function createFundsActivities(dataSource: DataSource): FundsActivities {
  return {
    async recordReceipt(step) {
      await dataSource.transaction(async (m) => {
        await m.query(`UPDATE allocations SET received_at = $2, due_at = $3, matching_deadline = $4, match_gate = $5 WHERE id = $1`, [
          step.allocationId, step.receivedAt, step.dueAt, step.matchingDeadline, step.matchGate ?? 'workflow',
        ]);
        await writeAllocation(m, step);
        await appendLedgerEntry(m, { source: `receipt-${step.allocationId}`, at: step.at, kind: 'receipt', amountFen: step.amountFen, countyCode: step.countyCode, batchId: step.batchId, allocationId: step.allocationId, actor: step.actor.name, note: `到账 ${shanghaiDayOrTime(new Date(step.receivedAt))}` });
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
      const { removed, refusal } = await dataSource.transaction((m) => writeUnmatch(m, step));
      if (refusal !== null) throw refuse(refusal);
      return removed;
    },

    async recordMatchingDeadline(event: MatchingDeadlineEvent) {
      await dataSource.transaction((m) => writeMatchingDeadline(m, event));
    },

    async checkMatchingDeadline(check) {
      return dataSource.transaction(async (m) => {
        // Under the allocation's row lock, which a match holds until its commit: the sums are whole.
        const [row] = await m.query(`SELECT amount_fen::text AS amount_fen, matched_fen::text AS matched_fen FROM allocations WHERE id = $1 FOR UPDATE`, [
          check.allocationId,
        ]);
        const unmatchedFen = BigInt(row.amount_fen) - BigInt(row.matched_fen);
        if (unmatchedFen > 0n) await writeMatchingDeadline(m, { ...check, unmatchedFen: unmatchedFen.toString() });
        return { matchedFen: row.matched_fen as string, unmatchedFen: unmatchedFen.toString() };
      });
    },
  };
}
