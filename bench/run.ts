import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { application, startSystem, stopSystem, VILLAGE } from './system';
import { floorWorkflow, pingUpdate } from './floor.workflow';
import { startHttpFloorFor } from './http-floor';
import { measureHttpFloorRatio } from './http-floor-ratio';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/persistence/src/data-source';
import { writeProjectSteps } from '../libs/persistence/src/project-steps';
import { projectActionUpdate, projectWorkflowId } from '../workflows/project/project.definitions';
import { pool, summarise, type Summary } from './stats';
import { seedReadModel } from './seed-read-model';
import { prepareOneAllocation } from './one-allocation';

/**
 * `npm run bench`: the system as `npm start` runs it (embedded PostgreSQL, Temporal dev server,
 * worker and API in one child process on free loopback ports), driven over HTTP. Bounded in count
 * and time; prints figures and writes bench/results/latest.json.
 */
interface Options {
  projects: number;
  concurrency: number;
  readModel: number;
  reads: number;
  out: string;
}

function options(argv: string[]): Options {
  const flag = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
    return value;
  };
  const outIndex = argv.indexOf('--out');
  return {
    projects: flag('projects', 500),
    concurrency: flag('concurrency', 16),
    readModel: flag('read-model', 100_000),
    reads: flag('reads', 300),
    out: outIndex >= 0 ? argv[outIndex + 1] : join(__dirname, '..', '..', 'bench', 'results', 'latest.json'),
  };
}

const samples = new Map<string, number[]>();
function record(action: string, ms: number) {
  if (!samples.has(action)) samples.set(action, []);
  samples.get(action)!.push(ms);
}

let base = '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON answers, read field by field
type Json = any;

async function call(action: string, method: string, path: string, token: string | null, body?: unknown, expect = [200, 201]): Promise<Json> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  record(action, performance.now() - started);
  if (!expect.includes(response.status)) throw new Error(`${action} ${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function login(username: string): Promise<string> {
  return (await call('login', 'POST', '/auth/login', null, { username, password: 'demo123' }, [200])).accessToken;
}

/** One project through every stage to the last payment; returns once it is completed. */
async function lifecycle(i: number, t: Record<string, string>, allocationPath: string): Promise<void> {
  const p = await call('create', 'POST', '/projects', t.village1, application(`基准项目-${i}`));
  const id = p.id as string;
  await call('submit', 'POST', `/projects/${id}/submit`, t.village1, {});
  await call('approve', 'POST', `/projects/${id}/review`, t.township1, { decision: 'approve' });
  await call('approve', 'POST', `/projects/${id}/review`, t.department1, { decision: 'approve' });
  await call('approve', 'POST', `/projects/${id}/review`, t.county1, { decision: 'approve' });
  for (;;) {
    const project = await call('get', 'GET', `/projects/${id}`, t.county1);
    if (project.stage === 'implementation') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await call('match', 'POST', `${allocationPath}/matches`, t.county1, { projectId: id, amount: '100000.00' });
  await call('procurement', 'POST', `/projects/${id}/procurement`, t.village1, { method: '询价', winner: '某公司', contractAmount: '100000.00', contractDate: '2024-05-20' });
  await call('progress', 'POST', `/projects/${id}/progress`, t.village1, { percent: 100, note: '完工', reportedAt: '2024-09-30' });
  await call('request_acceptance', 'POST', `/projects/${id}/acceptance/request`, t.village1, {});
  await call('accept', 'POST', `/projects/${id}/acceptance`, t.county1, { result: 'pass', findings: '合格', acceptedAt: '2024-10-15', assets: [] });
  const paid = await call('pay', 'POST', `/projects/${id}/payments`, t.finance1, { kind: 'final', amount: '100000.00', paidAt: '2024-10-20' });
  if (paid.project.stage !== 'completed') throw new Error(`project ${id} ended in ${paid.project.stage}`);
}

/**
 * The floor: bare Update round trips on trivial workflows on the same Temporal server, with a
 * worker of its own in this process. Like the approvals it is compared with, every round trip goes
 * to a workflow of its own that has had one update before and then sat idle, so both pay the same
 * cost of finding a workflow that is not the one just touched.
 */
async function startFloor(address: string, count: number, concurrency: number) {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue: 'bench-floor', workflowsPath: require.resolve('./floor.workflow') });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection });
  const handles: WorkflowHandle[] = [];
  await pool(count, concurrency, async (i) => {
    const handle = await client.workflow.start(floorWorkflow, { taskQueue: 'bench-floor', workflowId: `bench-floor-${Date.now()}-${i}` });
    await handle.executeUpdate(pingUpdate, { args: [0] });
    handles[i] = handle;
  });
  let next = 0;
  return {
    async measure(n: number, times: number[]): Promise<void> {
      const from = next;
      next += n;
      await pool(n, concurrency, async (i) => {
        const started = performance.now();
        await handles[from + i].executeUpdate(pingUpdate, { args: [i] });
        times.push(performance.now() - started);
      });
    },
    async stop(): Promise<void> {
      await Promise.all(handles.map((h) => h.terminate('bench done')));
      worker.shutdown();
      await running;
      await clientConnection.close();
      await connection.close();
    },
  };
}

async function measureReads(t: Record<string, string>, reads: number): Promise<Record<string, Summary>> {
  const result: Record<string, Summary> = {};
  for (const [name, path, token] of [
    ['GET /tasks (township)', '/tasks?pageSize=50', t.township1],
    ['GET /tasks (county)', '/tasks?pageSize=50', t.county1],
    ['GET /monitor/counties', '/monitor/counties', t.monitor1],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 10; i += 1) await call(name, 'GET', path, token); // warm-up
    for (let i = 0; i < reads; i += 1) {
      const started = performance.now();
      await call(name, 'GET', path, token);
      times.push(performance.now() - started);
    }
    result[name] = summarise(times);
  }
  return result;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-bench-'));
  chmodSync(dir, 0o755);
  const system = await startSystem(dir);
  base = `http://127.0.0.1:${system.port}`;
  const result: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    options: { projects: opts.projects, concurrency: opts.concurrency, readModel: opts.readModel, reads: opts.reads },
  };
  try {
    const names = ['village1', 'township1', 'department1', 'county1', 'finance1', 'monitor1', 'admin'];
    const t = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(n)])));
    await call('setup', 'PUT', `/policies/${VILLAGE}`, t.admin, { publicityPeriod: 'PT1S', retentionRate: '0' });
    const amount = `${BigInt(Math.max(1, opts.projects)) * 100000n}.00`;
    const batch = await call('setup', 'POST', '/batches', t.admin, { docNumber: `基准批次-${Date.now()}`, title: '基准测试', level: 'city', year: 2024, batchNo: 1, issuedAt: '2024-01-01', allocations: [{ regionCode: '140602000000', amount }] });
    const allocationPath = `/batches/${batch.id}/allocations/140602000000`;
    await call('setup', 'POST', `${allocationPath}/receipt`, t.county1, { receivedAt: new Date().toISOString() });
    samples.clear();

    console.log(`driving ${opts.projects} projects through the whole lifecycle, concurrency ${opts.concurrency} …`);
    const started = performance.now();
    await pool(opts.projects, opts.concurrency, (i) => lifecycle(i, t, allocationPath));
    const seconds = (performance.now() - started) / 1000;
    const actions = [...samples.entries()].filter(([k]) => k !== 'get');
    const actionCount = actions.reduce((s, [, v]) => s + v.length, 0);
    const latency = Object.fromEntries([...samples.entries()].map(([k, v]) => [k, summarise(v)]));
    result.lifecycle = { seconds: Math.round(seconds * 10) / 10, projectsPerMinute: Math.round((opts.projects / seconds) * 60 * 10) / 10, actionsPerSecond: Math.round((actionCount / seconds) * 10) / 10, latencyMs: latency };

    // The ratio compares like with like: approvals alone at the same concurrency as the bare updates,
    // not approvals queued behind the lifecycle's other actions, measured in alternating rounds so
    // that both meet the same machine (disk flushes, other load).
    // A second set of projects gets the same approval as the bare Update the API sends (same actor,
    // policy and version), to show how much of the ratio is the workflow's and how much the API's.
    const isolated = Math.max(100, Math.min(opts.projects, 300));
    console.log(`measuring ${isolated} approvals in isolation, over HTTP and as bare Updates, against as many trivial Update round trips …`);
    const waiting: string[] = [];
    const direct: string[] = [];
    await pool(2 * isolated, opts.concurrency, async (i) => {
      const p = await call('setup', 'POST', '/projects', t.village1, { ...application(`审核基准-${i}`) });
      await call('setup', 'POST', `/projects/${p.id}/submit`, t.village1, {});
      (i % 2 === 0 ? waiting : direct).push(p.id);
    });
    const floorRun = await startFloor(`127.0.0.1:${system.temporalPort}`, waiting.length, opts.concurrency);
    const township = await call('setup', 'GET', '/auth/me', t.township1);
    const { policy } = await call('setup', 'GET', `/policies/${VILLAGE}`, t.township1);
    const approveUpdate = {
      actor: { userId: township.id, name: township.displayName, role: township.role, regionCode: township.regionCode },
      command: { action: 'approve', comment: null, meetingRef: null },
      policy,
      recordedVersion: 2,
    } as const;
    const directConnection = await Connection.connect({ address: `127.0.0.1:${system.temporalPort}` });
    const directClient = new Client({ connection: directConnection });
    // The bench records what the bare Updates answer (untimed), as the API would, so the read model stays whole.
    const db = await new DataSource(dataSourceOptions(`postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds`)).initialize();
    const approvals: number[] = [];
    const updates: number[] = [];
    const bare: number[] = [];
    const round = Math.max(opts.concurrency, 20);
    const oneAllocation = await prepareOneAllocation(call, t, opts.concurrency, waiting.length);
    const sharedMatches: number[] = [];
    for (let from = 0; from < waiting.length; from += round) {
      const ids = waiting.slice(from, from + round);
      await pool(ids.length, opts.concurrency, async (i) => {
        const started = performance.now();
        await call('setup', 'POST', `/projects/${ids[i]}/review`, t.township1, { decision: 'approve' });
        approvals.push(performance.now() - started);
      });
      const directIds = direct.slice(from, from + round);
      await pool(directIds.length, opts.concurrency, async (i) => {
        const started = performance.now();
        const outcome = await directClient.workflow.getHandle(projectWorkflowId(directIds[i])).executeUpdate(projectActionUpdate, { args: [approveUpdate] });
        updates.push(performance.now() - started);
        await writeProjectSteps(db, outcome.steps);
      });
      await floorRun.measure(ids.length, bare);
      // As many matches as approvals in the round, every client on the same allocation.
      await pool(ids.length, opts.concurrency, () => oneAllocation.matchOne(sharedMatches));
    }
    await floorRun.stop();
    await directConnection.close();
    await db.destroy();
    const approve = summarise(approvals);
    const update = summarise(updates);
    const floor = summarise(bare);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    result.approveIsolated = { latencyMs: approve };
    result.approveUpdate = { latencyMs: update };
    result.floor = { latencyMs: floor };
    result.ratio = { p50: ratio(approve.p50, floor.p50), p95: ratio(approve.p95, floor.p95), updateP50: ratio(update.p50, floor.p50), updateP95: ratio(update.p95, floor.p95) };
    const shared = summarise(sharedMatches);
    result.matchOneAllocation = { concurrency: opts.concurrency, latencyMs: shared, approveP50: approve.p50, ratioToApproveP50: ratio(shared.p50, approve.p50) };
    console.log(`c${opts.concurrency}, every client on one allocation: match p50 ${shared.p50} ms, approve p50 ${approve.p50} ms (×${ratio(shared.p50, approve.p50)})`);

    // The floor over HTTP: the same token checked, a bare Update, one row committed, a JSON answer,
    // from a bare server in this process, against township approvals over HTTP, at concurrency 1 and the bench's.
    const httpFloor = await startHttpFloorFor(system);
    const httpFloorRuns = [];
    for (const concurrency of [...new Set([1, opts.concurrency])]) {
      const count = concurrency === 1 ? Math.min(isolated, 100) : isolated;
      console.log(`measuring ${count} approvals over HTTP against the HTTP floor at concurrency ${concurrency} …`);
      const ids: string[] = [];
      await pool(count, opts.concurrency, async (i) => {
        const p = await call('setup', 'POST', '/projects', t.village1, { ...application(`地板基准-${concurrency}-${i}`) });
        await call('setup', 'POST', `/projects/${p.id}/submit`, t.village1, {});
        ids.push(p.id);
      });
      httpFloorRuns.push(await measureHttpFloorRatio(base, t.township1, ids, httpFloor, concurrency));
    }
    await httpFloor.stop();
    result.httpFloor = Object.fromEntries(httpFloorRuns.map((r) => [`c${r.concurrency}`, { approveMs: r.approveMs, floorMs: r.floorMs }]));
    Object.assign(result.ratio as object, {
      httpFloorP50: Object.fromEntries(httpFloorRuns.map((r) => [`c${r.concurrency}`, r.ratioP50])),
      httpFloorP95: Object.fromEntries(httpFloorRuns.map((r) => [`c${r.concurrency}`, r.ratioP95])),
    });
    for (const r of httpFloorRuns) console.log(`c${r.concurrency}: approve over HTTP p50 ${r.approveMs.p50} ms, HTTP floor p50 ${r.floorMs.p50} ms (×${r.ratioP50}; p95 ×${r.ratioP95})`);

    if (opts.readModel > 0) {
      console.log(`seeding ${opts.readModel} projects into the read model …`);
      const pg = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds` });
      await pg.connect();
      const seeded = await seedReadModel(pg, opts.readModel);
      await pg.end();
      console.log(`measuring reads at ${seeded.projects} projects …`);
      result.reads = { projects: seeded.projects, openTasks: seeded.openTasks, latencyMs: await measureReads(t, opts.reads) };
    }
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${opts.out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
