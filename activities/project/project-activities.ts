import type { DataSource, EntityManager } from 'typeorm';
import type { ApplicationData, ProjectStep } from '../../workflows/project/project.types';
import type { ProjectActivities } from './project-activities.types';

async function writeApplication(m: EntityManager, step: ProjectStep, app: ApplicationData): Promise<void> {
  await m.query(
    `INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, scale,
       total_budget_fen, funding_sources, beneficiaries, farmer_link, performance_targets, attachments, created_by,
       state_version, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$19)
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, type = EXCLUDED.type, stage = EXCLUDED.stage, village_code = EXCLUDED.village_code,
       county_code = EXCLUDED.county_code, department_code = EXCLUDED.department_code, place = EXCLUDED.place,
       content = EXCLUDED.content, scale = EXCLUDED.scale, total_budget_fen = EXCLUDED.total_budget_fen,
       funding_sources = EXCLUDED.funding_sources, beneficiaries = EXCLUDED.beneficiaries,
       farmer_link = EXCLUDED.farmer_link, performance_targets = EXCLUDED.performance_targets,
       attachments = EXCLUDED.attachments, state_version = EXCLUDED.state_version, updated_at = EXCLUDED.updated_at
     WHERE projects.state_version < EXCLUDED.state_version`,
    [
      step.projectId, app.name, app.type, step.toStage, app.villageCode, app.countyCode, app.departmentCode, app.place,
      app.content, app.scale, app.totalBudgetFen, JSON.stringify(app.fundingSources), JSON.stringify(app.beneficiaries),
      app.farmerLink, JSON.stringify(app.performanceTargets), JSON.stringify(app.attachments), step.createdBy ?? step.actor.userId,
      step.seq, step.at,
    ],
  );
}

/**
 * Activities retry, so every write here is keyed by (project, seq): the projection only moves
 * forward in version and the audit row is inserted at most once.
 */
export function createProjectActivities(dataSource: DataSource): ProjectActivities {
  return {
    async recordProjectStep(step: ProjectStep): Promise<void> {
      await dataSource.transaction(async (m) => {
        if (step.application) {
          await writeApplication(m, step, step.application);
        } else {
          await m.query(
            `UPDATE projects SET stage = $2, state_version = $3, updated_at = $4 WHERE id = $1 AND state_version < $3`,
            [step.projectId, step.toStage, step.seq, step.at],
          );
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
      });
    },
  };
}
