/**
 * The allocation workflow for matches decided in PostgreSQL: only the clock. Time-skipping test
 * server; the activities are in memory, the unmatched money whatever the test says PostgreSQL holds.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import { refusalOf } from '../../test/support/update-assertions';
import type { Actor } from '../project/project.types';
import { allocationStatusQuery, allocationWorkflowId, receiveAllocationUpdate } from './allocation.definitions';
import type { AllocationWorkflowInput, MatchingDeadlineCheck } from './allocation.types';

const DAY_MS = 24 * 3600_000;
const county: Actor = { userId: 'u-county1', name: '朔城区', role: 'county', regionCode: '140602000000' };
const AMOUNT = '50000000';

describe('allocationWorkflow with matches decided in PostgreSQL (time-skipping test server)', () => {
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
      bundleWorkflowCode({ workflowsPath: require.resolve('./allocation.workflow'), logger: new DefaultLogger('WARN') }),
    ]);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** An allocation received now, its checks answered from `unmatched()` as PostgreSQL would. */
  async function received(unmatched: (check: MatchingDeadlineCheck) => bigint, receivedAgoMs = 0) {
    const receipts: Parameters<FundsActivities['recordReceipt']>[0][] = [];
    const checks: (MatchingDeadlineCheck & { unmatchedFen: string })[] = [];
    const activities: FundsActivities = {
      recordReceipt: async (step) => {
        receipts.push(step);
      },
      recordMatch: async () => undefined,
      recordMatches: async () => ({ refused: [] }),
      recordUnmatch: async () => null,
      recordMatchingDeadline: async () => undefined,
      checkMatchingDeadline: async (check) => {
        const left = unmatched(check);
        checks.push({ ...check, unmatchedFen: left.toString() });
        return { matchedFen: (BigInt(AMOUNT) - left).toString(), unmatchedFen: left.toString() };
      },
    };
    const taskQueue = `allocation-clock-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
    const input: AllocationWorkflowInput = { allocationId: randomUUID(), batchId: randomUUID().slice(0, 8), countyCode: county.regionCode!, amountFen: AMOUNT, earmarks: [], matchGate: 'database' };
    const workflowId = allocationWorkflowId(input.batchId, input.countyCode);
    const receivedAtMs = (await env.currentTimeMs()) - receivedAgoMs;
    return { worker, input, workflowId, receipts, checks, receivedAtMs, taskQueue };
  }

  const receive = (workflowId: string, taskQueue: string, input: AllocationWorkflowInput, receivedAtMs: number, warnings: string[]) =>
    env.client.workflow.executeUpdateWithStart(receiveAllocationUpdate, {
      args: [{ actor: county, receivedAt: new Date(receivedAtMs).toISOString(), matchingDeadline: 'P15D', matchingWarnings: warnings }],
      startWorkflowOperation: new WithStartWorkflowOperation('allocationWorkflow', { workflowId, taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' }),
    });

  it('checks PostgreSQL at each warning point and at the deadline, then ends, its history the same whatever the county matched', async () => {
    // Half matched by the first warning, a fen short at the second and at the deadline.
    const a = await received((check) => (check.label === 'P5D' ? BigInt(AMOUNT) / 2n : 1n));
    await a.worker.runUntil(async () => {
      const status = await receive(a.workflowId, a.taskQueue, a.input, a.receivedAtMs, ['P5D', 'P1D']);
      expect(status).toMatchObject({ receivedAt: new Date(a.receivedAtMs).toISOString(), matchGate: 'database', sumsCheckedAt: null });
      expect(a.receipts).toEqual([expect.objectContaining({ allocationId: a.input.allocationId, matchGate: 'database', amountFen: AMOUNT })]);
      const dueMs = Date.parse(status.dueAt!);
      expect(dueMs - a.receivedAtMs).toBeGreaterThanOrEqual(15 * DAY_MS);

      const handle = env.client.workflow.getHandle(a.workflowId);
      await handle.result();
      // In minutes from the deadline: a timer fires at its point, give or take the workflow task's start.
      expect(a.checks.map((c) => [c.kind, c.label, Math.round((Date.parse(c.at) - dueMs) / 60_000)])).toEqual([
        ['warning', 'P5D', -5 * 24 * 60],
        ['warning', 'P1D', -1 * 24 * 60],
        ['overdue', 'due', 0],
      ]);
      expect(a.checks.every((c) => c.dueAt === status.dueAt)).toBe(true);
      const events = (await handle.fetchHistory()).events ?? [];
      // The start, the receipt, and per point a timer and an activity with their workflow tasks.
      expect(events.length).toBeLessThanOrEqual(50);
      expect(await handle.query(allocationStatusQuery)).toMatchObject({ unmatchedFen: '1', matchedFen: (BigInt(AMOUNT) - 1n).toString(), overdue: true });
    });
  });

  it('refuses a second receipt and a warning it cannot count back, and records nothing for them', async () => {
    const a = await received(() => 0n);
    await a.worker.runUntil(async () => {
      expect(await refusalOf(receive(a.workflowId, a.taskQueue, a.input, a.receivedAtMs, ['P1M']))).toBe('INVALID_INPUT');
      await receive(a.workflowId, a.taskQueue, a.input, a.receivedAtMs, ['P5D']);
      expect(await refusalOf(receive(a.workflowId, a.taskQueue, a.input, a.receivedAtMs, ['P5D']))).toBe('WRONG_STAGE');
      expect(a.receipts).toHaveLength(1);
      await env.client.workflow.getHandle(a.workflowId).terminate('test finished');
    });
  });

  it('on a late receipt skips warnings whose point has passed with the deadline, and checks the deadline at once', async () => {
    const a = await received(() => 300n, 17 * DAY_MS);
    await a.worker.runUntil(async () => {
      await receive(a.workflowId, a.taskQueue, a.input, a.receivedAtMs, ['P5D']);
      await env.client.workflow.getHandle(a.workflowId).result();
      expect(a.checks.map((c) => c.kind)).toEqual(['overdue']);
    });
  });
});
