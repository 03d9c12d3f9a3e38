import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { startWorker } from './run-worker';

/** Production worker: external Postgres and Temporal, and the workflow bundle prebuilt by `npm run build`. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'production');
  const worker = await startWorker({
    databaseUrl: config.databaseUrl!,
    address: config.temporalAddress!,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH ?? join(__dirname, '../../../workflow-bundle.js'),
    sealDayRoots: true,
  });
  console.log(`worker polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.stop());
  await worker.done;
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
