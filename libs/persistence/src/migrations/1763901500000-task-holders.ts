import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who holds an open task beyond its desk (role, region, department): the colleague it was handed to
 * (转办/改派), the one reviewing it for its owner (委派), the departments still to approve a joint
 * review (会签), and the last reminder (催办). The inbox filters on the first three, so they ride in
 * its index; the CC inbox reads the copies the project record holds.
 */
export class TaskHolders1763901500000 implements MigrationInterface {
  name = 'TaskHolders1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN assignee_id varchar(64),
        ADD COLUMN assignee_name varchar(100),
        ADD COLUMN delegate_id varchar(64),
        ADD COLUMN delegate_name varchar(100),
        ADD COLUMN joint_departments text[],
        ADD COLUMN urged_at timestamptz,
        ADD COLUMN urged_by varchar(100),
        ADD COLUMN urge_count integer NOT NULL DEFAULT 0`);
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(
      `CREATE INDEX idx_tasks_inbox ON tasks (role, region_code, due_at, opened_at, id) INCLUDE (department, assignee_id, delegate_id, joint_departments) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX idx_tasks_holder ON tasks (assignee_id) WHERE status = 'open' AND assignee_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_projects_ccs ON projects USING gin ((details -> 'ccs') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_projects_ccs`);
    await q.query(`DROP INDEX idx_tasks_holder`);
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(`CREATE INDEX idx_tasks_inbox ON tasks (role, region_code, due_at, opened_at, id) INCLUDE (department) WHERE status = 'open'`);
    await q.query(`
      ALTER TABLE tasks DROP COLUMN assignee_id, DROP COLUMN assignee_name, DROP COLUMN delegate_id, DROP COLUMN delegate_name,
        DROP COLUMN joint_departments, DROP COLUMN urged_at, DROP COLUMN urged_by, DROP COLUMN urge_count`);
  }
}
