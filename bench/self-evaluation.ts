import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { summarise } from './stats';
import { startSystem, stopSystem } from './system';

/**
 * 绩效自评报告 at a county's full scale: the system as `npm start` runs it, on a database of its own,
 * with `--projects` (10,000) library projects of one year put straight into 朔城区's records (the
 * workflows are not what is measured here), then the report asked for `--calls` times, and the
 * monitors' 各县序时进度 of December over the city.
 *
 *   npm run bench:self-evaluation -- --projects 10000 --calls 9
 */
const COUNTY = '140602000000';
const YEAR = 2024;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function http(port: number, method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return res;
}

async function token(port: number, username: string): Promise<string> {
  return ((await (await http(port, 'POST', '/auth/login', null, { username, password: 'demo123' })).json()) as { accessToken: string }).accessToken;
}

/** Money comes in through the API (batches and receipts start their own workflows); the rest straight into the tables. */
async function seedMoney(port: number, admin: string, county: string): Promise<string> {
  let provincial = '';
  for (const [level, year, amount] of [['county', YEAR - 1, '23800000.00'], ['county', YEAR, '24600000.00'], ['province', YEAR, '2000000000.00']] as const) {
    const batch = (await (
      await http(port, 'POST', '/batches', admin, {
        docNumber: `自评基准-${level}-${year}`,
        title: `${year}年衔接资金`,
        level,
        year,
        batchNo: 1,
        issuedAt: `${year}-03-01`,
        allocations: [{ regionCode: COUNTY, amount }],
      })
    ).json()) as { id: string };
    if (year === YEAR) await http(port, 'POST', `/batches/${batch.id}/allocations/${COUNTY}/receipt`, county, { receivedAt: new Date().toISOString() });
    if (level === 'province') provincial = batch.id;
  }
  return provincial;
}

/**
 * `count` projects approved into the library through the year, seven in ten with a full target
 * table, each with its steps (approval, most an acceptance with its score, some an objection), a
 * match of the provincial money, a payment, and an overdue task for one in five.
 */
async function seedProjects(pg: PgClient, count: number, provincialBatchId: string): Promise<void> {
  const [{ id: userId }] = (await pg.query(`SELECT id FROM users WHERE username = 'village1'`)).rows;
  const [{ id: allocationId }] = (await pg.query(`SELECT id FROM allocations WHERE batch_id = $1 AND county_code = $2`, [provincialBatchId, COUNTY])).rows;
  const targets = JSON.stringify([
    { category: 'output', subCategory: 'quantity', indicator: '改造大棚', comparison: '>=', targetValue: '20', unit: '座' },
    { category: 'output', subCategory: 'cost', indicator: '每座成本', comparison: '<=', targetValue: '8', unit: '万元' },
    { category: 'benefit', subCategory: 'economic', indicator: '户均增收', comparison: '>=', targetValue: '1500', unit: '元' },
    { category: 'satisfaction', subCategory: 'beneficiary', indicator: '满意度', comparison: '>=', targetValue: '90', unit: '%' },
  ]);
  await pg.query(
    `WITH vs AS (SELECT array_agg(code ORDER BY code) AS codes FROM regions WHERE level = 'village' AND code LIKE '140602%')
     INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, total_budget_fen,
       funding_sources, beneficiaries, farmer_link, performance_targets, created_by, state_version, details, library_at, created_at, updated_at)
     SELECT gen_random_uuid(), '自评基准项目-' || g, (ARRAY['industry','infrastructure','livelihood'])[1 + g % 3],
       (ARRAY['implementation','disbursement','completed'])[1 + g % 3],
       vs.codes[1 + g % array_length(vs.codes, 1)], $1, 'agriculture', '基准', '基准项目', 10000000,
       '[]', '{"householdsLifted":1,"householdsMonitored":0,"people":3}', '务工',
       CASE WHEN g % 10 < 7 THEN $2::jsonb ELSE '[]'::jsonb END, $3, 4, '{}',
       make_timestamptz(${YEAR}, 1, 1, 0, 0, 0, 'Asia/Shanghai') + (g % 360) * interval '1 day',
       make_timestamptz(${YEAR}, 1, 1, 0, 0, 0, 'Asia/Shanghai'), now()
     FROM generate_series(1, $4::int) AS g, vs`,
    [COUNTY, targets, userId, count],
  );
  const chained = (await pg.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'project_events' AND column_name = 'row_hash'`)).rowCount! > 0;
  // The audit chain is not what is measured: its columns get placeholders on this throwaway database.
  const chainCols = chained ? ', chain_pos, row_hash' : '';
  const chainVals = chained ? `, s.seq, repeat('0', 64)` : '';
  await pg.query(
    `INSERT INTO project_events (project_id, seq, at, actor_id, actor_name, role, action, from_stage, to_stage, comment, details${chainCols})
     SELECT s.project_id, s.seq, s.at, NULL, '朔城区', 'county', s.action, s.from_stage, s.to_stage, NULL, s.details${chainVals}
       FROM (
         SELECT p.id AS project_id, 1 AS seq, p.library_at AS at, 'approve' AS action, 'county_review' AS from_stage, 'publicity' AS to_stage, NULL::jsonb AS details
           FROM projects p WHERE p.name LIKE '自评基准项目-%'
         UNION ALL
         SELECT p.id, 3, p.library_at + interval '30 days', 'accept', 'acceptance', 'disbursement',
                CASE WHEN jsonb_array_length(p.performance_targets) > 0
                     THEN jsonb_build_object('result', 'pass', 'targetsMet', 3 + (hashtext(p.id::text) & 1), 'targetsTotal', 4)
                     ELSE jsonb_build_object('result', 'pass') END
           FROM projects p WHERE p.name LIKE '自评基准项目-%' AND p.stage <> 'implementation'
         UNION ALL
         SELECT p.id, 2, p.library_at + interval '2 days', 'object', 'publicity', 'publicity', NULL
           FROM projects p WHERE p.name LIKE '自评基准项目-%' AND hashtext(p.id::text) % 20 = 0
       ) s`,
  );
  await pg.query(
    `INSERT INTO fund_matches (id, allocation_id, project_id, amount_fen, created_at, created_by)
     SELECT gen_random_uuid(), $1, p.id, 10000000, p.library_at + interval '5 days', 'bench' FROM projects p WHERE p.name LIKE '自评基准项目-%'`,
    [allocationId],
  );
  await pg.query(
    `INSERT INTO payments (id, project_id, kind, amount_fen, paid_at, created_at, created_by)
     SELECT gen_random_uuid(), p.id, 'progress', 6000000, LEAST((p.library_at + interval '40 days')::date, make_date(${YEAR}, 12, 31)), now(), 'bench'
       FROM projects p WHERE p.name LIKE '自评基准项目-%' AND p.stage <> 'implementation'`,
  );
  await pg.query(
    `INSERT INTO tasks (project_id, opened_seq, role, region_code, department, action, stage, opened_at, due_at)
     SELECT p.id, 9, 'village', p.village_code, NULL, 'implement', p.stage, p.library_at, p.library_at + interval '15 days'
       FROM projects p WHERE p.name LIKE '自评基准项目-%' AND p.stage = 'implementation' AND hashtext(p.id::text) % 5 = 0`,
  );
  for (const table of ['projects', 'project_events', 'fund_matches', 'payments', 'tasks']) await pg.query(`VACUUM ANALYZE ${table}`);
}

async function timed(port: number, path: string, county: string, calls: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const res = await http(port, 'GET', path, county);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const projects = option('projects', 10_000);
  const calls = option('calls', 9);
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-self-evaluation-'));
  chmodSync(dir, 0o755);
  console.log(`starting the system in ${dir} …`);
  const system = await startSystem(dir);
  try {
    const [admin, county] = [await token(system.port, 'admin'), await token(system.port, 'county1')];
    const provincial = await seedMoney(system.port, admin, county);
    const pg = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds` });
    await pg.connect();
    console.log(`seeding ${projects} library projects of ${YEAR} into 朔城区 …`);
    await seedProjects(pg, projects, provincial);
    const [{ n }] = (
      await pg.query(`SELECT count(*)::int AS n FROM projects WHERE county_code = $1 AND library_at >= make_timestamptz(${YEAR}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`, [COUNTY])
    ).rows;
    await pg.end();

    const path = `/reports/self-evaluation/${COUNTY}/${YEAR}`;
    // The first call warms the API's code paths and PostgreSQL's caches; it is left out of the figures.
    await timed(system.port, path, county, 1);
    const json = summarise(await timed(system.port, path, county, calls));
    const docx = summarise(await timed(system.port, `${path}?format=docx`, county, Math.max(1, Math.floor(calls / 3))));
    const xlsx = summarise(await timed(system.port, `${path}?format=xlsx`, county, Math.max(1, Math.floor(calls / 3))));
    const report = (await (await http(system.port, 'GET', path, county)).json()) as { sections: Array<{ figures: Array<{ key: string; text: string }> }> };
    const figure = (key: string) => report.sections.flatMap((s) => s.figures).find((f) => f.key === key)?.text;
    console.log(`朔城区 ${YEAR}: ${n} library projects; 入库 ${figure('libraryProjects')}, 设定绩效目标 ${figure('libraryWithTargets')}, 验收评定 ${figure('targetsScoredProjects')}, 达成率 ${figure('targetsMetShare')}`);
    console.log(`GET ${path} (JSON), ${json.count} calls: p50 ${json.p50} ms, p95 ${json.p95} ms, max ${json.max} ms`);
    console.log(`  ?format=docx, ${docx.count} calls: p50 ${docx.p50} ms, p95 ${docx.p95} ms`);
    console.log(`  ?format=xlsx, ${xlsx.count} calls: p50 ${xlsx.p50} ms, p95 ${xlsx.p95} ms`);

    // The monitors' list draws each county's monthly report for every month so far: December is the most work.
    const monitor = await token(system.port, 'monitor1');
    const pacePath = `/reports/monthly-pace/140600000000/${YEAR}-12`;
    await timed(system.port, pacePath, monitor, 1);
    const pace = summarise(await timed(system.port, pacePath, monitor, Math.max(1, Math.floor(calls / 3))));
    console.log(`GET ${pacePath} (朔州市, 朔城区 holding the ${n} projects), ${pace.count} calls: p50 ${pace.p50} ms, p95 ${pace.p95} ms`);

    // The county's own monthly report and the national monitoring export over the same projects.
    const fewer = Math.max(1, Math.floor(calls / 3));
    for (const [label, reportPath] of [
      ['monthly report', `/reports/monthly/${COUNTY}/${YEAR}-12`],
      ['monthly report', `/reports/monthly/${COUNTY}/${YEAR}-12?format=xlsx`],
      ['monthly report', `/reports/monthly/${COUNTY}/${YEAR}-12?format=docx`],
      ['national export', `/exports/national-monitoring/${COUNTY}/${YEAR}`],
    ] as const) {
      await timed(system.port, reportPath, county, 1);
      const figures = summarise(await timed(system.port, reportPath, county, fewer));
      console.log(`${label}: GET ${reportPath}, ${figures.count} calls: p50 ${figures.p50} ms, p95 ${figures.p95} ms`);
    }
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
