import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ProjectStep } from '../../../workflows/project/project.types';
import { ProjectEntity } from './entities/project.entity';
import { canonicalHistoryRow } from '../../domain/src/audit-chain';
import { appendLedgerEntry } from './ledger';

/** The projects row as a step leaves it; `createdAt` is the row's, kept from its first step. */
export function projectionOf(step: ProjectStep, createdAt: Date): ProjectEntity {
  const app = step.application;
  return Object.assign(new ProjectEntity(), {
    id: step.projectId,
    name: app.name,
    type: app.type,
    stage: step.toStage,
    villageCode: app.villageCode,
    countyCode: app.countyCode,
    departmentCode: app.departmentCode,
    place: app.place,
    content: app.content,
    scale: app.scale,
    totalBudgetFen: app.totalBudgetFen,
    fundingSources: app.fundingSources,
    beneficiaries: app.beneficiaries,
    farmerLink: app.farmerLink,
    performanceTargets: app.performanceTargets,
    attachments: app.attachments,
    createdBy: step.createdBy ?? step.actor.userId,
    stateVersion: step.seq,
    details: step.process as unknown as Record<string, unknown>,
    dueAt: step.process.task?.dueAt ? new Date(step.process.task.dueAt) : null,
    libraryAt: step.process.library?.approvedAt ? new Date(step.process.library.approvedAt) : null,
    createdAt,
    updatedAt: new Date(step.at),
  });
}

/** The canonical text of the history row, from the details exactly as jsonb will hold them. */
function historyRowText(step: ProjectStep, details: string | null): string {
  return canonicalHistoryRow({
    projectId: step.projectId,
    seq: step.seq,
    at: step.at,
    actorId: step.actor.userId,
    actorName: step.actor.name,
    role: step.actor.role,
    action: step.action,
    fromStage: step.fromStage,
    toStage: step.toStage,
    comment: step.comment,
    details: details === null ? null : JSON.parse(details),
  });
}

/**
 * One statement for one step, so the API's write is a single round trip: the projection moves
 * forward only if this step is newer than the row; only then does the inbox follow it (a task
 * opened by this step replaces whatever was open, a task carried over from an earlier step stays);
 * the audit row goes in at most once, linked into the project's audit chain (record_project_event,
 * after the projection has locked the project's row, the lock order every writer of the project
 * follows). All parts of a statement see the same snapshot, so the task it opens is not among those it closes.
 */
function stepStatement(step: ProjectStep, intentId: string | null): { sql: string; params: unknown[] } {
  const p = projectionOf(step, new Date(step.at));
  const task = step.process.task;
  const opensTask = task !== null && task.openedSeq === step.seq;
  const closesTasks = task === null || opensTask;
  const params: unknown[] = [];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const id = $(p.id);
  const seq = $(step.seq);
  const at = $(step.at);
  const details = step.details === null ? null : JSON.stringify(step.details);
  const sql = `
    WITH projection AS (
      INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, scale,
        total_budget_fen, funding_sources, beneficiaries, farmer_link, performance_targets, attachments, created_by,
        state_version, details, due_at, library_at, created_at, updated_at)
      VALUES (${id}, ${$(p.name)}, ${$(p.type)}, ${$(p.stage)}, ${$(p.villageCode)}, ${$(p.countyCode)}, ${$(p.departmentCode)},
        ${$(p.place)}, ${$(p.content)}, ${$(p.scale)}, ${$(p.totalBudgetFen)}, ${$(JSON.stringify(p.fundingSources))},
        ${$(JSON.stringify(p.beneficiaries))}, ${$(p.farmerLink)}, ${$(JSON.stringify(p.performanceTargets))},
        ${$(JSON.stringify(p.attachments))}, ${$(p.createdBy)}, ${seq}, ${$(JSON.stringify(p.details))},
        ${$(task?.dueAt ?? null)}, ${$(step.process.library?.approvedAt ?? null)}, ${at}, ${at})
      ON CONFLICT (id) DO UPDATE SET
        name = EXCLUDED.name, type = EXCLUDED.type, stage = EXCLUDED.stage, village_code = EXCLUDED.village_code,
        county_code = EXCLUDED.county_code, department_code = EXCLUDED.department_code, place = EXCLUDED.place,
        content = EXCLUDED.content, scale = EXCLUDED.scale, total_budget_fen = EXCLUDED.total_budget_fen,
        funding_sources = EXCLUDED.funding_sources, beneficiaries = EXCLUDED.beneficiaries,
        farmer_link = EXCLUDED.farmer_link, performance_targets = EXCLUDED.performance_targets,
        attachments = EXCLUDED.attachments, state_version = EXCLUDED.state_version, details = EXCLUDED.details,
        due_at = EXCLUDED.due_at, library_at = EXCLUDED.library_at, updated_at = EXCLUDED.updated_at
      WHERE projects.state_version < EXCLUDED.state_version
      RETURNING id
    ), closed AS (
      UPDATE tasks SET status = 'done', closed_seq = ${seq}::integer, closed_at = ${at}::timestamptz,
        closed_by = ${$(step.actor.userId)}::varchar, closed_by_name = ${$(step.actor.name)}::text
       WHERE project_id = ${id}::uuid AND status = 'open' AND ${$(closesTasks)}::boolean AND EXISTS (SELECT 1 FROM projection)
    ), opened AS (
      INSERT INTO tasks (project_id, opened_seq, role, region_code, department, action, stage, opened_at, due_at, remind_at, joint_departments)
      SELECT ${id}::uuid, ${seq}::integer, t.role, t.region_code, t.department, t.action, t.stage, t.opened_at, t.due_at, t.remind_at, t.joint_departments
        FROM jsonb_to_record(${$(
          JSON.stringify(
            opensTask
              ? { role: task.role, region_code: task.regionCode, department: task.department, action: task.action, stage: step.toStage, opened_at: task.openedAt, due_at: task.dueAt, remind_at: task.remindAt, joint_departments: task.departments ?? null }
              : {},
          ),
        )}::jsonb)
          AS t(role text, region_code text, department text, action text, stage text, opened_at timestamptz, due_at timestamptz, remind_at timestamptz, joint_departments text[])
       WHERE ${$(opensTask)}::boolean AND EXISTS (SELECT 1 FROM projection)
      ON CONFLICT (project_id, opened_seq) DO NOTHING
    ), held AS (
      ${heldStatement(step, $)}
    ), intent AS (
      DELETE FROM step_intents WHERE id = ${$(intentId)}::uuid
    )
    SELECT record_project_event(${id}::uuid, ${$(step.application.countyCode)}::text, ${seq}::integer, ${at}::timestamptz,
      ${$(step.actor.userId)}::text, ${$(step.actor.name)}::text, ${$(step.actor.role)}::text, ${$(step.action)}::text,
      ${$(step.fromStage)}::text, ${$(step.toStage)}::text, ${$(step.comment)}::text, ${$(details)}::jsonb, ${$(historyRowText(step, details))}::text)
      FROM (SELECT count(*) FROM projection) AS locked`;
  return { sql, params };
}

/**
 * A step that keeps the open task may change who holds it (转办, 委派, 会签, 催办): the task's row
 * follows, moving forward with the projection like everything else.
 */
function heldStatement(step: ProjectStep, $: (value: unknown) => string): string {
  const task = step.process.task;
  // The text stays the same for every step (it is a named statement); a parameter says whether it applies.
  const carried = task !== null && task.openedSeq !== step.seq;
  return `UPDATE tasks SET assignee_id = ${$(task?.assignee?.userId ?? null)}::varchar, assignee_name = ${$(task?.assignee?.name ?? null)}::varchar,
      delegate_id = ${$(task?.delegate?.userId ?? null)}::varchar, delegate_name = ${$(task?.delegate?.name ?? null)}::varchar,
      joint_departments = ${$(task?.departments ?? null)}::text[], urged_at = ${$(task?.urge?.at ?? null)}::timestamptz,
      urged_by = ${$(task?.urge?.by ?? null)}::varchar, urge_count = ${$(task?.urge?.count ?? 0)}::integer
     WHERE ${$(carried)}::boolean AND project_id = ${$(step.projectId)}::uuid AND opened_seq = ${$(task?.openedSeq ?? 0)}::integer
       AND status = 'open' AND EXISTS (SELECT 1 FROM projection)`;
}

async function writeLedgerLines(m: EntityManager, step: ProjectStep): Promise<void> {
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
}

/**
 * Writes steps of one project, oldest first, atomically. Several writers may carry the same steps: the API
 * (right after the workflow took them, so the caller reads its own write), the sweeper of stale step
 * intents (the API died first) and the workflow itself (the calendar's steps, and what no caller
 * confirmed before a deadline mark or its end), so every write is keyed by (project, seq): the
 * projection and the inbox only move forward in version, audit and ledger rows go in at most once.
 * The usual case, one step without money, is one statement and one round trip. The API passes the
 * step intent it opened before sending the action (see step-intents.ts): it goes with the steps.
 */
export async function writeProjectSteps(db: DataSource, steps: readonly ProjectStep[], intentId: string | null = null): Promise<void> {
  if (steps.length === 0) return;
  if (steps.length === 1 && !steps[0].ledger?.length) {
    const { sql, params } = stepStatement(steps[0], intentId);
    // A named statement is parsed and planned once per connection, not at every step.
    await (db.driver as PostgresDriver).master.query({ name: 'record_project_step', text: sql, values: params });
    return;
  }
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  await db.transaction(async (m) => {
    for (const step of ordered) {
      const { sql, params } = stepStatement(step, intentId);
      await m.query(sql, params);
      await writeLedgerLines(m, step);
    }
  });
}

/** The version the read model holds for a project; 0 before its draft is written. */
export async function recordedVersion(db: DataSource, projectId: string): Promise<number> {
  const [row] = await db.query(`SELECT state_version FROM projects WHERE id = $1`, [projectId]);
  return row ? Number(row.state_version) : 0;
}
