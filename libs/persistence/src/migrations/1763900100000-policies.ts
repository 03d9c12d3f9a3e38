import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 政策参数: one stored patch per region (only the keys that region overrides) and the append-only
 * history of every change. The effective policy of a region is the defaults overlaid by the patches of
 * its ancestors from the root down (see libs/persistence/src/policies/policy-store.ts).
 */
export class Policies1763900100000 implements MigrationInterface {
  name = 'Policies1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policies (
        region_code varchar(12) PRIMARY KEY REFERENCES regions(code),
        patch jsonb NOT NULL CHECK (jsonb_typeof(patch) = 'object'),
        version integer NOT NULL CHECK (version >= 1),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // `patch` is the region's whole stored patch after the change; `change` is what the change sent
    // (a key with null = removed), so both "what applied at version n" and "who changed what" are on record.
    await q.query(`
      CREATE TABLE policy_history (
        region_code varchar(12) NOT NULL REFERENCES regions(code),
        version integer NOT NULL,
        patch jsonb NOT NULL,
        change jsonb NOT NULL,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_policy_history PRIMARY KEY (region_code, version)
      )`);
    await q.query(`
      CREATE FUNCTION forbid_policy_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER policy_history_append_only BEFORE UPDATE OR DELETE ON policy_history
      FOR EACH ROW EXECUTE FUNCTION forbid_policy_history_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE policy_history`);
    await q.query(`DROP FUNCTION forbid_policy_history_change`);
    await q.query(`DROP TABLE policies`);
  }
}
