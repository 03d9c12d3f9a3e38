import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One guard for every append-only table (audit trail, ledger, policy history), naming the table it
 * protects: the first version named project_events even when it refused a ledger change.
 */
export class AppendOnlyGuard1763900700000 implements MigrationInterface {
  name = 'AppendOnlyGuard1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`DROP TRIGGER policy_history_append_only ON policy_history`);
    await q.query(`
      CREATE TRIGGER policy_history_append_only BEFORE UPDATE OR DELETE ON policy_history
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
    await q.query(`DROP FUNCTION forbid_policy_history_change`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION forbid_policy_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_history is append-only'; END $$`);
    await q.query(`DROP TRIGGER policy_history_append_only ON policy_history`);
    await q.query(`
      CREATE TRIGGER policy_history_append_only BEFORE UPDATE OR DELETE ON policy_history
      FOR EACH ROW EXECUTE FUNCTION forbid_policy_history_change()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'project_events is append-only'; END $$`);
  }
}
