import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lifecycle read models: the process record of each project and the task inbox. */
export class Lifecycle1763900300000 implements MigrationInterface {
  name = 'Lifecycle1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE projects ADD COLUMN due_at timestamptz`);
    await q.query(`ALTER TABLE projects ADD COLUMN library_at timestamptz`);
    await q.query(`CREATE INDEX idx_projects_library ON projects (county_code, library_at) WHERE library_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE tasks (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        opened_seq integer NOT NULL,
        role varchar(20) NOT NULL,
        region_code varchar(12) NOT NULL,
        department varchar(40),
        action varchar(40) NOT NULL,
        stage varchar(30) NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz,
        remind_at timestamptz,
        reminded_at timestamptz,
        overdue_at timestamptz,
        status varchar(10) NOT NULL DEFAULT 'open',
        closed_seq integer,
        closed_at timestamptz,
        closed_by varchar(64),
        closed_by_name varchar(100),
        CONSTRAINT uq_tasks_opened_step UNIQUE (project_id, opened_seq)
      )`);
    // The inbox query: open tasks of one role under a region prefix, soonest due first.
    await q.query(`CREATE INDEX idx_tasks_inbox ON tasks (role, region_code text_pattern_ops, due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX idx_tasks_project ON tasks (project_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX idx_project_events_actor ON project_events (actor_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_project_events_actor`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP INDEX idx_projects_library`);
    await q.query(`ALTER TABLE projects DROP COLUMN library_at, DROP COLUMN due_at, DROP COLUMN details`);
  }
}
