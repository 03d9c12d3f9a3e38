import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../libs/persistence/src/data-source';
import { seedDemo } from '../../libs/persistence/src/seed/demo-seed';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own in the run's PostgreSQL, migrated and holding only the demo data: for a test
 * whose outcome must not depend on what other test files wrote before it (the contract fuzzer sees
 * every row its roles may read, and answers must match the document whatever ran first).
 */
export async function ownDatabase(label: string): Promise<OwnDatabase> {
  const shared = process.env.E2E_DATABASE_URL;
  if (!shared) throw new Error('E2E_DATABASE_URL is not set: e2e tests run under the e2e jest project\'s global setup');
  const name = `${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: shared });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  await seedDemo(dataSource);
  await dataSource.destroy();
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: shared });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
