import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { formatYuan } from '../../libs/domain/src/money';
import type { Policy } from '../../libs/domain/src/policy';
import { appendLedgerEntry } from '../../libs/persistence/src/ledger';
import { effectivePolicy } from '../../libs/persistence/src/policies/policy-store';
import type { PaymentInstruction, ProjectStep, TaskDeadlineEvent } from '../../workflows/project/project.types';
import type { ProjectActivities } from './project-activities.types';

/** Writes the projection if this step is newer than what the row holds; true when it was. */
async function writeProjection(m: EntityManager, step: ProjectStep): Promise<boolean> {
  const app = step.application;
  const rows: unknown[] = await m.query(
    `INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, scale,
       total_budget_fen, funding_sources, beneficiaries, farmer_link, performance_targets, attachments, created_by,
       state_version, details, due_at, library_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$22)
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, type = EXCLUDED.type, stage = EXCLUDED.stage, village_code = EXCLUDED.village_code,
       county_code = EXCLUDED.county_code, department_code = EXCLUDED.department_code, place = EXCLUDED.place,
       content = EXCLUDED.content, scale = EXCLUDED.scale, total_budget_fen = EXCLUDED.total_budget_fen,
       funding_sources = EXCLUDED.funding_sources, beneficiaries = EXCLUDED.beneficiaries,
       farmer_link = EXCLUDED.farmer_link, performance_targets = EXCLUDED.performance_targets,
       attachments = EXCLUDED.attachments, state_version = EXCLUDED.state_version, details = EXCLUDED.details,
       due_at = EXCLUDED.due_at, library_at = EXCLUDED.library_at, updated_at = EXCLUDED.updated_at
     WHERE projects.state_version < EXCLUDED.state_version
     RETURNING id`,
    [
      step.projectId, app.name, app.type, step.toStage, app.villageCode, app.countyCode, app.departmentCode, app.place,
      app.content, app.scale, app.totalBudgetFen, JSON.stringify(app.fundingSources), JSON.stringify(app.beneficiaries),
      app.farmerLink, JSON.stringify(app.performanceTargets), JSON.stringify(app.attachments), step.createdBy ?? step.actor.userId,
      step.seq, JSON.stringify(step.process), step.process.task?.dueAt ?? null, step.process.library?.approvedAt ?? null, step.at,
    ],
  );
  return rows.length > 0;
}

/**
 * The inbox follows the newest step: a task opened by this step replaces whatever was open; a
 * task carried over from an earlier step stays as it is.
 */
async function writeInbox(m: EntityManager, step: ProjectStep): Promise<void> {
  const task = step.process.task;
  if (task && task.openedSeq !== step.seq) return;
  await m.query(
    `UPDATE tasks SET status = 'done', closed_seq = $2, closed_at = $3, closed_by = $4, closed_by_name = $5
     WHERE project_id = $1 AND status = 'open'`,
    [step.projectId, step.seq, step.at, step.actor.userId, step.actor.name],
  );
  if (!task) return;
  await m.query(
    `INSERT INTO tasks (project_id, opened_seq, role, region_code, department, action, stage, opened_at, due_at, remind_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (project_id, opened_seq) DO NOTHING`,
    [step.projectId, step.seq, task.role, task.regionCode, task.department, task.action, step.toStage, task.openedAt, task.dueAt, task.remindAt],
  );
}

/**
 * Activities retry, so every write here is keyed by (project, seq): the projection and the inbox
 * only move forward in version, and the audit row is inserted at most once.
 */
export function createProjectActivities(dataSource: DataSource): ProjectActivities {
  return {
    async recordProjectStep(step: ProjectStep): Promise<Policy> {
      return dataSource.transaction(async (m) => {
        if (await writeProjection(m, step)) await writeInbox(m, step);
        for (const [i, line] of (step.ledger ?? []).entries()) {
          await appendLedgerEntry(m, {
            source: `project-${step.projectId}`,
            step: step.seq * 10 + i,
            at: step.at,
            kind: line.kind,
            amountFen: line.amountFen,
            countyCode: step.application.countyCode,
            projectId: step.projectId,
            actor: step.actor.name,
            note: line.note,
          });
        }
        await m.query(
          `INSERT INTO project_events (project_id, seq, at, actor_id, actor_name, role, action, from_stage, to_stage, comment, details)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
           ON CONFLICT (project_id, seq) DO NOTHING`,
          [
            step.projectId, step.seq, step.at, step.actor.userId, step.actor.name, step.actor.role, step.action,
            step.fromStage, step.toStage, step.comment, step.details === null ? null : JSON.stringify(step.details),
          ],
        );
        return (await effectivePolicy(m, step.application.villageCode)).policy;
      });
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
