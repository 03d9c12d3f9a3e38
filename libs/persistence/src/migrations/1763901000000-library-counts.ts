import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 入库项目数 per county and Shanghai calendar year, kept by a trigger on projects, so the county
 * dashboard reads a few counter rows instead of counting every library project (20 ms at 30,000).
 * Only a change of library_at (or of the county) touches a counter: a county approval into the
 * library, or a re-approval after an upheld objection, which moves the project to its new year.
 */
export class LibraryCounts1763901000000 implements MigrationInterface {
  name = 'LibraryCounts1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE library_counts (
        county_code varchar(12) NOT NULL,
        year integer NOT NULL,
        projects integer NOT NULL,
        PRIMARY KEY (county_code, year)
      )`);
    // Shanghai is a fixed UTC+8 (libs/domain/src/shanghai-time.ts).
    await q.query(`
      CREATE FUNCTION count_library_projects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.library_at IS NOT NULL THEN
          UPDATE library_counts SET projects = projects - 1
           WHERE county_code = OLD.county_code
             AND year = EXTRACT(YEAR FROM (OLD.library_at AT TIME ZONE 'UTC') + interval '8 hours')::int;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.library_at IS NOT NULL THEN
          INSERT INTO library_counts (county_code, year, projects)
          VALUES (NEW.county_code, EXTRACT(YEAR FROM (NEW.library_at AT TIME ZONE 'UTC') + interval '8 hours')::int, 1)
          ON CONFLICT (county_code, year) DO UPDATE SET projects = library_counts.projects + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER projects_library_insert AFTER INSERT ON projects
        FOR EACH ROW WHEN (NEW.library_at IS NOT NULL) EXECUTE FUNCTION count_library_projects()`);
    await q.query(`
      CREATE TRIGGER projects_library_update AFTER UPDATE OF library_at, county_code ON projects
        FOR EACH ROW WHEN (OLD.library_at IS DISTINCT FROM NEW.library_at OR OLD.county_code IS DISTINCT FROM NEW.county_code)
        EXECUTE FUNCTION count_library_projects()`);
    await q.query(`
      CREATE TRIGGER projects_library_delete AFTER DELETE ON projects
        FOR EACH ROW WHEN (OLD.library_at IS NOT NULL) EXECUTE FUNCTION count_library_projects()`);
    await q.query(`
      INSERT INTO library_counts (county_code, year, projects)
      SELECT county_code, EXTRACT(YEAR FROM (library_at AT TIME ZONE 'UTC') + interval '8 hours')::int, count(*)
        FROM projects WHERE library_at IS NOT NULL GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER projects_library_delete ON projects`);
    await q.query(`DROP TRIGGER projects_library_update ON projects`);
    await q.query(`DROP TRIGGER projects_library_insert ON projects`);
    await q.query(`DROP FUNCTION count_library_projects()`);
    await q.query(`DROP TABLE library_counts`);
  }
}
