import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an allocation's matches are decided: `workflow` for allocations whose workflow answers
 * each match in an Update (every allocation received before this), `database` for those whose
 * workflow keeps only the clock while PostgreSQL decides each match under the allocation's row
 * lock. The workflow's receipt sets it, so the column always says what the running workflow does.
 */
export class AllocationMatchGate1763902000000 implements MigrationInterface {
  name = 'AllocationMatchGate1763902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocations ADD COLUMN match_gate varchar(8) NOT NULL DEFAULT 'workflow' CHECK (match_gate IN ('workflow', 'database'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocations DROP COLUMN match_gate`);
  }
}
