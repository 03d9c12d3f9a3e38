import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { runMigrations } from '../../../libs/persistence/src/data-source';
import { createApiApp } from './create-api-app';

/** Production API: external Postgres and Temporal; migrations run before the port opens. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'production');
  await runMigrations(config.databaseUrl!);
  const app = await createApiApp({
    databaseUrl: config.databaseUrl!,
    databaseReadUrl: config.databaseReadUrl,
    temporal: { address: config.temporalAddress!, namespace: config.temporalNamespace, taskQueue: config.taskQueue },
    jwtSecret: config.jwtSecret,
    trustProxy: config.trustProxy,
    files: config.files,
  });
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  console.log(`API listening on :${config.port}`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
