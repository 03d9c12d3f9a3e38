import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ProjectEntity } from './entities/project.entity';

const COLUMNS = `id, name, type, stage, village_code, county_code, department_code, place, content, scale, total_budget_fen,
  funding_sources, beneficiaries, farmer_link, performance_targets, attachments, created_by, state_version, details,
  due_at, library_at, created_at, updated_at`;

/** The projects row as the entity; pg already returns bigint as a string and timestamptz as a Date. */
function projectOf(r: Record<string, unknown>): ProjectEntity {
  return Object.assign(new ProjectEntity(), {
    id: r.id,
    name: r.name,
    type: r.type,
    stage: r.stage,
    villageCode: r.village_code,
    countyCode: r.county_code,
    departmentCode: r.department_code,
    place: r.place,
    content: r.content,
    scale: r.scale,
    totalBudgetFen: r.total_budget_fen,
    fundingSources: r.funding_sources,
    beneficiaries: r.beneficiaries,
    farmerLink: r.farmer_link,
    performanceTargets: r.performance_targets,
    attachments: r.attachments,
    createdBy: r.created_by,
    stateVersion: r.state_version,
    details: r.details,
    dueAt: r.due_at,
    libraryAt: r.library_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

/**
 * Reads one project by id, with a named statement (parsed and planned once per connection): every
 * action and every GET of a project starts here, and the ORM's query building cost more than the read.
 */
export async function loadProject(db: DataSource, id: string): Promise<ProjectEntity | null> {
  const { rows } = await (db.driver as PostgresDriver).master.query({
    name: 'load_project',
    text: `SELECT ${COLUMNS} FROM projects WHERE id = $1`,
    values: [id],
  });
  return rows.length > 0 ? projectOf(rows[0]) : null;
}

/**
 * The same read for an action, opening its step intent (see step-intents.ts) in the same round trip.
 * The intent is written only when the project exists; the caller removes it if the caller may not act.
 */
export async function loadProjectOpeningIntent(db: DataSource, id: string, intentId: string): Promise<ProjectEntity | null> {
  const { rows } = await (db.driver as PostgresDriver).master.query({
    name: 'load_project_opening_intent',
    text: `WITH intent AS (INSERT INTO step_intents (id, project_id) SELECT $2, id FROM projects WHERE id = $1)
           SELECT ${COLUMNS} FROM projects WHERE id = $1`,
    values: [id, intentId],
  });
  return rows.length > 0 ? projectOf(rows[0]) : null;
}
