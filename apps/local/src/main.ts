import 'reflect-metadata';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { runMigrations } from '../../../libs/persistence/src/data-source';
import { startEmbeddedPostgres } from '../../../libs/persistence/src/embedded/embedded-postgres';
import { seedDemo } from '../../../libs/persistence/src/seed/demo-seed';
import { startDevServer } from '../../../libs/temporal/src/dev-server';
import { TemporalCliUnavailableError } from '../../../libs/temporal/src/temporal-cli';
import { SpawnFailure } from '../../../libs/process/src';
import { closeApiApp } from '../../api/src/close-api-app';
import { createApiApp } from '../../api/src/create-api-app';
import { startWorker, type RunningWorker } from '../../worker/src/run-worker';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source';

const log = (line: string) => console.log(`[启动] ${line}`);

/**
 * Things to stop on exit. The API, then the worker, finish what they are doing while the servers
 * they use are still up; the servers (Temporal, PostgreSQL) then stop together, as neither needs the other.
 */
const stoppers: Array<{ name: string; stop: () => Promise<void>; server?: boolean }> = [];
let stopping = false;
/**
 * What a request or an activity under way may still take once Ctrl-C is pressed. With the Temporal
 * dev server's own 1.2–1.3 s to stop, Ctrl-C ends within 3 s even when both graces run out; what is
 * cut then is retried safely (Idempotency-Key and step intents for requests, Temporal for activities).
 */
const API_GRACE_MS = 1_200;
const WORKER_GRACE = '300 ms';
const WORKER_FORCE = '500 ms';

async function stopAll(code: number, signal?: string): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  const began = Date.now();
  if (signal) console.log(`\n[停止] 收到 ${signal}，正在停止（再按一次 Ctrl-C 立即退出）`);
  // A second Ctrl-C, or a stop that hangs, must still end the process.
  setTimeout(() => process.exit(code), 10_000).unref();
  const stop = async ({ name, stop }: (typeof stoppers)[number]) => {
    try {
      await stop();
    } catch (error) {
      console.error(`停止 ${name} 时出错: ${(error as Error).message}`);
    }
  };
  const latestFirst = [...stoppers].reverse();
  for (const part of latestFirst.filter((part) => !part.server)) await stop(part);
  await Promise.all(latestFirst.filter((part) => part.server).map(stop));
  if (signal) console.log(`[停止] 已停止（${((Date.now() - began) / 1000).toFixed(1)} 秒）`);
  process.exit(code);
}

async function seed(databaseUrl: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    if (await seedDemo(dataSource)) log('已载入演示数据（用户密码 demo123，仅供演示）');
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `npm start`: the whole system in one foreground process on embedded defaults — PostgreSQL and a
 * Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, then the worker and the API.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'local');
  const dataDir = resolve(config.dataDir);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0, signal));
  process.on('uncaughtException', (error) => {
    // A request cut off by the API's grace may still touch the closed Temporal connection: the
    // servers must stop in order all the same. Before a stop, a crash stops everything in order too.
    console.error(stopping ? `停止过程中忽略: ${error.message}` : error);
    if (!stopping) void stopAll(1);
  });

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log(`启动嵌入式 PostgreSQL（端口 ${config.embeddedPgPort}，数据目录 ${join(dataDir, 'postgres')}）`);
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: config.embeddedPgPort, log });
    stoppers.push({ name: 'PostgreSQL', stop: pg.stop, server: true });
    databaseUrl = pg.url;
  }

  let temporalAddress = config.temporalAddress;
  let temporalUi: string | undefined;
  if (!temporalAddress) {
    log(`启动 Temporal 开发服务器（端口 ${config.temporalDevPort}，Web UI ${config.temporalUiPort}）`);
    const server = await startDevServer({
      dataDir,
      port: config.temporalDevPort,
      uiPort: config.temporalUiPort,
      namespace: config.temporalNamespace,
      cliPath: config.temporalCliPath,
      log,
    });
    stoppers.push({ name: 'Temporal', stop: server.stop, server: true });
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
  }

  const applied = await runMigrations(databaseUrl);
  if (applied.length > 0) log(`已执行数据库迁移: ${applied.join(', ')}`);
  if (config.seedDemo) await seed(databaseUrl);

  const temporal = { address: temporalAddress, namespace: config.temporalNamespace, taskQueue: config.taskQueue };
  const worker: RunningWorker = await startWorker({ databaseUrl, ...temporal, shutdownGraceTime: WORKER_GRACE, shutdownForceTime: WORKER_FORCE, sealDayRoots: true });
  stoppers.push({ name: 'worker', stop: worker.stop });
  worker.done.catch((error) => {
    console.error(`Temporal worker 异常退出: ${(error as Error).message}`);
    void stopAll(1);
  });

  const app: INestApplication = await createApiApp({ databaseUrl, databaseReadUrl: config.databaseReadUrl, temporal, jwtSecret: config.jwtSecret, trustProxy: config.trustProxy, files: config.files });
  await app.listen(config.port, '0.0.0.0');
  stoppers.push({ name: 'API', stop: () => closeApiApp(app, API_GRACE_MS) });

  console.log(
    [
      '',
      '衔接资金项目审批引擎已就绪 (ready)',
      `  控制台:       http://localhost:${config.port}  （公示公告：http://localhost:${config.port}/public）`,
      `  API:          http://localhost:${config.port}`,
      `  API 文档:     http://localhost:${config.port}/docs`,
      `  健康检查:     http://localhost:${config.port}/health`,
      temporalUi ? `  Temporal UI:  ${temporalUi}` : `  Temporal:     ${temporalAddress}`,
      '  按 Ctrl-C 停止',
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  if (error instanceof ConfigError || error instanceof TemporalCliUnavailableError || error instanceof SpawnFailure) {
    console.error(error.message);
  } else {
    console.error(`启动失败: ${(error as Error).message ?? String(error)}`);
  }
  await stopAll(1);
});
