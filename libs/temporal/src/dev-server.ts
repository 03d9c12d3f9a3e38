import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { endStaleProcess, portIsFree, spawnFailure } from '../../process/src';
import { findTemporalCli, TemporalCliUnavailableError } from './temporal-cli';

export interface DevServerOptions {
  /** Folder for the SQLite file and pid file; without it the server keeps state in memory. */
  dataDir?: string;
  port: number;
  /** Web UI port; without it the server runs headless. */
  uiPort?: number;
  namespace: string;
  cliPath?: string;
  log: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilServing(address: string, namespace: string, child: ChildProcess | undefined, output: () => string, failed: () => Error | undefined): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure) throw failure;
    if (child && child.exitCode !== null) {
      throw new Error(`Temporal 开发服务器启动失败（退出码 ${child.exitCode}）:\n${output()}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  throw new Error(`Temporal 开发服务器 60 秒内未就绪: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  // A child that never started (its `error` event) will never exit either.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The SDK's own download needs the internet; it is the last resort when no binary can be found or built. */
async function startWithSdkDownload(options: DevServerOptions): Promise<RunningDevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        ui: options.uiPort !== undefined,
        uiPort: options.uiPort,
        namespace: options.namespace,
        dbFilename: options.dataDir ? join(options.dataDir, 'temporal.sqlite') : undefined,
      },
    });
    return {
      address: `127.0.0.1:${options.port}`,
      uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
      stop: () => env.teardown(),
    };
  } catch (error) {
    throw new TemporalCliUnavailableError(
      '找不到 Temporal CLI，也无法构建或下载它。请设置 TEMPORAL_CLI_PATH 指向 temporal 可执行文件，' +
        '或设置 TEMPORAL_ADDRESS 连接已有的 Temporal 服务。' +
        ` (SDK download failed: ${(error as Error).message.split('\n')[0]})`,
    );
  }
}

/**
 * Starts `temporal server start-dev` as a child process bound to loopback. The pid file lets the
 * next start end a server orphaned by a killed parent before it claims the same ports and file.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const cli = findTemporalCli({ explicitPath: options.cliPath, log: options.log });
  const pidFile = options.dataDir ? join(options.dataDir, 'temporal-dev-server.pid') : undefined;
  if (pidFile) {
    mkdirSync(options.dataDir!, { recursive: true });
    await endStaleProcess({ pidFile, mustContain: 'start-dev', signal: 'SIGTERM', log: options.log });
  }
  for (const [name, port] of [['TEMPORAL_DEV_PORT', options.port], ['TEMPORAL_UI_PORT', options.uiPort]] as const) {
    if (port !== undefined && !(await portIsFree(port))) {
      throw new Error(`端口 ${port} 已被占用（${name}）：请停止占用它的程序，或换一个端口`);
    }
  }
  if (!cli) return startWithSdkDownload(options);

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace, '--log-level', 'warn'];
  // Eager dispatch hands an activity to the worker in the reply to the workflow task that scheduled it,
  // saving a poll round trip on every step (the same setting is recommended for a production cluster).
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  if (options.dataDir) args.push('--db-filename', join(options.dataDir, 'temporal.sqlite'));
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');

  // Its own process group: Ctrl-C reaches the whole foreground group, and the server must stay up
  // until the API and the worker have finished what they were doing, when the launcher stops it.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stopOnExit = () => child.kill('SIGTERM');
  process.on('exit', stopOnExit);
  child.once('close', () => process.removeListener('exit', stopOnExit));
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = spawnFailure('Temporal 开发服务器', cli, error, '请设置 TEMPORAL_CLI_PATH 指向可执行的 temporal 程序（或删除工具缓存中的它以重新构建），或设置 TEMPORAL_ADDRESS 连接已有的 Temporal 服务');
  });
  // The first lines carry the reason of a failed start (a panic's message comes before its stack).
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 3000) output = (output + chunk.toString()).slice(0, 3000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid}\n`);

  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(address, options.namespace, child, () => output, () => spawnError);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: async () => {
      await stopChild(child);
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}
