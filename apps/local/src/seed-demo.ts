import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { dataSourceOptions, runMigrations } from '../../../libs/persistence/src/data-source';
import { embeddedPostgresUrl, startEmbeddedPostgres } from '../../../libs/persistence/src/embedded/embedded-postgres';
import { seedDemo } from '../../../libs/persistence/src/seed/demo-seed';
import { portIsFree } from '../../../libs/process/src/ports';

/**
 * `npm run seed:demo`: loads the demo data set on demand, into DATABASE_URL, into the embedded
 * database of a running `npm start`, or into the embedded database started just for this.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'local');
  let url = config.databaseUrl;
  let stop = async () => undefined as void;
  if (!url) {
    if (await portIsFree(config.embeddedPgPort)) {
      const pg = await startEmbeddedPostgres({ dataDir: join(resolve(config.dataDir), 'postgres'), port: config.embeddedPgPort, log: console.log });
      url = pg.url;
      stop = pg.stop;
    } else {
      url = embeddedPostgresUrl(config.embeddedPgPort);
    }
  }
  try {
    await runMigrations(url);
    const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      console.log((await seedDemo(dataSource)) ? '已载入演示数据（用户密码 demo123，仅供演示）' : '数据库中已有用户，演示数据未重复载入（地区数据已补全）');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `载入演示数据失败: ${(error as Error).message}`);
  process.exit(1);
});
