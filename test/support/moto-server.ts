import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../libs/process/src/ports';

/** The version scripts/ensure-moto.sh installs. */
export const MOTO_VERSION = '5.2.5';

/** `moto_server`: MOTO_SERVER_PATH, or where scripts/ensure-moto.sh installs it; missing, the test fails with the remedy. */
export function motoServerPath(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  for (const path of [process.env.MOTO_SERVER_PATH, join(cache, 'rural-funds', 'tools', `moto-${MOTO_VERSION}`, 'venv', 'bin', 'moto_server')]) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next place
    }
  }
  throw new Error(`找不到 moto ${MOTO_VERSION}（moto_server）：请运行 bash scripts/ensure-moto.sh，或用 MOTO_SERVER_PATH 指定其路径`);
}

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** A real S3-compatible server on a free loopback port, for as long as the test holds it. */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(motoServerPath(), ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log}`);
    try {
      await fetch(`${endpoint}/moto-api/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${endpoint}: ${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
