import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../libs/process/src/ports';

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
