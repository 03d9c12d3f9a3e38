import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../libs/process/src/ports';
import { pool } from './stats';

export interface RunningSystem {
  child: ChildProcess;
  port: number;
  pgPort: number;
  temporalPort: number;
}

/** The system as `npm start` runs it, in a child process on free loopback ports with its data in `dir`. */
export async function startSystem(dir: string): Promise<RunningSystem> {
  const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // BENCH_CPU_PROFILE=<folder>: the system's process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(__dirname, '..', 'apps', 'local', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('(ready)')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`system exited early (${code}):\n${out}`)));
  });
  return { child, port, pgPort, temporalPort };
}

export async function stopSystem(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** A fresh system in a temporary folder for `work`, stopped and removed however `work` ends. */
export async function withSystem<T>(name: string, work: (system: RunningSystem) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const system = await startSystem(dir);
  try {
    return await work(system);
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON answers, read field by field
export type Json = any;

/** JSON requests to the system's API (or an absolute URL) as a bench client sends them; an answer other than 2xx throws. */
export function apiClient(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, token: string | null, body?: unknown): Promise<Json> => {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    base,
    call,
    post: (path: string, token: string | null, body: unknown) => call('POST', path, token, body),
    login: async (username: string): Promise<string> =>
      (await call('POST', '/auth/login', null, { username, password: 'demo123' })).accessToken,
  };
}

/** The village the benchmark's projects belong to (贾庄乡北曹村). */
export const VILLAGE = '140602205901';

/** A project application as the API takes it, small enough to pay in one final payment. */
export function application(name: string) {
  return {
    name,
    type: 'industry',
    villageCode: VILLAGE,
    place: '贾庄乡北曹村',
    content: '改造蔬菜大棚',
    totalBudget: '100000.00',
    fundingSources: [{ source: '市级衔接资金', amount: '100000.00' }],
    beneficiaries: { householdsLifted: 3, householdsMonitored: 1, people: 10 },
    farmerLink: '务工与分红',
    departmentCode: 'agriculture',
  };
}

/** `count` projects of the bench's village, each created and submitted, waiting for the township. */
export async function submittedProjects(
  api: ReturnType<typeof apiClient>,
  village: string,
  count: number,
  name: string,
): Promise<string[]> {
  const ids: string[] = [];
  await pool(count, 16, async (i) => {
    const p = await api.post('/projects', village, application(`${name}-${i}`));
    await api.post(`/projects/${p.id}/submit`, village, {});
    ids.push(p.id);
  });
  return ids;
}
