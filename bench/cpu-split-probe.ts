import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../libs/config/src/config';
import { startHttpFloor } from './http-floor';
import { pool } from './stats';
import { application, startSystem, stopSystem } from './system';

/** CPU seconds used so far by every process on the machine, by command name (Linux /proc; clock ticks at 100 Hz). */
function cpuByCommand(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // kernel workers doing the disk's work are named after it; count them as one
      const name = command.startsWith('kworker') ? 'kernel workers' : command;
      totals.set(name, (totals.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended while it was read.
    }
  }
  return totals;
}

/** Runs a phase and prints the CPU milliseconds per request each command spent on it, the largest first. */
async function phase(label: string, count: number, run: () => Promise<void>): Promise<void> {
  const before = cpuByCommand();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const after = cpuByCommand();
  const spent = [...after]
    .map(([name, s]) => [name, s - (before.get(name) ?? 0)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = spent.reduce((sum, [, s]) => sum + s, 0);
  const perRequest = (s: number) => ((s / count) * 1000).toFixed(2);
  console.log(
    `${label}: ${count} requests in ${seconds.toFixed(1)} s, ${perRequest(total)} ms of CPU each: ${spent
      .slice(0, 6)
      .map(([n, s]) => `${n} ${perRequest(s)}`)
      .join(', ')}`,
  );
}

/**
 * What an approval costs the machine against the HTTP floor: `count` township approvals at
 * concurrency 16, then as many floor requests, each phase alone, with the CPU every process spent:
 * `node dist/bench/cpu-split-probe.js [count]`. The node figures include the bench's own client.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const dir = mkdtempSync(join(tmpdir(), 'split-probe-'));
  const system = await startSystem(dir);
  const base = `http://127.0.0.1:${system.port}`;
  const post = async (url: string, token: string | null, body: unknown): Promise<Record<string, string>> => {
    const response = await fetch(url.startsWith('http') ? url : `${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, string>;
    if (response.status >= 300) throw new Error(`${url} → ${response.status}`);
    return json;
  };
  try {
    const login = async (u: string) => (await post('/auth/login', null, { username: u, password: 'demo123' })).accessToken;
    const [village, township] = [await login('village1'), await login('township1')];
    const floor = await startHttpFloor({
      temporalAddress: `127.0.0.1:${system.temporalPort}`,
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds`,
      jwtSecret: loadConfig(process.env, 'local').jwtSecret,
    });
    const ids: string[] = [];
    await pool(count, 16, async (i) => {
      const p = await post('/projects', village, application(`分相-${i}`));
      await post(`/projects/${p.id}/submit`, village, {});
      ids.push(p.id);
    });
    await floor.prepare(count, 16);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
    await settle();
    await phase('approvals', count, () =>
      pool(count, 16, async (i) => void (await post(`/projects/${ids[i]}/review`, township, { decision: 'approve' }))),
    );
    await settle();
    await phase('HTTP floor', count, () => pool(count, 16, async (i) => void (await post(floor.url, township, { n: i }))));
    await floor.stop();
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
