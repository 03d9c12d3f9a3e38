import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStoreSettings } from '../../libs/config/src/file-store-config';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startWorker, type RunningWorker } from '../../apps/worker/src/run-worker';

export interface TestStack {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  worker: RunningWorker;
  temporal: Client;
  db: DataSource;
  taskQueue: string;
  /** Starts a fresh worker on the same task queue (after `worker.stop()`). */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: e2e tests run under the e2e jest project's global setup`);
  return value;
}

/**
 * The real API and the real worker, in this test file's process, against the run's PostgreSQL and
 * Temporal. Each file gets its own task queue so files running in parallel never steal each other's tasks.
 */
export async function startTestStack(options: { databaseUrl?: string; databaseReadUrl?: string; files?: FileStoreSettings } = {}): Promise<TestStack> {
  const databaseUrl = options.databaseUrl ?? required('E2E_DATABASE_URL');
  const address = required('E2E_TEMPORAL_ADDRESS');
  const taskQueue = `e2e-${randomUUID()}`;
  const temporalSettings = { address, namespace: 'default', taskQueue };

  const workerSettings = { databaseUrl, ...temporalSettings };
  let worker = await startWorker(workerSettings);
  // Attachments go to a folder of the run unless the file asks for its own store.
  const files: FileStoreSettings = options.files ?? { kind: 'disk', root: join(tmpdir(), 'rural-funds-e2e-files') };
  const app = await createApiApp({ databaseUrl, databaseReadUrl: options.databaseReadUrl, temporal: temporalSettings, jwtSecret: 'e2e-secret-of-sufficient-length', files });
  await app.init();
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: 'default' });
  const db = await new DataSource(dataSourceOptions(databaseUrl)).initialize();

  const stack: TestStack = {
    app,
    http: () => request(app.getHttpServer()),
    worker,
    temporal,
    db,
    taskQueue,
    async restartWorker() {
      worker = await startWorker(workerSettings);
      stack.worker = worker;
    },
    async stop() {
      await stack.worker.stop();
      await app.close();
      await connection.close();
      await db.destroy();
    },
  };
  return stack;
}

/** Signs in as one of the demo users and returns the bearer header. */
export async function login(stack: TestStack, username: string): Promise<{ Authorization: string }> {
  const response = await stack.http().post('/auth/login').send({ username, password: 'demo123' }).expect(200);
  return { Authorization: `Bearer ${response.body.accessToken}` };
}
