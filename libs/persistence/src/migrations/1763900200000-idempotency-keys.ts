import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records of mutating requests: claimed 'in_progress' before the handler runs,
 * 'completed' with the answer (2xx and 4xx) afterwards. `scope` is "<caller> <METHOD> <path>",
 * so the primary key (scope, key) makes a key unique per caller and route. Rows expire after 24 h.
 */
export class IdempotencyKeys1763900200000 implements MigrationInterface {
  name = 'IdempotencyKeys1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key varchar(200) NOT NULL,
        method varchar(10) NOT NULL,
        path text NOT NULL,
        request_hash char(64) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('in_progress', 'completed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        response_status integer,
        response_body jsonb,
        completed_at timestamptz,
        PRIMARY KEY (scope, key),
        CHECK ((status = 'completed') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    // The expiry sweep deletes by age.
    await q.query(`CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
