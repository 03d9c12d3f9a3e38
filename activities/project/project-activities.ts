import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { formatYuan } from '../../libs/domain/src/money';
import { appendLedgerEntry } from '../../libs/persistence/src/ledger';
import { recordedVersion, writeProjectSteps } from '../../libs/persistence/src/project-steps';
import type { PaymentInstruction, ProjectStep, TaskDeadlineEvent } from '../../workflows/project/project.types';
import type { ProjectActivities } from './project-activities.types';

/** Activities retry, so every write here is idempotent: keyed by (project, seq) or by payment id. */
export function createProjectActivities(dataSource: DataSource): ProjectActivities {
  return {
    async recordProjectSteps(steps: ProjectStep[]): Promise<void> {
      const last = steps.at(-1);
      // The API normally wrote them already: then this is one indexed read.
      if (!last || (await recordedVersion(dataSource, last.projectId)) >= last.seq) return;
      await writeProjectSteps(dataSource, steps);
    },

    async recordTaskDeadline(event: TaskDeadlineEvent): Promise<void> {
      const column = event.kind === 'reminded' ? 'reminded_at' : 'overdue_at';
      await dataSource.query(`UPDATE tasks SET ${column} = COALESCE(${column}, $3) WHERE project_id = $1 AND opened_seq = $2`, [
        event.projectId,
        event.openedSeq,
        event.at,
      ]);
    },

    async recordPayment(instruction: PaymentInstruction): Promise<void> {
      await dataSource.transaction(async (m) => recordPayment(m, instruction));
    },

  };
}

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, 'RULE_BROKEN');

/**
 * Matches are changed by other workflows (one per batch and county), so the matched total is read
 * here under the project's row lock, which every payment and every un-match takes first.
 */
async function recordPayment(m: EntityManager, { projectId, countyCode, payment, worksCeilingFen, actor, at }: PaymentInstruction): Promise<void> {
  await m.query(`SELECT id FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
  const [existing] = await m.query(`SELECT id FROM payments WHERE id = $1`, [payment.id]);
  if (existing) return; // a retry after the first attempt committed
  const [totals] = await m.query(
    `SELECT
       (SELECT COALESCE(sum(amount_fen), 0) FROM fund_matches WHERE project_id = $1 AND removed_at IS NULL)::text AS matched,
       (SELECT COALESCE(sum(amount_fen), 0) FROM payments WHERE project_id = $1)::text AS paid,
       (SELECT COALESCE(sum(amount_fen), 0) FROM payments WHERE project_id = $1 AND kind <> 'household')::text AS works`,
    [projectId],
  );
  const amount = BigInt(payment.amountFen);
  if (BigInt(totals.paid) + amount > BigInt(totals.matched)) {
    throw refuse(`项目已匹配资金 ${formatYuan(BigInt(totals.matched))} 元，已拨付 ${formatYuan(BigInt(totals.paid))} 元，本次拨付将超过匹配资金`);
  }
  if (payment.kind !== 'household' && BigInt(totals.works) + amount > BigInt(worksCeilingFen)) {
    throw refuse('本次拨付将超过按进度或合同可拨付的金额');
  }
  await m.query(`INSERT INTO payments (id, project_id, kind, amount_fen, paid_at, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [
    payment.id, projectId, payment.kind, payment.amountFen, payment.paidAt, at, actor.userId,
  ]);
  const year = Number(payment.paidAt.slice(0, 4));
  for (const h of payment.households) {
    const inserted = await m.query(
      `INSERT INTO household_payments (payment_id, project_id, household_id, name, account, item, year, amount_fen)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (project_id, household_id, item, year) DO NOTHING RETURNING household_id`,
      [payment.id, projectId, h.householdId, h.name, h.account, h.item, year, h.amountFen],
    );
    if (inserted.length === 0) throw refuse(`农户 ${h.householdId} 的“${h.item}”补助 ${year} 年已发放，不能重复发放`);
  }
  await appendLedgerEntry(m, {
    source: `payment-${payment.id}`,
    at,
    kind: 'payment',
    amountFen: payment.amountFen,
    countyCode,
    projectId,
    paymentId: payment.id,
    actor: actor.name,
    note: payment.kind,
  });
}
