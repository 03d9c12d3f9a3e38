import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startHttpFloorFor } from './http-floor';
import { pool } from './stats';
import { apiClient, submittedProjects, withSystem } from './system';
/** A node process by the file it runs: the API, the worker or the bench itself. */
function nodeScript(pid: string): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const script = args.slice(1).find((a) => !a.startsWith('-'));
  return `node ${script?.split('/').slice(-2).join('/') ?? pid}`;
}

/** CPU seconds used so far by every process on the machine, by command name (Linux /proc; clock ticks at 100 Hz). */
function cpuByCommand(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // kernel workers doing the disk's work are named after it; count them as one. Node processes go by their script.
      const name = command.startsWith('kworker') ? 'kernel workers' : command === 'node' ? nodeScript(pid) : command;
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
    `${label}: ${count} requests in ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(2)} of ${cpus().length} cores busy, ${perRequest(total)} ms of CPU each: ${spent
      .slice(0, 6)
      .map(([n, s]) => `${n} ${perRequest(s)}`)
      .join(', ')}`,
  );
}

/**
 * What an approval costs the machine against the HTTP floor: `count` township approvals at
 * concurrency 16, then as many floor requests, each phase alone, with the CPU every process spent:
 * `node dist/bench/cpu-split-probe.js [count]`. The system's node process holds the API and the worker;
 * the bench's holds its client, and in the floor phase the floor's server and worker too.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  await withSystem('split-probe', async (system) => {
    const api = apiClient(system.port);
    const [village, township] = [await api.login('village1'), await api.login('township1')];
    const floor = await startHttpFloorFor(system);
    const ids = await submittedProjects(api, village, count, '分相');
    await floor.prepare(count, 16);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
    await settle();
    await phase('approvals', count, () =>
      pool(count, 16, async (i) => void (await api.post(`/projects/${ids[i]}/review`, township, { decision: 'approve' }))),
    );
    await settle();
    await phase('HTTP floor', count, () => pool(count, 16, async (i) => void (await api.post(floor.url, township, { n: i }))));
    await floor.stop();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
