import { MigrationInterface, QueryRunner } from 'typeorm';

/** Fund batches, allocations per county, matches to library projects, payments and the money ledger. */
export class Funds1763900400000 implements MigrationInterface {
  name = 'Funds1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_batches (
        id uuid PRIMARY KEY,
        doc_number varchar(100) NOT NULL UNIQUE,
        title varchar(300) NOT NULL,
        level varchar(10) NOT NULL CHECK (level IN ('central', 'province', 'city', 'county')),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        batch_no integer NOT NULL CHECK (batch_no >= 1),
        issued_at date NOT NULL,
        issuer_region_code varchar(12) NOT NULL REFERENCES regions(code),
        total_fen bigint NOT NULL CHECK (total_fen >= 0),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE allocations (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES fund_batches(id),
        county_code varchar(12) NOT NULL REFERENCES regions(code),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        earmarks jsonb NOT NULL DEFAULT '[]',
        category varchar(50),
        received_at timestamptz,
        due_at timestamptz,
        matching_deadline varchar(20),
        matched_fen bigint NOT NULL DEFAULT 0 CHECK (matched_fen >= 0 AND matched_fen <= amount_fen),
        status varchar(20) NOT NULL DEFAULT 'allocated',
        warned_at timestamptz,
        overdue_at timestamptz,
        done_at timestamptz,
        state_version integer NOT NULL DEFAULT 0,
        CONSTRAINT uq_allocation_batch_county UNIQUE (batch_id, county_code)
      )`);
    await q.query(`CREATE INDEX idx_allocations_county ON allocations (county_code text_pattern_ops)`);
    await q.query(`
      CREATE TABLE fund_matches (
        id uuid PRIMARY KEY,
        allocation_id uuid NOT NULL REFERENCES allocations(id),
        project_id uuid NOT NULL REFERENCES projects(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        purpose varchar(100),
        created_at timestamptz NOT NULL,
        created_by varchar(64),
        removed_at timestamptz,
        removed_by varchar(64),
        removal_reason text
      )`);
    await q.query(`CREATE INDEX idx_fund_matches_project ON fund_matches (project_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX idx_fund_matches_allocation ON fund_matches (allocation_id) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        kind varchar(20) NOT NULL CHECK (kind IN ('progress', 'final', 'retention', 'household')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        paid_at date NOT NULL,
        created_at timestamptz NOT NULL,
        created_by varchar(64)
      )`);
    await q.query(`CREATE INDEX idx_payments_project ON payments (project_id)`);
    // 一卡通: one household is paid at most once per project item and year, enforced by the database too.
    await q.query(`
      CREATE TABLE household_payments (
        payment_id uuid NOT NULL REFERENCES payments(id),
        project_id uuid NOT NULL REFERENCES projects(id),
        household_id varchar(40) NOT NULL,
        name varchar(100) NOT NULL,
        account varchar(40) NOT NULL,
        item varchar(100) NOT NULL,
        year integer NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        CONSTRAINT uq_household_once UNIQUE (project_id, household_id, item, year)
      )`);
    // The ledger: every money movement once, in fen, with its references; (source, step) makes retried writes harmless.
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        source varchar(120) NOT NULL,
        step integer NOT NULL,
        at timestamptz NOT NULL,
        kind varchar(30) NOT NULL CHECK (kind IN ('allocation', 'receipt', 'match', 'unmatch', 'payment', 'retention_held', 'retention_released')),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        county_code varchar(12) NOT NULL,
        batch_id uuid REFERENCES fund_batches(id),
        allocation_id uuid REFERENCES allocations(id),
        project_id uuid REFERENCES projects(id),
        match_id uuid REFERENCES fund_matches(id),
        payment_id uuid REFERENCES payments(id),
        actor varchar(100),
        note text,
        CONSTRAINT uq_ledger_step UNIQUE (source, step)
      )`);
    await q.query(`CREATE INDEX idx_ledger_project ON ledger_entries (project_id, id)`);
    await q.query(`CREATE INDEX idx_ledger_allocation ON ledger_entries (allocation_id, id)`);
    await q.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        kind varchar(30) NOT NULL,
        region_code varchar(12) NOT NULL,
        allocation_id uuid REFERENCES allocations(id),
        project_id uuid REFERENCES projects(id),
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        dedupe_key varchar(200) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX idx_notifications_region ON notifications (region_code text_pattern_ops, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'ledger_entries', 'household_payments', 'payments', 'fund_matches', 'allocations', 'fund_batches']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
