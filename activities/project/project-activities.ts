import type { DataSource, EntityManager } from 'typeorm';
import type { Policy } from '../../libs/domain/src/policy';
import { effectivePolicy } from '../../libs/persistence/src/policies/policy-store';
import type { ProjectStep, TaskDeadlineEvent } from '../../workflows/project/project.types';
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

/** The inbox follows the newest step: its open task replaces whatever was open before. */
async function writeInbox(m: EntityManager, step: ProjectStep): Promise<void> {
  await m.query(
    `UPDATE tasks SET status = 'done', closed_seq = $2, closed_at = $3, closed_by = $4, closed_by_name = $5
     WHERE project_id = $1 AND status = 'open'`,
    [step.projectId, step.seq, step.at, step.actor.userId, step.actor.name],
  );
  const task = step.process.task;
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
    async recordProjectStep(step: ProjectStep): Promise<void> {
      await dataSource.transaction(async (m) => {
        if (await writeProjection(m, step)) await writeInbox(m, step);
        await m.query(
          `INSERT INTO project_events (project_id, seq, at, actor_id, actor_name, role, action, from_stage, to_stage, comment, details)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
           ON CONFLICT (project_id, seq) DO NOTHING`,
          [
            step.projectId, step.seq, step.at, step.actor.userId, step.actor.name, step.actor.role, step.action,
            step.fromStage, step.toStage, step.comment, step.details === null ? null : JSON.stringify(step.details),
          ],
        );
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

    async loadPolicy(villageCode: string): Promise<Policy> {
      return (await effectivePolicy(dataSource, villageCode)).policy;
    },
  };
}
