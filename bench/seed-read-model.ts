import type { Client } from 'pg';

/**
 * Puts `count` projects with their open tasks straight into the read model (not through the
 * workflows), spread over 朔城区's villages and the stages, to measure reads at a province's scale.
 */
export async function seedReadModel(pg: Client, count: number): Promise<{ projects: number; openTasks: number }> {
  const [{ id: userId }] = (await pg.query(`SELECT id FROM users WHERE username = 'village1'`)).rows;
  await pg.query(
    `WITH vs AS (SELECT array_agg(code ORDER BY code) AS codes FROM regions WHERE level = 'village' AND code LIKE '140602%')
     INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, total_budget_fen,
       funding_sources, beneficiaries, farmer_link, created_by, state_version, details, due_at, library_at)
     SELECT gen_random_uuid(), '存量项目-' || g,
       (ARRAY['industry','infrastructure','livelihood'])[1 + g % 3],
       (ARRAY['township_review','township_review','township_review','township_review','department_review','department_review',
              'county_review','implementation','implementation','completed'])[1 + g % 10],
       vs.codes[1 + g % array_length(vs.codes, 1)], '140602000000', 'agriculture', '存量', '存量项目', 10000000,
       '[]', '{"householdsLifted":1,"householdsMonitored":0,"people":3}', '务工', $1, 1, '{}',
       now() + ((g % 20) - 5) * interval '1 day',
       CASE WHEN g % 10 >= 7 THEN now() - (g % 300) * interval '1 day' END
     FROM generate_series(1, $2::int) AS g, vs`,
    [userId, count],
  );
  await pg.query(
    `INSERT INTO tasks (project_id, opened_seq, role, region_code, department, action, stage, opened_at, due_at)
     SELECT p.id, 1,
       CASE p.stage WHEN 'township_review' THEN 'township' WHEN 'department_review' THEN 'department' WHEN 'county_review' THEN 'county' ELSE 'village' END,
       CASE p.stage WHEN 'township_review' THEN substr(p.village_code, 1, 9) || '000' WHEN 'implementation' THEN p.village_code ELSE p.county_code END,
       CASE p.stage WHEN 'department_review' THEN 'agriculture' END,
       CASE p.stage WHEN 'implementation' THEN 'implement' ELSE 'review' END,
       p.stage, now() - interval '2 days', CASE WHEN p.stage = 'implementation' THEN NULL ELSE p.due_at END
     FROM projects p WHERE p.name LIKE '存量项目-%' AND p.stage <> 'completed'`,
  );
  // Steady state: autovacuum would have set the visibility map, which index-only scans rely on.
  await pg.query('VACUUM ANALYZE projects');
  await pg.query('VACUUM ANALYZE tasks');
  const [{ projects, tasks }] = (await pg.query(`SELECT (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM tasks WHERE status = 'open')::int AS tasks`)).rows;
  return { projects, openTasks: tasks };
}
