import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { dataSourceOptions, runMigrations } from '../../libs/persistence/src/data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '../../libs/persistence/src/embedded/embedded-postgres';
import { seedDemo } from '../../libs/persistence/src/seed/demo-seed';
import { freePort } from '../../libs/process/src/ports';
import { startDevServer, type RunningDevServer } from '../../libs/temporal/src/dev-server';
import { WORKER_ENTRY } from './worker';

export const NAMESPACE = 'default';

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Last lines of its output, for a failure report. */
  tail(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Everything the chaos run starts, each with its own handle so it can be stopped, restarted on the
 * same port and data folder, and finally cleaned up even after a failure.
 */
export class ChaosStack {
  readonly dir: string;
  readonly pgDir: string;
  readonly temporalDir: string;
  readonly taskQueue = `chaos-${process.pid}-${Date.now()}`;
  pgPort = 0;
  temporalPort = 0;
  apiPort = 0;
  databaseUrl = '';
  temporalAddress = '';
  bundlePath = '';
  postgres: RunningPostgres | null = null;
  temporal: RunningDevServer | null = null;
  app: INestApplication | null = null;
  readonly workers: WorkerProcess[] = [];
  private readonly logFile: WriteStream;

  constructor(private readonly log: (line: string) => void) {
    this.dir = mkdtempSync(join(tmpdir(), 'rural-funds-chaos-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
    chmodSync(this.dir, 0o755);
    this.pgDir = join(this.dir, 'postgres');
    this.temporalDir = join(this.dir, 'temporal');
    this.logFile = createWriteStream(join(this.dir, 'chaos.log'));
  }

  infraLog = (line: string) => void this.logFile.write(`${new Date().toISOString()} ${line}\n`);

  /** Writes a file into the run's folder (kept with CHAOS_KEEP=1 after a failure). */
  save(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  async start(): Promise<void> {
    [this.pgPort, this.temporalPort, this.apiPort] = [await freePort(), await freePort(), await freePort()];
    // Bundling the workflows (webpack) takes a while on two cores: do it while the servers start.
    const bundling = this.bundle();
    await this.startPostgres();
    await this.startTemporal();
    await runMigrations(this.databaseUrl);
    const dataSource = await new DataSource(dataSourceOptions(this.databaseUrl)).initialize();
    try {
      await seedDemo(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await bundling;
    this.app = await createApiApp({
      databaseUrl: this.databaseUrl,
      temporal: { address: this.temporalAddress, namespace: NAMESPACE, taskQueue: this.taskQueue },
      jwtSecret: 'chaos-secret-of-sufficient-length',
    });
    await this.app.listen(this.apiPort, '127.0.0.1');
  }

  /** One bundle for every worker process, built from the compiled workflows this run ships with. */
  private async bundle(): Promise<void> {
    const { bundleWorkflowCode, DefaultLogger } = await import('@temporalio/worker');
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
    this.bundlePath = join(this.dir, 'workflow-bundle.js');
    writeFileSync(this.bundlePath, code);
  }

  async startPostgres(): Promise<void> {
    this.postgres = await startEmbeddedPostgres({ dataDir: this.pgDir, port: this.pgPort, log: this.infraLog });
    this.databaseUrl = this.postgres.url;
  }

  async stopPostgres(): Promise<void> {
    const pg = this.postgres;
    this.postgres = null;
    await pg?.stop();
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({
      dataDir: this.temporalDir,
      port: this.temporalPort,
      namespace: NAMESPACE,
      cliPath: process.env.TEMPORAL_CLI_PATH,
      log: this.infraLog,
    });
    this.temporalAddress = this.temporal.address;
  }

  async stopTemporal(): Promise<void> {
    const server = this.temporal;
    this.temporal = null;
    await server?.stop();
  }

  /** Starts a worker process and waits until it polls. */
  async spawnWorker(): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [WORKER_ENTRY], {
      env: {
        ...process.env,
        CHAOS_DATABASE_URL: this.databaseUrl,
        CHAOS_TEMPORAL_ADDRESS: this.temporalAddress,
        CHAOS_TEMPORAL_NAMESPACE: NAMESPACE,
        CHAOS_TASK_QUEUE: this.taskQueue,
        CHAOS_WORKFLOW_BUNDLE: this.bundlePath,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      const fresh = chunk.toString().split('\n').filter(Boolean);
      for (const line of fresh) this.logFile.write(`[worker ${child.pid}] ${line}\n`);
      lines.push(...fresh);
      if (lines.length > 40) lines.splice(0, lines.length - 40);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const worker: WorkerProcess = { child, pid: child.pid!, tail: () => lines.join('\n'), exited };
    this.workers.push(worker);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${child.pid} not ready within 90 s:\n${worker.tail()}`)), 90_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`worker ${child.pid} exited before it was ready (code ${code}, signal ${signal}):\n${worker.tail()}`));
      });
    });
    return worker;
  }

  /** SIGKILL, as a crash or the OOM killer would: no shutdown, no goodbye to Temporal. */
  async killWorker(worker: WorkerProcess): Promise<void> {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  }

  private async stopWorker(worker: WorkerProcess): Promise<void> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    worker.child.kill('SIGTERM');
    const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000);
    await worker.exited;
    clearTimeout(timer);
  }

  /** Stops whatever is still running — API, workers, Temporal, PostgreSQL — and removes the folder. */
  async cleanup(options: { keepDir: boolean }): Promise<void> {
    const steps: Array<[string, () => Promise<void>]> = [
      ['API', async () => void (await this.app?.close())],
      ['workers', async () => void (await Promise.all(this.workers.map((w) => this.stopWorker(w))))],
      ['Temporal', () => this.stopTemporal()],
      ['PostgreSQL', () => this.stopPostgres()],
    ];
    for (const [name, step] of steps) {
      try {
        await Promise.race([
          step(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 30 s')), 30_000).unref()),
        ]);
      } catch (error) {
        this.log(`cleanup: stopping ${name} failed: ${(error as Error).message}`);
      }
    }
    this.app = null;
    await new Promise<void>((resolve) => this.logFile.end(resolve));
    if (!options.keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
