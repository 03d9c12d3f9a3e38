import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 项目附件: one row per paper a project holds; the bytes live in the file store under their
 * SHA-256, so a resolution uploaded to two projects is kept once. A row is written only after its
 * file is safely stored, so no row ever names bytes that are not there.
 */
export class ProjectAttachments1763901700000 implements MigrationInterface {
  name = 'ProjectAttachments1763901700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        kind varchar(40) NOT NULL,
        name varchar(255) NOT NULL,
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        file_type varchar(10) NOT NULL,
        stage varchar(30) NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploader_name varchar(100) NOT NULL,
        uploader_role varchar(20) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, kind, sha256)
      )`);
    await q.query(`CREATE INDEX project_attachments_project ON project_attachments (project_id, uploaded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_attachments`);
  }
}
