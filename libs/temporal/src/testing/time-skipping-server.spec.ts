import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { approvalWithDeadline, approveSignal, sleepyWorkflow } from './fixtures/sleepy.workflow';
import { createTimeSkippingEnv, ensureTimeSkippingServer } from './time-skipping-server';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Generous for a loaded CI box, yet orders of magnitude below the 15 simulated days. */
const MAX_WALL_MS = 30_000;

describe('offline time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let taskQueueSeq = 0;

  beforeAll(async () => {
    try {
      // The worker's INFO lifecycle logs would bury the test output.
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this module registry; keep whatever logger it has.
    }
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** A fresh task queue per test keeps a slow shutdown of one worker from stealing another test's tasks. */
  async function withWorker<R>(fn: (taskQueue: string) => Promise<R>): Promise<R> {
    const taskQueue = `time-skipping-${process.pid}-${++taskQueueSeq}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/sleepy.workflow'),
    });
    return worker.runUntil(fn(taskQueue));
  }

  it('runs a 15-day sleep in (wall-clock) seconds', async () => {
    expect(env.supportsTimeSkipping).toBe(true);

    await withWorker(async (taskQueue) => {
      const serverStart = await env.currentTimeMs();
      const wallStart = Date.now();

      const result = await env.client.workflow.execute(sleepyWorkflow, {
        taskQueue,
        workflowId: `sleepy-${Date.now()}`,
        args: ['资金拨付'],
      });

      const wallElapsed = Date.now() - wallStart;
      const serverElapsed = (await env.currentTimeMs()) - serverStart;

      expect(result.label).toBe('资金拨付');
      expect(result.sleptMs).toBeGreaterThanOrEqual(15 * DAY_MS);
      expect(serverElapsed).toBeGreaterThanOrEqual(15 * DAY_MS);
      expect(wallElapsed).toBeLessThan(MAX_WALL_MS);
    });
  });

  it('fires the condition timeout when no signal arrives', async () => {
    await withWorker(async (taskQueue) => {
      const serverStart = await env.currentTimeMs();
      const wallStart = Date.now();

      const result = await env.client.workflow.execute(approvalWithDeadline, {
        taskQueue,
        workflowId: `approval-timeout-${Date.now()}`,
      });

      expect(result).toEqual({ outcome: 'timed-out', waitedMs: expect.any(Number) });
      expect(result.waitedMs).toBeGreaterThanOrEqual(15 * DAY_MS);
      expect((await env.currentTimeMs()) - serverStart).toBeGreaterThanOrEqual(15 * DAY_MS);
      expect(Date.now() - wallStart).toBeLessThan(MAX_WALL_MS);
    });
  });

  it('lets a signal win against the pending 15-day timer', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start(approvalWithDeadline, {
        taskQueue,
        workflowId: `approval-signal-${Date.now()}`,
      });
      // Skipping 2 days manually proves the timer is live but not yet due when the signal lands.
      await env.sleep('2 days');
      await handle.signal(approveSignal, '县财政局');

      const result = await handle.result();

      expect(result.outcome).toBe('approved');
      expect(result.approver).toBe('县财政局');
      expect(result.waitedMs).toBeGreaterThanOrEqual(2 * DAY_MS);
      expect(result.waitedMs).toBeLessThan(15 * DAY_MS);
    });
  });

  // Exercises the install path (Maven + lock + atomic rename) against an empty cache; needs mvn,
  // so it is skipped when the server is supplied from outside.
  const installIt = process.env.TEMPORAL_TEST_SERVER_PATH ? it.skip : it;
  installIt('installs once when called concurrently on an empty cache', async () => {
    const cacheHome = await fs.mkdtemp(path.join(os.tmpdir(), 'tts-cache-'));
    const previous = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cacheHome;
    try {
      const paths = await Promise.all([ensureTimeSkippingServer(), ensureTimeSkippingServer(), ensureTimeSkippingServer()]);

      expect(new Set(paths).size).toBe(1);
      const [wrapper] = paths;
      expect(wrapper?.startsWith(cacheHome)).toBe(true);
      await fs.access(wrapper as string, fs.constants.X_OK);
      const toolsDir = path.join(cacheHome, 'rural-funds', 'tools');
      // Only the finished install may remain: no staging directories, no lock file.
      expect(await fs.readdir(toolsDir)).toEqual([path.basename(path.dirname(wrapper as string))]);
      // A second call must be a pure cache hit.
      const started = Date.now();
      expect(await ensureTimeSkippingServer()).toBe(wrapper);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
      await fs.rm(cacheHome, { recursive: true, force: true });
    }
  });
});
