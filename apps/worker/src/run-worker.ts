import { NestFactory } from '@nestjs/core';
import { createWorker } from '../../../libs/temporal/src/worker-factory';
import { ACTIVITIES, WorkerModule } from './worker.module';

export interface WorkerSettings {
  databaseUrl: string;
  address: string;
  namespace: string;
  taskQueue: string;
  workflowBundlePath?: string;
}

export interface RunningWorker {
  /** Settles when the worker stops, rejecting if it failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Starts polling; shared by the production worker, the single-machine launcher and the tests. */
export async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(WorkerModule.register(settings.databaseUrl), { logger: ['error', 'warn'] });
  const { worker, connection } = await createWorker({
    address: settings.address,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: context.get(ACTIVITIES),
    workflowBundlePath: settings.workflowBundlePath,
  });
  const done = worker.run().finally(async () => {
    await connection.close();
    await context.close();
  });
  return {
    done,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
