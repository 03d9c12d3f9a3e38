import 'reflect-metadata';
import { startWorker } from '../../apps/worker/src/run-worker';

/** Path of this file once compiled; the chaos run spawns it with `node` as a worker process of its own. */
export const WORKER_ENTRY = __filename;

/**
 * A worker in a child process, so the chaos run can end it with SIGKILL. Settings come from the
 * environment; `READY` on stdout means it polls. SIGTERM stops it gracefully.
 */
async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set (this entry is started by scripts/chaos.ts)`);
    return value;
  };
  const worker = await startWorker({
    databaseUrl: env('CHAOS_DATABASE_URL'),
    address: env('CHAOS_TEMPORAL_ADDRESS'),
    namespace: process.env.CHAOS_TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env('CHAOS_TASK_QUEUE'),
    workflowBundlePath: process.env.CHAOS_WORKFLOW_BUNDLE || undefined,
  });
  process.once('SIGTERM', () => void worker.stop());
  process.stdout.write(`READY pid=${process.pid}\n`);
  await worker.done;
  process.stdout.write('STOPPED\n');
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`chaos worker failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  });
}
