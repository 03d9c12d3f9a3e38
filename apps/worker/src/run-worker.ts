import type { Duration } from '@temporalio/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createWorker } from '../../../libs/temporal/src/worker-factory';
import { ensureDayRootsClock } from './day-roots-clock';
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
  /** Starts the midnight clock that seals each county's 存证根 (the deployed workers; tests start it themselves). */
  sealDayRoots?: boolean;
}

export interface RunningWorker {
  /** Settles when the worker stops, rejecting if it failed. */
  done: Promise<void>;
  /** Records the steps of API requests that ended without recording them. */
  sweeper: Sweeper;
  stop(): Promise<void>;
}

/** Temporal may not accept the start yet (a cluster still coming up): try again until it does or the worker stops. */
function keepDayRootsClock(client: Client, taskQueue: string, retryMs = 60_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = () =>
    ensureDayRootsClock(client, taskQueue).catch((error: Error) => {
      if (stopped) return;
      console.warn(`[worker] 存证根时钟未能启动，${retryMs / 1000} 秒后重试：${error.message}`);
      timer = setTimeout(attempt, retryMs);
    });
  void attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
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
  const stopClock = settings.sealDayRoots ? keepDayRootsClock(client, settings.taskQueue) : () => undefined;
  const sweeper = startStepIntentSweeper(context.get<DataSource>(getDataSourceToken(WORKER_DATA_SOURCE)), client, (line) => console.log(`[worker] ${line}`));
  const done = worker.run().finally(async () => {
    stopClock();
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
