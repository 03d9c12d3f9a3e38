import type { Duration } from '@temporalio/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createWorker } from '../../../libs/temporal/src/worker-factory';
import { startStepIntentSweeper, type Sweeper } from './step-intent-sweeper';
import { ACTIVITIES, WORKER_DATA_SOURCE, WorkerModule } from './worker.module';

export interface WorkerSettings {
  databaseUrl: string;
  address: string;
  namespace: string;
  taskQueue: string;
  workflowBundlePath?: string;
  shutdownGraceTime?: Duration;
  shutdownForceTime?: Duration;
}

export interface RunningWorker {
  /** Settles when the worker stops, rejecting if it failed. */
  done: Promise<void>;
  /** Records the steps of API requests that ended without recording them. */
  sweeper: Sweeper;
  stop(): Promise<void>;
}

/** Starts polling and sweeping; shared by the production worker, the single-machine launcher and the tests. */
export async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(WorkerModule.register(settings.databaseUrl), { logger: ['error', 'warn'] });
  const { worker, connection } = await createWorker({
    address: settings.address,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: context.get(ACTIVITIES),
    workflowBundlePath: settings.workflowBundlePath,
    shutdownGraceTime: settings.shutdownGraceTime,
    shutdownForceTime: settings.shutdownForceTime,
  });
  const client = new Client({ connection: Connection.lazy({ address: settings.address }), namespace: settings.namespace });
  const sweeper = startStepIntentSweeper(context.get<DataSource>(getDataSourceToken(WORKER_DATA_SOURCE)), client, (line) => console.log(`[worker] ${line}`));
  const done = worker.run().finally(async () => {
    await sweeper.stop();
    await client.connection.close();
    await connection.close();
    await context.close();
  });
  return {
    done,
    sweeper,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
