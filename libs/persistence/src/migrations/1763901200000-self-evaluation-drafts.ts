import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 绩效自评报告: the words a county keeps for its report of a year and the figures it means to send,
 * one row per county and year. The figures themselves are never stored: they are drawn from the
 * records each time, so a draft can only ever disagree with the ledger visibly.
 */
export class SelfEvaluationDrafts1763901200000 implements MigrationInterface {
  name = 'SelfEvaluationDrafts1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE self_evaluation_drafts (
        county_code varchar(12) NOT NULL REFERENCES regions(code),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        text jsonb NOT NULL DEFAULT '{}',
        claimed jsonb NOT NULL DEFAULT '{}',
        saved_by varchar(100) NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (county_code, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE self_evaluation_drafts`);
  }
}
