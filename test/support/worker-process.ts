import 'reflect-metadata';
import { startWorker } from '../../apps/worker/src/run-worker';

/** A worker in a process of its own, so a test can kill it with SIGKILL mid-flow. */
async function main(): Promise<void> {
  const worker = await startWorker({
    databaseUrl: process.env.E2E_DATABASE_URL!,
    address: process.env.E2E_TEMPORAL_ADDRESS!,
    namespace: 'default',
    taskQueue: process.env.E2E_TASK_QUEUE!,
  });
  process.stdout.write('READY\n');
  await worker.done;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
