import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 用户管理: accounts can be disabled, must change a password an administrator set, count wrong
 * passwords toward a lock, and carry a session version that every token names, so raising it
 * revokes the account's sessions. Every administrator's action is kept in `admin_audit`, which
 * like the other audit tables refuses any change after the fact.
 */
export class UserAdministration1763901600000 implements MigrationInterface {
  name = 'UserAdministration1763901600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN disabled boolean NOT NULL DEFAULT false,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN session_version integer NOT NULL DEFAULT 1 CHECK (session_version > 0),
        ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        ADD COLUMN last_failed_login_at timestamptz,
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX idx_users_region ON users (region_code)`);
    await q.query(`
      CREATE TABLE admin_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_username varchar(64) NOT NULL,
        actor_role varchar(20) NOT NULL,
        action varchar(40) NOT NULL,
        target_user_id uuid REFERENCES users(id),
        target_username varchar(64),
        region_code varchar(12) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX idx_admin_audit_at ON admin_audit (at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_admin_audit_region ON admin_audit (region_code text_pattern_ops, at DESC)`);
    await q.query(`CREATE INDEX idx_admin_audit_target ON admin_audit (target_user_id, at DESC)`);
    await q.query(`
      CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_audit`);
    await q.query(`DROP INDEX idx_users_region`);
    await q.query(`
      ALTER TABLE users
        DROP COLUMN disabled, DROP COLUMN must_change_password, DROP COLUMN session_version, DROP COLUMN failed_logins,
        DROP COLUMN last_failed_login_at, DROP COLUMN locked_until, DROP COLUMN password_changed_at, DROP COLUMN updated_at`);
  }
}
