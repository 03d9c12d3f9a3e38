import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Pool as PgPool } from 'pg';
import { dataSourceOptions, runMigrations } from '../libs/persistence/src/data-source';
import { removeEmbeddedPostgresData, startEmbeddedPostgres } from '../libs/persistence/src/embedded/embedded-postgres';
import { seedDemo } from '../libs/persistence/src/seed/demo-seed';
import { freePort } from '../libs/process/src/ports';
import { startDevServer } from '../libs/temporal/src/dev-server';
import { application, VILLAGE } from './system';
import { pool } from './stats';

/**
 * `npm run bench:replicas`: two API processes on two ports and two workers against one Temporal
 * server and one PostgreSQL, as production would run them. Clients are spread over both APIs; in
 * the middle of the run one API and one worker are killed with SIGKILL. Every request carries an
 * Idempotency-Key and is retried on the surviving API, as a load balancer's client would; at the end
 * every project must be completed, and the database must hold each project, match and payment once.
 */
const JWT_SECRET = 'bench-replicas-secret-0123456789';
const dist = join(__dirname, '..');

function flag(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

interface Replica {
  name: string;
  child: ChildProcess;
  url?: string;
  alive: boolean;
}

function startProcess(name: string, script: string, env: NodeJS.ProcessEnv, readyLine: string, url?: string): Promise<Replica> {
  const child = spawn(process.execPath, [join(dist, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(readyLine)) resolve({ name, child, url, alive: true });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code}):\n${out.slice(-2000)}`)));
  });
}

let retries = 0;
let repeatsRecognised = 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON answers, read field by field
type Json = any;

/**
 * One request, retried with the same Idempotency-Key on whichever API is alive: a dropped
 * connection, a 503 or a claim still held by the dead API's request all mean "try again". Once the
 * dead API's claim has lapsed, the retry runs afresh; if the first attempt had already taken effect
 * the project refuses the repeat, so `done` (read from the database, as a client would re-read the
 * project) tells a repeat of what happened from a real refusal.
 */
async function send(apis: Replica[], lane: number, method: string, path: string, token: string | null, body?: unknown, done?: () => Promise<boolean>): Promise<Json> {
  const key = randomUUID();
  const giveUpAt = Date.now() + 180_000;
  let uncertain = false;
  for (let attempt = 0; Date.now() < giveUpAt; attempt += 1) {
    const alive = apis.filter((a) => a.alive);
    const api = alive[(lane + attempt) % alive.length];
    let response: Response;
    try {
      response = await fetch(`${api.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      retries += 1; // connection refused or reset: the API died under us
      uncertain = true;
      await pause(200);
      continue;
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (response.status === 503 || (response.status === 409 && json?.code === 'IDEMPOTENCY_IN_PROGRESS')) {
      retries += 1;
      uncertain = true;
      await pause(1000);
      continue;
    }
    if (response.status >= 400) {
      if (uncertain && done && (await done())) {
        repeatsRecognised += 1;
        return null;
      }
      throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    }
    return json;
  }
  throw new Error(`${method} ${path}: no API answered within 180 s`);
}

/** What the database shows of a project, for telling a repeated step from a refused one. */
type ProjectRow = { stage: string; details: Json; matches: number; payments: number };

async function lifecycle(apis: Replica[], i: number, t: Record<string, string>, allocationPath: string, read: (id: string) => Promise<ProjectRow>): Promise<string> {
  const p = await send(apis, i, 'POST', '/projects', t.village1, application(`双副本项目-${i}`));
  const id = p.id as string;
  const past = (stage: string) => async () => (await read(id)).stage !== stage;
  await send(apis, i + 1, 'POST', `/projects/${id}/submit`, t.village1, {}, past('draft'));
  await send(apis, i, 'POST', `/projects/${id}/review`, t.township1, { decision: 'approve' }, past('township_review'));
  await send(apis, i + 1, 'POST', `/projects/${id}/review`, t.department1, { decision: 'approve' }, past('department_review'));
  await send(apis, i, 'POST', `/projects/${id}/review`, t.county1, { decision: 'approve' }, past('county_review'));
  for (;;) {
    const project = await send(apis, i, 'GET', `/projects/${id}`, t.county1);
    if (project.stage === 'implementation') break;
    await pause(300);
  }
  await send(apis, i + 1, 'POST', `${allocationPath}/matches`, t.county1, { projectId: id, amount: '100000.00' }, async () => (await read(id)).matches > 0);
  await send(apis, i, 'POST', `/projects/${id}/procurement`, t.village1, { method: '询价', winner: '某公司', contractAmount: '100000.00', contractDate: '2024-05-20' }, async () => (await read(id)).details.procurement != null);
  await send(apis, i + 1, 'POST', `/projects/${id}/progress`, t.village1, { percent: 100, note: '完工', reportedAt: '2024-09-30' }, async () => ((await read(id)).details.progress ?? []).length > 0);
  await send(apis, i, 'POST', `/projects/${id}/acceptance/request`, t.village1, {}, async () => (await read(id)).details.acceptanceRequestedAt != null);
  await send(apis, i + 1, 'POST', `/projects/${id}/acceptance`, t.county1, { result: 'pass', findings: '合格', acceptedAt: '2024-10-15', assets: [] }, past('acceptance'));
  await send(apis, i, 'POST', `/projects/${id}/payments`, t.finance1, { kind: 'final', amount: '100000.00', paidAt: '2024-10-20' }, async () => (await read(id)).payments > 0);
  return id;
}

/** How long until a policy written through one API is in force in the other (its cache listens to PostgreSQL). */
async function policyPropagationMs(apis: Replica[], t: Record<string, string>): Promise<number> {
  const [a, b] = apis;
  await send([a], 0, 'PUT', `/policies/${VILLAGE}`, t.admin, { publicityPeriod: 'PT2S' });
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${b.url}/policies/${VILLAGE}`, { headers: { authorization: `Bearer ${t.township1}` } });
    const { policy } = (await response.json()) as Json;
    if (policy.publicityPeriod === 'PT2S') return Math.round(performance.now() - started);
    if (performance.now() - started > 30_000) throw new Error('policy written through API A never reached API B');
    await pause(10);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const projects = flag(argv, 'projects', 200);
  const concurrency = flag(argv, 'concurrency', 16);
  const log = (line: string) => process.stderr.write(`[replicas] ${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-replicas-'));
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), log });
  const temporal = await startDevServer({ port: await freePort(), namespace: 'default', log, cliPath: process.env.TEMPORAL_CLI_PATH });
  const children: Replica[] = [];
  const outcome: Record<string, unknown> = { at: new Date().toISOString(), cpus: cpus().length, projects, concurrency };
  try {
    await runMigrations(postgres.url);
    const seed = await new DataSource(dataSourceOptions(postgres.url)).initialize();
    await seedDemo(seed);
    await seed.destroy();
    const common = { DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: temporal.address, JWT_SECRET, SEED_DEMO: 'false' };
    const apis: Replica[] = [];
    for (const name of ['api-a', 'api-b']) {
      const port = await freePort();
      apis.push(await startProcess(name, 'apps/api/src/main.js', { ...common, PORT: String(port) }, 'API listening', `http://127.0.0.1:${port}`));
    }
    const workers = [
      await startProcess('worker-a', 'apps/worker/src/main.js', common, 'worker polling'),
      await startProcess('worker-b', 'apps/worker/src/main.js', common, 'worker polling'),
    ];
    children.push(...apis, ...workers);
    log('two APIs and two workers are up');

    const names = ['village1', 'township1', 'department1', 'county1', 'finance1', 'admin'];
    const t: Record<string, string> = {};
    for (const [i, n] of names.entries()) t[n] = (await send(apis, i, 'POST', '/auth/login', null, { username: n, password: 'demo123' })).accessToken;
    outcome.policyPropagationMs = await policyPropagationMs(apis, t);
    await send(apis, 0, 'PUT', `/policies/${VILLAGE}`, t.admin, { publicityPeriod: 'PT1S', retentionRate: '0' });
    const batch = await send(apis, 0, 'POST', '/batches', t.admin, {
      docNumber: `双副本批次-${Date.now()}`, title: '双副本测试', level: 'city', year: 2024, batchNo: 1, issuedAt: '2024-01-01',
      allocations: [{ regionCode: '140602000000', amount: `${BigInt(projects) * 100000n}.00` }],
    });
    const allocationPath = `/batches/${batch.id}/allocations/140602000000`;
    await send(apis, 0, 'POST', `${allocationPath}/receipt`, t.county1, { receivedAt: new Date().toISOString() });

    // The lifecycles read side by side; a pool gives each read a connection of its own.
    const pg = new PgPool({ connectionString: postgres.url, max: 4 });
    const read = async (id: string): Promise<ProjectRow> => {
      const { rows } = await pg.query(
        `SELECT p.stage, p.details,
                (SELECT count(*)::int FROM fund_matches m WHERE m.project_id = p.id AND m.removed_at IS NULL) AS matches,
                (SELECT count(*)::int FROM payments y WHERE y.project_id = p.id) AS payments
           FROM projects p WHERE p.id = $1`,
        [id],
      );
      return rows[0] as ProjectRow;
    };
    let finished = 0;
    let killedAt: number | null = null;
    const started = performance.now();
    const ids: string[] = [];
    await pool(projects, concurrency, async (i) => {
      ids.push(await lifecycle(apis, i, t, allocationPath, read));
      finished += 1;
      if (killedAt === null && finished >= projects / 2) {
        killedAt = finished;
        for (const victim of [apis[1], workers[1]]) {
          victim.alive = false;
          victim.child.kill('SIGKILL');
        }
        log(`killed api-b and worker-b after ${finished} projects`);
      }
    });
    const seconds = (performance.now() - started) / 1000;

    const one = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows[0] as Record<string, string>;
    const namePattern = '双副本项目-%';
    const stages = await pg.query(`SELECT stage, count(*)::int AS n FROM projects WHERE name LIKE $1 GROUP BY stage`, [namePattern]);
    const names2 = await one(`SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM projects WHERE name LIKE $1`, [namePattern]);
    const matches = await one(`SELECT count(*)::int AS n, count(DISTINCT project_id)::int AS d, COALESCE(sum(amount_fen), 0)::text AS fen FROM fund_matches WHERE removed_at IS NULL AND project_id = ANY($1::uuid[])`, [ids]);
    const payments = await one(`SELECT count(*)::int AS n, count(DISTINCT project_id)::int AS d, COALESCE(sum(amount_fen), 0)::text AS fen FROM payments WHERE project_id = ANY($1::uuid[])`, [ids]);
    const ledger = await one(`SELECT COALESCE(sum(amount_fen) FILTER (WHERE kind = 'match'), 0)::text AS matched, COALESCE(sum(amount_fen) FILTER (WHERE kind = 'payment'), 0)::text AS paid FROM ledger_entries WHERE project_id = ANY($1::uuid[])`, [ids]);
    await pg.end();
    const expectedFen = (BigInt(projects) * 10_000_000n).toString();
    const checks = {
      everyProjectCompleted: stages.rows.length === 1 && stages.rows[0].stage === 'completed' && stages.rows[0].n === projects,
      eachProjectOnce: Number(names2.n) === projects && Number(names2.d) === projects,
      eachMatchOnce: Number(matches.n) === projects && Number(matches.d) === projects && matches.fen === expectedFen,
      eachPaymentOnce: Number(payments.n) === projects && Number(payments.d) === projects && payments.fen === expectedFen,
      ledgerExact: ledger.matched === expectedFen && ledger.paid === expectedFen,
    };
    Object.assign(outcome, {
      seconds: Math.round(seconds * 10) / 10,
      projectsPerMinute: Math.round((projects / seconds) * 600) / 10,
      killedAfterProjects: killedAt,
      retriedRequests: retries,
      repeatsRecognised,
      stages: Object.fromEntries(stages.rows.map((r) => [r.stage, r.n])),
      checks,
      ok: Object.values(checks).every(Boolean),
    });
  } finally {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGINT');
    await Promise.all(children.map((c) => (c.child.exitCode === null && c.child.signalCode === null ? new Promise((r) => c.child.once('exit', r)) : null)));
    await temporal.stop();
    await postgres.stop();
    removeEmbeddedPostgresData(join(dir, 'postgres'));
    rmSync(dir, { recursive: true, force: true });
  }
  const resultsDir = join(dist, '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'replicas.json'), `${JSON.stringify(outcome, null, 2)}\n`);
  // latest.json carries the last two-replica outcome beside the single-process figures.
  const latestPath = join(resultsDir, 'latest.json');
  if (existsSync(latestPath)) {
    const latest = JSON.parse(readFileSync(latestPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(latestPath, `${JSON.stringify({ ...latest, replicas: outcome }, null, 2)}\n`);
  }
  console.log(JSON.stringify(outcome, null, 2));
  if (!outcome.ok) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
