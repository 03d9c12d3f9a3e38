import { randomUUID } from 'node:crypto';
import type { Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * DATABASE_READ_URL: the monitor's and the reports' reads go to the read replica it names, every
 * other read and every write to the primary. Here the "replica" is the same database reached under
 * an application name of its own, so PostgreSQL itself says which connection ran which statement.
 */
describe('reads routed to DATABASE_READ_URL', () => {
  let stack: TestStack;
  let monitor: Headers, county: Headers;
  const reader = `rf-reads-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const primary = new URL(process.env.E2E_DATABASE_URL!);
    const replica = new URL(primary);
    replica.searchParams.set('application_name', reader);
    stack = await startTestStack({ databaseReadUrl: replica.toString() });
    [monitor, county] = await Promise.all(['monitor1', 'county1'].map((n) => login(stack, n)));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The statements the replica's connections have run, as pg_stat_activity shows their last ones. */
  const replicaStatements = async (): Promise<string[]> =>
    (await stack.db.query(`SELECT query FROM pg_stat_activity WHERE application_name = $1`, [reader])).map((r: { query: string }) => r.query).sort();

  it('answers the monitor and the monthly reports from the replica', async () => {
    await stack.http().get('/monitor/counties').set(monitor).expect(200);
    expect((await replicaStatements()).join('\n')).toMatch(/allocations/);

    await stack.http().get('/reports/monthly-pace/140600000000/2026-06').set(monitor).expect(200);
    await stack.http().get('/reports/monthly/140602000000/2026-06').set(county).expect(200);
    expect((await replicaStatements()).join('\n')).toMatch(/allocations|fund_matches|payments/);
  });

  it('leaves the inbox, read after every action, on the primary', async () => {
    const before = await replicaStatements();
    await stack.http().get('/tasks').set(county).expect(200);
    // The inbox is no report: the replica's connections ran nothing new for it.
    expect(await replicaStatements()).toEqual(before);
  });
});
