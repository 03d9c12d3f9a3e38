import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An action the API is about to send to a project's workflow, written before it is sent and removed
 * in the same statement that records the step it took. A row that outlives its request marks a step
 * the workflow may hold and the read model may lack (the API died, or PostgreSQL failed, in between);
 * the worker's sweeper records those steps. This replaces a timer per step in every workflow.
 */
export class StepIntents1763900900000 implements MigrationInterface {
  name = 'StepIntents1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE step_intents (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_step_intents_requested ON step_intents (requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE step_intents`);
  }
}
