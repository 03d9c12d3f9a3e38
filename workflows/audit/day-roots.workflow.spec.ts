/**
 * `dayRootsWorkflow` on Temporal's time-skipping test server with a fake activity that records the
 * days it is asked to seal. Shanghai midnights are computed here with plain arithmetic, not with
 * libs/domain.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { AuditActivities } from '../../activities/audit/audit-activities.types';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import { eventually } from '../../test/support/update-assertions';
import { DAY_ROOTS_WORKFLOW_TYPE, dayRootsWorkflowId } from './day-roots.definitions';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 8 * HOUR_MS;

const shanghaiDay = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const nextShanghaiMidnight = (ms: number) => (Math.floor((ms + OFFSET_MS) / DAY_MS) + 1) * DAY_MS - OFFSET_MS;

describe('dayRootsWorkflow (time-skipping test server, fake activity)', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundle;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process.
    }
    [env, workflowBundle] = await Promise.all([
      createTimeSkippingEnv(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./day-roots.workflow'), logger: new DefaultLogger('WARN') }),
    ]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('seals the day it starts on, then each day at Shanghai midnight, and starts afresh after a month', async () => {
    const sealed: Array<{ day: string; atMs: number }> = [];
    const activities: AuditActivities = {
      sealDayRoots: async (day) => {
        sealed.push({ day, atMs: (await env.currentTimeMs()) });
        return 1;
      },
    };
    const taskQueue = `day-roots-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
    // Start at 10:00 in Shanghai, whatever the test server's clock says now.
    const now = (await env.currentTimeMs());
    await env.sleep(nextShanghaiMidnight(now) + 10 * HOUR_MS - now);
    const startedAt = (await env.currentTimeMs());

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(DAY_ROOTS_WORKFLOW_TYPE, { taskQueue, workflowId: dayRootsWorkflowId(taskQueue) });
      await eventually(async () => expect(sealed).toHaveLength(1));
      expect(sealed[0].day).toBe(shanghaiDay(startedAt));

      await env.sleep(nextShanghaiMidnight(startedAt) - (await env.currentTimeMs()) + 1_000);
      await eventually(async () => expect(sealed).toHaveLength(2));
      expect(sealed[1].day).toBe(shanghaiDay(nextShanghaiMidnight(startedAt)));
      // Sealed at midnight, not at the hour the clock started.
      expect(sealed[1].atMs - nextShanghaiMidnight(startedAt)).toBeLessThan(HOUR_MS);

      const firstRun = (await handle.describe()).runId;
      await env.sleep(31 * DAY_MS);
      await eventually(async () => expect(sealed.length).toBeGreaterThanOrEqual(33));
      const days = sealed.map((s) => s.day);
      // One seal per day, consecutive days, across the fresh start.
      expect(new Set(days).size).toBe(days.length);
      for (let i = 1; i < days.length; i += 1) expect(Date.parse(days[i]) - Date.parse(days[i - 1])).toBe(DAY_MS);
      expect((await handle.describe()).runId).not.toBe(firstRun);
      await handle.terminate('test over');
    });
  });
});
