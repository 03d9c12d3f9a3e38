import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillAuditChains } from '../audit-chain-backfill';

/**
 * 存证链: a chain position and hash on every history and ledger row, one head per chain (a project,
 * or an allocation for its rows that name no project), and the county roots of each day.
 *
 * Rows are appended through two functions that lock the chain's head first and only then look
 * whether the row is already there, each statement of a volatile function seeing what committed
 * before it: concurrent writers of one project append one after the other, and a write retried by
 * another process (the API, the sweeper, an activity) finds its row and links nothing.
 */
export class AuditChain1763901800000 implements MigrationInterface {
  name = 'AuditChain1763901800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chains (
        chain_id uuid PRIMARY KEY,
        kind varchar(12) NOT NULL CHECK (kind IN ('project', 'allocation')),
        county_code varchar(12) NOT NULL,
        length integer NOT NULL DEFAULT 0 CHECK (length >= 0),
        head_hash char(64) NOT NULL DEFAULT repeat('0', 64),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_audit_chains_county ON audit_chains (county_code)`);
    await q.query(`ALTER TABLE project_events ADD COLUMN chain_pos integer, ADD COLUMN row_hash char(64)`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN chain_id uuid, ADD COLUMN chain_pos integer, ADD COLUMN row_hash char(64)`);
    await q.query(`
      CREATE TABLE audit_day_roots (
        county_code varchar(12) NOT NULL,
        day date NOT NULL,
        root_hash char(64) NOT NULL,
        chains integer NOT NULL,
        entries bigint NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (county_code, day)
      )`);

    await backfillAuditChains(q);
    // From here on a row cannot be written without its link.
    await q.query(`ALTER TABLE project_events ALTER COLUMN chain_pos SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL`);
    await q.query(`ALTER TABLE ledger_entries ALTER COLUMN chain_id SET NOT NULL, ALTER COLUMN chain_pos SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL`);

    await q.query(`CREATE UNIQUE INDEX uq_project_events_chain ON project_events (project_id, chain_pos)`);
    await q.query(`CREATE UNIQUE INDEX uq_ledger_entries_chain ON ledger_entries (chain_id, chain_pos)`);
    await q.query(`
      CREATE FUNCTION audit_chain_append(p_chain uuid, p_kind text, p_county text, p_canonical text, OUT pos integer, OUT hash text)
      LANGUAGE sql AS $$
        UPDATE audit_chains
           SET length = length + 1,
               head_hash = encode(sha256(convert_to(head_hash || E'\\n' || p_canonical, 'UTF8')), 'hex'),
               updated_at = now()
         WHERE chain_id = p_chain
        RETURNING length, head_hash::text
      $$`);
    await q.query(`
      CREATE FUNCTION audit_chain_lock(p_chain uuid, p_kind text, p_county text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_chains (chain_id, kind, county_code) VALUES (p_chain, p_kind, p_county) ON CONFLICT (chain_id) DO NOTHING;
        PERFORM 1 FROM audit_chains WHERE chain_id = p_chain FOR UPDATE;
      END $$`);
    await q.query(`
      CREATE FUNCTION record_project_event(
        p_project uuid, p_county text, p_seq integer, p_at timestamptz, p_actor_id text, p_actor_name text, p_role text,
        p_action text, p_from_stage text, p_to_stage text, p_comment text, p_details jsonb, p_canonical text
      ) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE link record;
      BEGIN
        PERFORM audit_chain_lock(p_project, 'project', p_county);
        IF EXISTS (SELECT 1 FROM project_events WHERE project_id = p_project AND seq = p_seq) THEN RETURN false; END IF;
        SELECT * INTO link FROM audit_chain_append(p_project, 'project', p_county, p_canonical);
        INSERT INTO project_events (project_id, seq, at, actor_id, actor_name, role, action, from_stage, to_stage, comment, details, chain_pos, row_hash)
        VALUES (p_project, p_seq, p_at, p_actor_id, p_actor_name, p_role, p_action, p_from_stage, p_to_stage, p_comment, p_details, link.pos, link.hash);
        RETURN true;
      END $$`);
    await q.query(`
      CREATE FUNCTION record_ledger_entry(
        p_source text, p_step integer, p_at timestamptz, p_kind text, p_amount_fen bigint, p_county text, p_batch uuid,
        p_allocation uuid, p_project uuid, p_match uuid, p_payment uuid, p_actor text, p_note text, p_canonical text
      ) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        chain uuid := COALESCE(p_project, p_allocation);
        chain_kind text := CASE WHEN p_project IS NOT NULL THEN 'project' ELSE 'allocation' END;
        link record;
      BEGIN
        IF chain IS NULL THEN RAISE EXCEPTION 'ledger entry % names neither a project nor an allocation', p_source; END IF;
        PERFORM audit_chain_lock(chain, chain_kind, p_county);
        IF EXISTS (SELECT 1 FROM ledger_entries WHERE source = p_source AND step = p_step) THEN RETURN false; END IF;
        SELECT * INTO link FROM audit_chain_append(chain, chain_kind, p_county, p_canonical);
        INSERT INTO ledger_entries (source, step, at, kind, amount_fen, county_code, batch_id, allocation_id, project_id, match_id, payment_id, actor, note, chain_id, chain_pos, row_hash)
        VALUES (p_source, p_step, p_at, p_kind, p_amount_fen, p_county, p_batch, p_allocation, p_project, p_match, p_payment, p_actor, p_note, chain, link.pos, link.hash);
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION record_ledger_entry`);
    await q.query(`DROP FUNCTION record_project_event`);
    await q.query(`DROP FUNCTION audit_chain_lock`);
    await q.query(`DROP FUNCTION audit_chain_append`);
    await q.query(`DROP TABLE audit_day_roots`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN row_hash, DROP COLUMN chain_pos, DROP COLUMN chain_id`);
    await q.query(`ALTER TABLE project_events DROP COLUMN row_hash, DROP COLUMN chain_pos`);
    await q.query(`DROP TABLE audit_chains`);
  }
}
