import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox reads open tasks by (role, exact region) in due order; a plain b-tree on those columns
 * lets it stop after one page instead of sorting every open task of the region.
 */
export class InboxIndex1763900600000 implements MigrationInterface {
  name = 'InboxIndex1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(`CREATE INDEX idx_tasks_inbox ON tasks (role, region_code, due_at, opened_at, id) WHERE status = 'open'`);
    // The monitors count overdue open tasks per county: by due time, with the region carried in the index.
    await q.query(`CREATE INDEX idx_tasks_open_due ON tasks (due_at) INCLUDE (region_code) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_tasks_open_due`);
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(`CREATE INDEX idx_tasks_inbox ON tasks (role, region_code text_pattern_ops, due_at) WHERE status = 'open'`);
  }
}
