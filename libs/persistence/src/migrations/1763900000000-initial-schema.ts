import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        code varchar(12) PRIMARY KEY,
        name varchar(100) NOT NULL,
        level varchar(10) NOT NULL,
        parent_code varchar(12) REFERENCES regions(code)
      )`);
    await q.query(`CREATE INDEX idx_regions_parent ON regions (parent_code)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(100) NOT NULL,
        password_hash varchar(200) NOT NULL,
        role varchar(20) NOT NULL,
        region_code varchar(12) NOT NULL REFERENCES regions(code),
        department varchar(40),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        type varchar(20) NOT NULL,
        stage varchar(30) NOT NULL,
        village_code varchar(12) NOT NULL REFERENCES regions(code),
        county_code varchar(12) NOT NULL REFERENCES regions(code),
        department_code varchar(40) NOT NULL,
        place text NOT NULL,
        content text NOT NULL,
        scale text,
        total_budget_fen bigint NOT NULL CHECK (total_budget_fen >= 0),
        funding_sources jsonb NOT NULL,
        beneficiaries jsonb NOT NULL,
        farmer_link text NOT NULL,
        performance_targets jsonb NOT NULL DEFAULT '[]',
        attachments jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL REFERENCES users(id),
        state_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Region scopes are code prefixes; text_pattern_ops lets `LIKE '140602%'` use the index.
    await q.query(`CREATE INDEX idx_projects_village_prefix ON projects (village_code text_pattern_ops)`);
    await q.query(`CREATE INDEX idx_projects_county ON projects (county_code)`);
    await q.query(`CREATE INDEX idx_projects_stage ON projects (stage)`);
    await q.query(`
      CREATE TABLE project_events (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor_id varchar(64),
        actor_name varchar(100) NOT NULL,
        role varchar(20) NOT NULL,
        action varchar(40) NOT NULL,
        from_stage varchar(30),
        to_stage varchar(30) NOT NULL,
        comment text,
        details jsonb,
        CONSTRAINT uq_project_events_step UNIQUE (project_id, seq)
      )`);
    // The audit trail is append-only: the database itself refuses edits and deletions.
    await q.query(`
      CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'project_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER project_events_append_only BEFORE UPDATE OR DELETE ON project_events
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_events`);
    await q.query(`DROP FUNCTION forbid_audit_change`);
    await q.query(`DROP TABLE projects`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE regions`);
  }
}
