import { readFileSync, rmSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A start process killed with SIGKILL cannot stop its children, so they live on holding ports and
 * data files. The next start finds them through their pid file and ends them, but only when the
 * pid still runs the expected program: a recycled pid must never be killed.
 */
export async function endStaleProcess(options: {
  pidFile: string;
  /** Substring that the process's command line must contain to be ours. */
  mustContain: string;
  signal: NodeJS.Signals;
  log: (line: string) => void;
}): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(options.pidFile, 'utf8').split('\n')[0].trim(), 10);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid).includes(options.mustContain)) {
    options.log(`发现上次遗留的进程 ${pid}（${options.mustContain}），正在停止`);
    process.kill(pid, options.signal);
    for (let waited = 0; waited < 15000 && isAlive(pid); waited += 100) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; waited < 5000 && isAlive(pid); waited += 100) await sleep(100);
  }
  rmSync(options.pidFile, { force: true });
}
