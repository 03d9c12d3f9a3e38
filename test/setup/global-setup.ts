import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../libs/persistence/src/data-source';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded/embedded-postgres';
import { seedDemo } from '../../libs/persistence/src/seed/demo-seed';
import { freePort } from '../../libs/process/src/ports';
import { startDevServer } from '../../libs/temporal/src/dev-server';

/**
 * Starts one real PostgreSQL and one real Temporal dev server for the whole e2e run, on free
 * loopback ports in a fresh temporary folder, so a run never touches a developer's `npm start`.
 */
/** A free port can be taken by another process before the server binds it: try again on a new one. */
async function startTemporal(log: (line: string) => void) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDevServer({ port: await freePort(), namespace: 'default', log, cliPath: process.env.TEMPORAL_CLI_PATH });
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`Temporal 开发服务器启动失败，换端口重试（${(error as Error).message.split('\n')[0]}）`);
    }
  }
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[e2e setup] ${line}\n`);
  // The browser tests open the console the API serves: build it first when missing or stale.
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'ensure-web-built.js')], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-e2e-'));
  // As root, PostgreSQL runs as the `postgres` user: a folder it can enter keeps the cluster here,
  // removed with the folder, instead of in the shared folder a private one would need.
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), log });
  const temporal = await startTemporal(log);
  await runMigrations(postgres.url);
  const dataSource = await new DataSource(dataSourceOptions(postgres.url)).initialize();
  await seedDemo(dataSource);
  await dataSource.destroy();

  process.env.E2E_DATABASE_URL = postgres.url;
  process.env.E2E_TEMPORAL_ADDRESS = temporal.address;
  (globalThis as Record<string, unknown>).__e2eStack = { postgres, temporal, dir };
}
