import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeEmbeddedPostgresData } from '../libs/persistence/src/embedded/embedded-postgres';
import { freePort, portIsFree } from '../libs/process/src/ports';

/**
 * How long Ctrl-C of `npm start` takes: starts the launcher (dist/apps/local/src/main.js of the
 * checkout given with --cwd) in its own process group on free loopback ports and a fresh data
 * folder, waits for /health, sends in-flight requests, then SIGINT to the whole group as a
 * terminal does, and times until the launcher exits. The first run starts on an empty data folder
 * (a fresh clone), later ones on the data the previous run left.
 *
 * With --npm it runs `npm start` itself (install check and build included) instead of the built launcher.
 *
 *   node dist/scripts/shutdown-time.js [--runs 3] [--cwd <checkout>] [--in-flight 8] [--npm]
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function request(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

const application = (n: number) => ({
  name: `停止测试项目 ${n}`,
  type: 'infrastructure',
  villageCode: '140602205901',
  place: '贾庄乡北曹村',
  content: '硬化村道 1 公里',
  totalBudget: '100000.00',
  fundingSources: [{ source: '市级衔接资金', amount: '100000.00' }],
  beneficiaries: { householdsLifted: 1, householdsMonitored: 0, people: 3 },
  farmerLink: '吸纳脱贫户务工',
  departmentCode: 'agriculture',
});

/** The dev server also opens its HTTP API on its gRPC port + 1000. */
async function devServerPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 1000 <= 65535 && (await portIsFree(port + 1000))) return port;
  }
}

interface RunResult {
  run: number;
  healthyAfterMs: number;
  sigintToExitMs: number;
  exitCode: number | null;
  inFlight: Record<string, number>;
  leftOver: string[];
}

async function runOnce(run: number, cwd: string, dataDir: string, inFlight: number): Promise<RunResult> {
  const ports = {
    PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
    TEMPORAL_DEV_PORT: await devServerPort(),
    TEMPORAL_UI_PORT: await freePort(),
  };
  const logPath = join(dataDir, `launcher-${run}.log`);
  const out = openSync(logPath, 'a');
  const started = Date.now();
  const [command, args] = process.argv.includes('--npm') ? ['npm', ['start']] : [process.execPath, [join(cwd, 'dist/apps/local/src/main.js')]];
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), DATA_DIR: dataDir },
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const base = `http://127.0.0.1:${ports.PORT}`;

  for (;;) {
    if (child.exitCode !== null) throw new Error(`launcher exited (${child.exitCode}) before healthy:\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
    if (Date.now() - started > 300_000) throw new Error('not healthy within 300 s');
    try {
      if ((await request(`${base}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const healthyAfterMs = Date.now() - started;

  const login = await request(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'village1', password: 'demo123' }),
  });
  const token = (login.body as { accessToken: string }).accessToken;
  // The launcher has been idle since it became healthy; a real one has just served requests.
  await request(`${base}/tasks`, { headers: { authorization: `Bearer ${token}` } });

  const pending = Array.from({ length: inFlight }, (_, n) =>
    request(`${base}/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `stop-${run}-${n}-${Date.now()}` },
      body: JSON.stringify(application(n)),
    }).then(
      (answer) => String(answer.status),
      (error: Error) => `error:${(error.cause as { code?: string } | undefined)?.code ?? error.name}`,
    ),
  );
  await sleep(inFlight > 0 ? 30 : 0);

  const signalled = Date.now();
  process.kill(-child.pid!, 'SIGINT');
  const exitCode = await exited;
  const sigintToExitMs = Date.now() - signalled;

  const statuses: Record<string, number> = {};
  for (const status of await Promise.all(pending)) statuses[status] = (statuses[status] ?? 0) + 1;
  const leftOver: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portIsFree(port))) leftOver.push(`${name}:${port}`);
  return { run, healthyAfterMs, sigintToExitMs, exitCode, inFlight: statuses, leftOver };
}

async function main(): Promise<void> {
  const runs = Number(option('runs', '3'));
  const cwd = resolve(option('cwd', process.cwd()));
  const inFlight = Number(option('in-flight', '8'));
  const dataDir = mkdtempSync(join(tmpdir(), 'rural-funds-shutdown-'));
  chmodSync(dataDir, 0o755);
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      const result = await runOnce(run, cwd, dataDir, inFlight);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  } finally {
    if (process.env.SHUTDOWN_KEEP !== '1') {
      // As root in a private folder, the cluster lives in the shared folder behind a link.
      removeEmbeddedPostgresData(join(dataDir, 'postgres'));
      rmSync(dataDir, { recursive: true, force: true });
    }
    else console.log(`data and launcher logs kept in ${dataDir}`);
  }
  const times = results.map((r) => r.sigintToExitMs);
  console.log(`Ctrl-C → exit: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} (max ${(Math.max(...times) / 1000).toFixed(2)} s)`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
