/**
 * Workflow tests of `allocationWorkflow` (资金匹配时限) on Temporal's time-skipping test server,
 * with in-memory fake activities that record every call.
 *
 * The test server's clock starts at the real current time and only moves forward, so every test
 * derives its receipt instant from `env.currentTimeMs()`, first skipping to a chosen time of day in
 * Asia/Shanghai. Expected deadlines are computed here with plain arithmetic, independently of
 * libs/domain. Each test runs its own worker on its own task queue and terminates the workflows it
 * started, so their timers never fire into a later test.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type LogEntry, type WorkflowBundle } from '@temporalio/worker';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import type { Actor } from '../project/project.types';
import {
  allocationStatusQuery,
  allocationWorkflowId,
  matchFundsUpdate,
  receiveAllocationUpdate,
  unmatchFundsUpdate,
  withdrawMatchUpdate,
} from './allocation.definitions';
import type { AllocationStatus, AllocationWorkflowInput, MatchCommand, MatchingDeadlineEvent, MatchStep, ReceiveCommand } from './allocation.types';
import { eventually, refusalOf } from '../../test/support/update-assertions';
import { RECORDING_GRACE_MS } from './allocation-answered-from-state';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Shanghai calendar arithmetic (UTC+8, no DST), deliberately not taken from libs/domain
// ---------------------------------------------------------------------------------------------

/** Days since 1970-01-01 of the Shanghai calendar date of an instant. */
function shanghaiDayNumber(instantMs: number): number {
  return Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant (00:00 UTC+8) at which the Shanghai day `days` after the Shanghai day of `instantMs` begins. */
function shanghaiMidnightAfter(instantMs: number, days: number): number {
  return (shanghaiDayNumber(instantMs) + days) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Milliseconds since Shanghai midnight. */
function shanghaiTimeOfDay(instantMs: number): number {
  return instantMs + SHANGHAI_OFFSET_MS - shanghaiDayNumber(instantMs) * DAY_MS;
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const COUNTY_CODE = '140602000000'; // 朔城区
const county: Actor = { userId: 'u-county1', name: '朔城区', role: 'county', regionCode: COUNTY_CODE };

/** 10 000 000.00 元 — of which 3 000 000.00 元 earmarked for 产业发展. */
const AMOUNT = 1_000_000_000n;
const EARMARK_PURPOSE = '产业发展';
const EARMARK = 300_000_000n;
const GENERAL = AMOUNT - EARMARK;

/** A share of the allocation in fen, as the decimal string the API sends. */
const pct = (p: number): string => ((AMOUNT * BigInt(p)) / 100n).toString();

const BIG_BUDGET = (AMOUNT * 10n).toString();

let matchSeq = 0;
function matchCmd(
  amountFen: string | bigint,
  opts: { id?: string; projectId?: string; purpose?: string | null; budgetFen?: string; matchedElsewhereFen?: string } = {},
): MatchCommand {
  const id = opts.id ?? `m-${++matchSeq}`;
  return {
    actor: county,
    match: { id, projectId: opts.projectId ?? `p-${id}`, amountFen: amountFen.toString(), purpose: opts.purpose ?? null },
    project: { budgetFen: opts.budgetFen ?? BIG_BUDGET, matchedElsewhereFen: opts.matchedElsewhereFen ?? '0' },
  };
}

// ---------------------------------------------------------------------------------------------
// Fake activities
// ---------------------------------------------------------------------------------------------

type ReceiptCall = Parameters<FundsActivities['recordReceipt']>[0];
type UnmatchCall = Parameters<FundsActivities['recordUnmatch']>[0];

/** What the database says when it will not write a match: the project's budget across allocations. */
class DatabaseRefusal extends Error {}

/**
 * In-memory FundsActivities over an in-memory fund_matches: a match is written either by the caller
 * the workflow answered (`write`, as the API does) or by the workflow's own recordMatches; either
 * can be refused, like the project-budget guard in PostgreSQL, or held.
 */
class FakeFundsActivities {
  readonly receipts: ReceiptCall[] = [];
  /** The fund_matches rows, each match once, in the order they were written. */
  readonly matchCalls: MatchStep[] = [];
  /** Each recordMatches call of the workflow: the matches it found no caller had confirmed. */
  readonly workflowWrites: MatchStep[][] = [];
  readonly unmatchCalls: UnmatchCall[] = [];
  readonly deadlines: MatchingDeadlineEvent[] = [];
  private readonly removed = new Set<string>();
  private readonly refusedMatches = new Map<string, string>();
  private readonly refusedUnmatches = new Map<string, string>();
  private readonly heldMatches = new Map<string, Promise<void>>();
  private readonly releases: (() => void)[] = [];

  /** The database refuses to write this match, whoever writes it. */
  refuseMatch(matchId: string, message = '项目批复预算不足（数据库校验）'): void {
    this.refusedMatches.set(matchId, message);
  }

  refuseUnmatch(matchId: string, message = '项目已拨付资金（数据库校验）'): void {
    this.refusedUnmatches.set(matchId, message);
  }

  /** The workflow's recordMatches call that includes this match waits until the returned function is called. */
  holdMatch(matchId: string): () => void {
    let release!: () => void;
    this.heldMatches.set(matchId, new Promise<void>((resolve) => (release = resolve)));
    this.releases.push(release);
    return () => release();
  }

  /** Lets every held write go on (test teardown). */
  releaseAll(): void {
    for (const id of [...this.heldMatches.keys()]) this.heldMatches.delete(id);
    for (const release of this.releases.splice(0)) release();
  }

  /** Writes one match unless it is there already; the refusal's message when the database refuses it. */
  write(step: MatchStep): string | null {
    if (this.matchCalls.some((c) => c.match.id === step.match.id)) return null;
    const refusal = this.refusedMatches.get(step.match.id);
    if (refusal !== undefined) return refusal;
    this.matchCalls.push(step);
    return null;
  }

  deadlinesOf(allocationId: string, kind?: 'warning' | 'overdue'): MatchingDeadlineEvent[] {
    return this.deadlines.filter((d) => d.allocationId === allocationId && (kind === undefined || d.kind === kind));
  }

  matchCallsOf(allocationId: string): MatchStep[] {
    return this.matchCalls.filter((c) => c.allocationId === allocationId);
  }

  activities(): FundsActivities {
    return {
      recordReceipt: async (step) => {
        this.receipts.push(step);
      },
      recordMatch: async (step) => {
        const refusal = this.write(step);
        if (refusal !== null) throw ApplicationFailure.nonRetryable(refusal, 'RULE_BROKEN');
      },
      recordMatches: async (steps) => {
        this.workflowWrites.push(steps);
        await Promise.all(steps.map((s) => this.heldMatches.get(s.match.id)));
        const refused: { matchId: string; message: string }[] = [];
        for (const step of steps) {
          const message = this.write(step);
          if (message !== null) refused.push({ matchId: step.match.id, message });
        }
        return { refused };
      },
      recordUnmatch: async (step) => {
        this.unmatchCalls.push(step);
        const refusal = this.refusedUnmatches.get(step.matchId);
        if (refusal !== undefined) throw ApplicationFailure.nonRetryable(refusal, 'RULE_BROKEN');
        const row = this.matchCalls.find((c) => c.match.id === step.matchId && c.allocationId === step.allocationId);
        if (!row || this.removed.has(step.matchId)) return null;
        this.removed.add(step.matchId);
        return { amountFen: row.match.amountFen, purpose: row.match.purpose };
      },
      recordMatchingDeadline: async (event) => {
        this.deadlines.push(event);
      },
      checkMatchingDeadline: async () => {
        throw new Error('only an allocation whose matches PostgreSQL decides checks its deadline there');
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/**
 * WARN and above, minus the worker's "Activity failed" lines for the refusals these tests provoke on
 * purpose (the fake's RULE_BROKEN), which would otherwise bury the output.
 */
function quietLog(entry: LogEntry): void {
  const error = entry.meta?.error as { type?: unknown } | undefined;
  if (entry.message === 'Activity failed' && error?.type === 'RULE_BROKEN') return;
  console.error(`[${entry.level}] ${entry.message}`, entry.meta ?? '');
}

/**
 * Passes once the workflow has no activity in flight (and, with `idle`, no workflow task either,
 * which is where the local activities the workflow uses today run).
 */
async function settled(handle: WorkflowHandle, idle = false): Promise<void> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes).length;
  const closed = events.filter(
    (e) =>
      e.activityTaskCompletedEventAttributes ||
      e.activityTaskFailedEventAttributes ||
      e.activityTaskTimedOutEventAttributes ||
      e.activityTaskCanceledEventAttributes,
  ).length;
  expect(closed).toBe(scheduled);
  if (idle) {
    const last = events.at(-1);
    expect(Boolean(last?.workflowTaskScheduledEventAttributes || last?.workflowTaskStartedEventAttributes)).toBe(false);
  }
}

describe('allocationWorkflow (time-skipping test server, fake activities)', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundle;
  let queueSeq = 0;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN', quietLog) });
    } catch {
      // Already installed in this process; keep its logger.
    }
    [env, workflowBundle] = await Promise.all([
      createTimeSkippingEnv(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./allocation.workflow'), logger: new DefaultLogger('WARN') }),
    ]);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  interface Allocation {
    handle: WorkflowHandle;
    input: AllocationWorkflowInput;
    received: AllocationStatus;
    receivedAtMs: number;
  }

  /** Start options a test may change; the API sets none of them. */
  interface StartTweaks {
    workflowTaskTimeout?: Duration;
  }

  interface Harness {
    env: TestWorkflowEnvironment;
    fake: FakeFundsActivities;
    taskQueue: string;
    input(overrides?: Partial<AllocationWorkflowInput>): AllocationWorkflowInput;
    /** 到账确认 as the API sends it: Update-with-Start of receiveAllocation, USE_EXISTING. */
    receiveWithStart(
      input: AllocationWorkflowInput,
      command: Partial<ReceiveCommand> & { receivedAt: string },
      start?: StartTweaks,
    ): Promise<AllocationStatus>;
    /** Receipt "now" (server time) of a fresh allocation, with the default policy unless overridden. */
    receive(command?: Partial<ReceiveCommand>, input?: Partial<AllocationWorkflowInput>, start?: StartTweaks): Promise<Allocation>;
    handleOf(input: AllocationWorkflowInput): WorkflowHandle;
    /** 资金匹配 as the API sends and records it; rejects with a DatabaseRefusal when the database refuses the write. */
    match(handle: WorkflowHandle, command: MatchCommand): Promise<AllocationStatus>;
    status(handle: WorkflowHandle): Promise<AllocationStatus>;
    /** Skips server time to `targetMs` (no-op when already past it). */
    sleepUntil(targetMs: number): Promise<void>;
    /** Skips server time to the next moment (at least a minute away) whose Shanghai wall clock reads hh:mm. */
    sleepToShanghaiTime(hh: number, mm: number): Promise<number>;
    /** Waits until the workflow has handled a timer that fired at or after `atMs` (proof the clock looked). */
    timerFiredSince(handle: WorkflowHandle, atMs: number): Promise<void>;
  }

  /** `testEnv`: a separate server for a test that would leave this file's server unusable. */
  async function withWorker(
    fake: FakeFundsActivities,
    body: (h: Harness) => Promise<void>,
    testEnv: TestWorkflowEnvironment = env,
  ): Promise<void> {
    const taskQueue = `allocation-wf-${process.pid}-${++queueSeq}`;
    const worker = await Worker.create({ connection: testEnv.nativeConnection, taskQueue, workflowBundle, activities: fake.activities() });
    const started = new Map<string, WorkflowHandle>();

    const h: Harness = {
      env: testEnv,
      fake,
      taskQueue,
      input: (overrides = {}) => {
        const batchId = randomUUID().slice(0, 8);
        return {
          allocationId: randomUUID(),
          batchId,
          countyCode: COUNTY_CODE,
          amountFen: AMOUNT.toString(),
          earmarks: [{ purpose: EARMARK_PURPOSE, amountFen: EARMARK.toString() }],
          ...overrides,
        };
      },
      handleOf: (input) => testEnv.client.workflow.getHandle(allocationWorkflowId(input.batchId, input.countyCode)),
      async receiveWithStart(input, command, start = {}) {
        const workflowId = allocationWorkflowId(input.batchId, input.countyCode);
        expect(workflowId).toBe(`batch-${input.batchId}-${input.countyCode}`);
        const startWorkflowOperation = new WithStartWorkflowOperation('allocationWorkflow', {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          ...start,
        });
        started.set(workflowId, h.handleOf(input));
        return testEnv.client.workflow.executeUpdateWithStart(receiveAllocationUpdate, {
          args: [{ actor: county, matchingDeadline: 'P15D', matchingWarnings: ['P5D', 'P2D'], ...command }],
          startWorkflowOperation,
        });
      },
      async receive(command = {}, inputOverrides = {}, start = {}) {
        const input = h.input(inputOverrides);
        const receivedAtMs = await testEnv.currentTimeMs();
        const received = await h.receiveWithStart(input, { receivedAt: iso(receivedAtMs), ...command }, start);
        return { handle: h.handleOf(input), input, received, receivedAtMs: Date.parse(command.receivedAt ?? iso(receivedAtMs)) };
      },
      async match(handle, command) {
        const answered = await handle.executeUpdate(matchFundsUpdate, { args: [command] });
        // As the API does: write the answered match, and take it back when the database refuses it.
        const refusal = answered.step ? fake.write(answered.step) : null;
        if (refusal === null) return answered;
        const { withdrawn } = await handle.executeUpdate(withdrawMatchUpdate, { args: [{ matchId: command.match.id, reason: refusal }] });
        expect(withdrawn).toBe(true);
        throw new DatabaseRefusal(refusal);
      },
      status: (handle) => handle.query(allocationStatusQuery),
      async sleepUntil(targetMs) {
        const now = await testEnv.currentTimeMs();
        if (targetMs > now) await testEnv.sleep(targetMs - now);
      },
      async sleepToShanghaiTime(hh, mm) {
        const now = await testEnv.currentTimeMs();
        const wanted = (hh * 60 + mm) * MINUTE_MS;
        let target = shanghaiMidnightAfter(now, 0) + wanted;
        while (target < now + MINUTE_MS) target += DAY_MS;
        await h.sleepUntil(target);
        const reached = await testEnv.currentTimeMs();
        expect(reached).toBeGreaterThanOrEqual(target);
        expect(reached).toBeLessThan(target + MINUTE_MS);
        return reached;
      },
      async timerFiredSince(handle, atMs) {
        await eventually(async () => {
          const events = (await handle.fetchHistory()).events ?? [];
          const timeOf = (e: (typeof events)[number]) => Number(String(e.eventTime?.seconds ?? 0)) * 1000;
          const fired = events
            .map((e, i) => (e.timerFiredEventAttributes && timeOf(e) >= atMs - 1000 ? i : -1))
            .reduce((a, b) => Math.max(a, b), -1);
          expect(fired).toBeGreaterThanOrEqual(0);
          // …the workflow task that reacted to it has completed, and any activity it started has finished.
          expect(events.slice(fired).some((e) => e.workflowTaskCompletedEventAttributes)).toBe(true);
          await settled(handle, true);
        });
      },
    };

    await worker.runUntil(async () => {
      try {
        await body(h);
      } finally {
        // Open workflows keep timers; terminate them so later time skips do not wake them. But first
        // let the workflow go idle: the Java test server never releases its time-skipping lock for
        // a workflow task (with its local activities) or an activity that was in flight when the
        // workflow was terminated, and every later env.sleep would then take real time.
        fake.releaseAll();
        await Promise.allSettled(
          [...started.values()].map(async (handle) => {
            // (A test on its own server tears that server down instead.)
            if (testEnv === env) await eventually(() => settled(handle, true), 5_000).catch(() => undefined);
            await handle.terminate('test finished');
          }),
        );
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // 1. Matched in full on the 15th day
  // -------------------------------------------------------------------------------------------

  it('is never overdue when the last fen is matched late on the 15th Shanghai day', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(10, 0);
      const { handle, input, received, receivedAtMs } = await h.receive();
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 16);

      expect(received).toEqual({
        allocationId: input.allocationId,
        receivedAt: iso(receivedAtMs),
        dueAt: iso(dueMs),
        amountFen: AMOUNT.toString(),
        matchedFen: '0',
        unmatchedFen: AMOUNT.toString(),
        overdue: false,
        version: 1,
        runs: 0,
      });
      expect(fake.receipts).toHaveLength(1);
      expect(fake.receipts[0]).toMatchObject({
        allocationId: input.allocationId,
        batchId: input.batchId,
        countyCode: COUNTY_CODE,
        version: 1,
        actor: county,
        receivedAt: iso(receivedAtMs),
        dueAt: iso(dueMs),
        matchingDeadline: 'P15D',
        amountFen: AMOUNT.toString(),
      });

      // 23:50 on day 15 (the receipt day being day 0): still within the period.
      await h.sleepUntil(dueMs - 10 * MINUTE_MS);
      const now = await env.currentTimeMs();
      expect(shanghaiDayNumber(now) - shanghaiDayNumber(receivedAtMs)).toBe(15);
      expect(shanghaiTimeOfDay(now)).toBeGreaterThanOrEqual(23 * HOUR_MS + 50 * MINUTE_MS);
      expect((await h.status(handle)).overdue).toBe(false);

      const first = await h.match(handle, matchCmd(EARMARK, { purpose: EARMARK_PURPOSE }));
      expect(first).toMatchObject({ matchedFen: EARMARK.toString(), unmatchedFen: GENERAL.toString(), overdue: false });
      const last = await h.match(handle, matchCmd(GENERAL));
      expect(last).toMatchObject({ matchedFen: AMOUNT.toString(), unmatchedFen: '0', overdue: false });
      expect(fake.matchCallsOf(input.allocationId).map((c) => BigInt(c.match.amountFen))).toEqual([EARMARK, GENERAL]);

      // Well past the deadline: the clock has looked, and found nothing unmatched.
      await h.sleepUntil(dueMs + 3 * DAY_MS);
      await h.timerFiredSince(handle, dueMs);
      expect(fake.deadlinesOf(input.allocationId, 'overdue')).toEqual([]);
      // The warnings came while money was still unmatched.
      expect(fake.deadlinesOf(input.allocationId, 'warning').map((d) => d.label)).toEqual(['P5D', 'P2D']);
      expect(await h.status(handle)).toMatchObject({ matchedFen: AMOUNT.toString(), unmatchedFen: '0', overdue: false, dueAt: iso(dueMs) });
    });
  });

  // -------------------------------------------------------------------------------------------
  // 2. Overdue
  // -------------------------------------------------------------------------------------------

  it('marks the allocation overdue once at the start of Shanghai day 16; later matching is allowed and finishes it', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(15, 0);
      const { handle, input, receivedAtMs } = await h.receive();
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 16);

      await h.sleepUntil(dueMs - MINUTE_MS);
      expect(fake.deadlinesOf(input.allocationId, 'overdue')).toEqual([]);
      expect((await h.status(handle)).overdue).toBe(false);

      await h.sleepUntil(dueMs + MINUTE_MS);
      const [overdue] = await eventually(async () => {
        const events = fake.deadlinesOf(input.allocationId, 'overdue');
        expect(events).toHaveLength(1);
        return events;
      });
      expect(overdue).toEqual({
        allocationId: input.allocationId,
        countyCode: COUNTY_CODE,
        kind: 'overdue',
        label: 'due',
        unmatchedFen: AMOUNT.toString(),
        dueAt: iso(dueMs),
        at: expect.any(String),
      });
      expect(Date.parse(overdue!.at)).toBeGreaterThanOrEqual(dueMs);
      expect(Date.parse(overdue!.at)).toBeLessThan(dueMs + MINUTE_MS);
      expect(await h.status(handle)).toMatchObject({ overdue: true, unmatchedFen: AMOUNT.toString() });

      // A partial match leaves it overdue, and is recorded as such.
      const partial = await h.match(handle, matchCmd(pct(40)));
      expect(partial).toMatchObject({ matchedFen: pct(40), unmatchedFen: pct(60), overdue: true });

      // Days later: still exactly one overdue record.
      await env.sleep(5 * DAY_MS);
      expect(fake.deadlinesOf(input.allocationId, 'overdue')).toHaveLength(1);
      expect((await h.status(handle)).overdue).toBe(true);

      // The county may still match the rest; the allocation is then done.
      const rest = await h.match(handle, matchCmd(pct(30)));
      expect(rest.overdue).toBe(true);
      const done = await h.match(handle, matchCmd(EARMARK, { purpose: EARMARK_PURPOSE }));
      expect(done).toMatchObject({ matchedFen: AMOUNT.toString(), unmatchedFen: '0', overdue: false });
      expect(fake.matchCallsOf(input.allocationId).map((c) => c.version)).toEqual([2, 3, 4]);
      expect((await h.status(handle)).overdue).toBe(false);
      expect(fake.deadlinesOf(input.allocationId, 'overdue')).toHaveLength(1);
    });
  });

  it('records an immediate overdue for a receipt entered after its deadline (04-26 00:30 Shanghai → due 2024-05-11T16:00Z)', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input, received } = await h.receive({ receivedAt: '2024-04-25T16:30:00Z' });
      expect(received.dueAt).toBe('2024-05-11T16:00:00.000Z');
      const [overdue] = await eventually(async () => {
        const events = fake.deadlinesOf(input.allocationId);
        expect(events).toHaveLength(1);
        return events;
      });
      // Long past its warning points: only the overdue mark, no stale warnings.
      expect(overdue).toMatchObject({ kind: 'overdue', dueAt: '2024-05-11T16:00:00.000Z', unmatchedFen: AMOUNT.toString() });
      expect((await h.status(handle)).overdue).toBe(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  // 3. Warnings
  // -------------------------------------------------------------------------------------------

  it('warns once with P5D when 5 days remain and once with P2D when 2 remain', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(9, 0);
      const { handle, input, receivedAtMs } = await h.receive();
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 16);
      const p5 = dueMs - 5 * DAY_MS;
      const p2 = dueMs - 2 * DAY_MS;

      await h.sleepUntil(p5 - MINUTE_MS);
      expect(fake.deadlinesOf(input.allocationId)).toEqual([]);

      await h.sleepUntil(p5 + MINUTE_MS);
      const [p5Warning] = await eventually(async () => {
        const events = fake.deadlinesOf(input.allocationId);
        expect(events).toHaveLength(1);
        return events;
      });
      expect(p5Warning).toMatchObject({
        kind: 'warning',
        label: 'P5D',
        unmatchedFen: AMOUNT.toString(),
        dueAt: iso(dueMs),
        countyCode: COUNTY_CODE,
      });
      const p5At = Date.parse(p5Warning!.at);
      expect(p5At).toBeGreaterThanOrEqual(p5);
      expect(p5At).toBeLessThan(p5 + MINUTE_MS);
      // Days 11..15 of the period remain: five whole Shanghai days.
      expect(shanghaiDayNumber(dueMs - 1) - shanghaiDayNumber(p5At) + 1).toBe(5);

      await h.match(handle, matchCmd(pct(25)));

      await h.sleepUntil(p2 - MINUTE_MS);
      expect(fake.deadlinesOf(input.allocationId)).toHaveLength(1);
      await h.sleepUntil(p2 + MINUTE_MS);
      const p2Warning = await eventually(async () => {
        const events = fake.deadlinesOf(input.allocationId);
        expect(events).toHaveLength(2);
        return events[1]!;
      });
      expect(p2Warning).toMatchObject({ kind: 'warning', label: 'P2D', unmatchedFen: pct(75), dueAt: iso(dueMs) });
      expect(Date.parse(p2Warning.at)).toBeGreaterThanOrEqual(p2);
      expect(Date.parse(p2Warning.at)).toBeLessThan(p2 + MINUTE_MS);
      expect(shanghaiDayNumber(dueMs - 1) - shanghaiDayNumber(Date.parse(p2Warning.at)) + 1).toBe(2);

      // Matched in full before the deadline: no more events, ever.
      await h.match(handle, matchCmd(pct(45)));
      await h.match(handle, matchCmd(EARMARK, { purpose: EARMARK_PURPOSE }));
      await h.sleepUntil(dueMs + DAY_MS);
      await h.timerFiredSince(handle, dueMs);
      expect(fake.deadlinesOf(input.allocationId).map((d) => `${d.kind}:${d.label}`)).toEqual(['warning:P5D', 'warning:P2D']);
    });
  });

  it('follows a custom warning policy: only P7D, at 7 days before the deadline', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(14, 0);
      const { input, receivedAtMs } = await h.receive({ matchingWarnings: ['P7D'] });
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 16);

      await h.sleepUntil(dueMs + HOUR_MS);
      const events = await eventually(async () => {
        const all = fake.deadlinesOf(input.allocationId);
        expect(all.map((d) => `${d.kind}:${d.label}`)).toEqual(['warning:P7D', 'overdue:due']);
        return all;
      });
      const at = Date.parse(events[0]!.at);
      expect(at).toBeGreaterThanOrEqual(dueMs - 7 * DAY_MS);
      expect(at).toBeLessThan(dueMs - 7 * DAY_MS + MINUTE_MS);
    });
  });

  it('sends no warning and no overdue for an allocation matched in full early', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(8, 0);
      const { handle, input, receivedAtMs } = await h.receive();
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 16);

      await env.sleep(DAY_MS);
      await h.match(handle, matchCmd(GENERAL));
      await h.match(handle, matchCmd(EARMARK, { purpose: EARMARK_PURPOSE }));

      await h.sleepUntil(dueMs + DAY_MS);
      await h.timerFiredSince(handle, dueMs);
      expect(fake.deadlinesOf(input.allocationId)).toEqual([]);
      expect(await h.status(handle)).toMatchObject({ unmatchedFen: '0', overdue: false });
    });
  });

  // -------------------------------------------------------------------------------------------
  // 4. Shanghai day boundaries
  // -------------------------------------------------------------------------------------------

  it('counts days from the Shanghai date of receipt: 30 min before vs after Shanghai midnight differ by one day', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      // 23:30 Shanghai = 15:30Z
      await h.sleepToShanghaiTime(23, 30);
      const before = await h.receive();
      // 00:30 Shanghai the next day = 16:30Z, still the same UTC date
      await h.sleepUntil(before.receivedAtMs + HOUR_MS);
      const after = await h.receive();

      expect(iso(before.receivedAtMs).slice(0, 10)).toBe(iso(after.receivedAtMs).slice(0, 10));
      expect(iso(before.receivedAtMs).slice(11, 16)).toBe('15:30');
      expect(iso(after.receivedAtMs).slice(11, 16)).toBe('16:30');
      expect(shanghaiDayNumber(after.receivedAtMs) - shanghaiDayNumber(before.receivedAtMs)).toBe(1);

      const dueBefore = Date.parse(before.received.dueAt!);
      const dueAfter = Date.parse(after.received.dueAt!);
      expect(dueAfter - dueBefore).toBe(DAY_MS);
      expect(dueBefore).toBe(shanghaiMidnightAfter(before.receivedAtMs, 16));
      expect(dueAfter).toBe(shanghaiMidnightAfter(after.receivedAtMs, 16));
      // Start of a Shanghai day = 16:00Z of the previous UTC day.
      expect(before.received.dueAt!.slice(10)).toBe('T16:00:00.000Z');
      expect(after.received.dueAt!.slice(10)).toBe('T16:00:00.000Z');
      expect(fake.receipts.map((r) => r.dueAt)).toEqual([before.received.dueAt, after.received.dueAt]);

      // The timers honour the same boundaries.
      await h.sleepUntil(dueBefore + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(before.input.allocationId, 'overdue')).toHaveLength(1));
      expect(fake.deadlinesOf(after.input.allocationId, 'overdue')).toEqual([]);
      expect((await h.status(after.handle)).overdue).toBe(false);
      await h.sleepUntil(dueAfter + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(after.input.allocationId, 'overdue')).toHaveLength(1));
    });
  });

  // -------------------------------------------------------------------------------------------
  // 5. The clock keeps its policy
  // -------------------------------------------------------------------------------------------

  it('keeps the P30D (Xinjiang) deadline it was received with; a second receipt cannot change it', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      await h.sleepToShanghaiTime(11, 0);
      const { handle, input, received, receivedAtMs } = await h.receive({ matchingDeadline: 'P30D' });
      const dueMs = shanghaiMidnightAfter(receivedAtMs, 31);
      expect(received.dueAt).toBe(iso(dueMs));
      expect(fake.receipts[0]).toMatchObject({ matchingDeadline: 'P30D', dueAt: iso(dueMs) });

      // Past the default P15D deadline: nothing happens.
      await h.sleepUntil(shanghaiMidnightAfter(receivedAtMs, 16) + HOUR_MS);
      expect(fake.deadlinesOf(input.allocationId)).toEqual([]);
      expect((await h.status(handle)).overdue).toBe(false);

      // The API re-sending 到账确认 under today's P15D policy is refused and changes nothing.
      const type = await refusalOf(h.receiveWithStart(input, { receivedAt: iso(await env.currentTimeMs()), matchingDeadline: 'P15D' }));
      expect(type).toBe('WRONG_STAGE');
      expect(fake.receipts).toHaveLength(1);
      expect(await h.status(handle)).toMatchObject({ dueAt: iso(dueMs), receivedAt: iso(receivedAtMs), version: 1 });

      await h.sleepUntil(dueMs - MINUTE_MS);
      expect(fake.deadlinesOf(input.allocationId).map((d) => d.label)).toEqual(['P5D', 'P2D']);
      expect(fake.deadlinesOf(input.allocationId).every((d) => d.dueAt === iso(dueMs))).toBe(true);
      expect((await h.status(handle)).overdue).toBe(false);

      await h.sleepUntil(dueMs + MINUTE_MS);
      const [overdue] = await eventually(async () => {
        const events = fake.deadlinesOf(input.allocationId, 'overdue');
        expect(events).toHaveLength(1);
        return events;
      });
      expect(overdue!.dueAt).toBe(iso(dueMs));
      expect(Date.parse(overdue!.at)).toBeGreaterThanOrEqual(dueMs);
    });
  });

  // -------------------------------------------------------------------------------------------
  // 6. Over-matching
  // -------------------------------------------------------------------------------------------

  it('refuses matches beyond the allocation, an earmark or a project budget without recording them', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      // Before 到账确认 nothing can be matched.
      const unreceived = h.input();
      const early = await env.client.workflow.start('allocationWorkflow', {
        workflowId: allocationWorkflowId(unreceived.batchId, unreceived.countyCode),
        taskQueue: h.taskQueue,
        args: [unreceived],
      });
      try {
        expect(await refusalOf(h.match(early, matchCmd(pct(10))))).toBe('WRONG_STAGE');
      } finally {
        await early.terminate('test finished');
      }

      const { handle, input } = await h.receive();
      const refused = async (command: MatchCommand) => expect(await refusalOf(h.match(handle, command))).toBe('RULE_BROKEN');

      await refused(matchCmd(AMOUNT + 1n)); // more than the whole allocation
      await refused(matchCmd(GENERAL + 1n)); // more than the money that carries no earmark
      await refused(matchCmd(EARMARK + 1n, { purpose: EARMARK_PURPOSE })); // more than the earmark
      await refused(matchCmd(pct(1), { purpose: '基础设施' })); // no such earmark
      await refused(matchCmd('0'));
      await refused(matchCmd(pct(10), { budgetFen: pct(30), matchedElsewhereFen: pct(25) })); // project budget
      expect(fake.matchCalls).toEqual([]);

      // Filling the earmark and the general pool exactly is fine; one more fen is not.
      await h.match(handle, matchCmd(EARMARK, { purpose: EARMARK_PURPOSE }));
      await h.match(handle, matchCmd(GENERAL - 1n));
      await refused(matchCmd(2n));
      await refused(matchCmd(1n, { purpose: EARMARK_PURPOSE }));
      const full = await h.match(handle, matchCmd(1n));
      expect(full).toMatchObject({ matchedFen: AMOUNT.toString(), unmatchedFen: '0' });
      await refused(matchCmd(1n));
      expect(fake.matchCallsOf(input.allocationId)).toHaveLength(3);
      expect((await h.status(handle)).matchedFen).toBe(AMOUNT.toString());
    });
  });

  it('lets at most 6 of 10 concurrent 15% matches through; the matched total never exceeds the allocation', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input } = await h.receive({}, { earmarks: [] });
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => h.match(handle, matchCmd(pct(15)))));

      const ok = results.filter((r): r is PromiseFulfilledResult<AllocationStatus> => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok.length).toBeLessThanOrEqual(6);
      // Nothing refused that still fitted: exactly 6 × 15% = 90%.
      expect(ok.length).toBe(6);
      for (const f of failed) {
        expect(f.reason).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((f.reason as WorkflowUpdateFailedError).cause).toBeInstanceOf(ApplicationFailure);
        expect(((f.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('RULE_BROKEN');
      }
      for (const r of ok) expect(BigInt(r.value.matchedFen)).toBeLessThanOrEqual(AMOUNT);
      const calls = fake.matchCallsOf(input.allocationId);
      expect(calls).toHaveLength(6);
      expect(calls.reduce((sum, c) => sum + BigInt(c.match.amountFen), 0n)).toBeLessThanOrEqual(AMOUNT);
      expect(new Set(calls.map((c) => c.version)).size).toBe(6);
      expect(await h.status(handle)).toMatchObject({ matchedFen: pct(90), unmatchedFen: pct(10) });
    });
  });

  it('takes back a match the database refused to record: it never counts and cannot be un-matched', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input } = await h.receive();
      await h.match(handle, matchCmd(pct(20), { id: 'm-ok-1' }));

      fake.refuseMatch('m-refused', '项目批复预算 100.00 元，已匹配 100.00 元，不能再匹配');
      let error: unknown;
      await h.match(handle, matchCmd(pct(30), { id: 'm-refused' })).catch((e: unknown) => (error = e));
      expect(error).toBeInstanceOf(DatabaseRefusal);
      expect((error as Error).message).toContain('项目批复预算');

      expect(fake.matchCallsOf(input.allocationId).map((c) => c.match.id)).toEqual(['m-ok-1']);
      expect(await h.status(handle)).toMatchObject({ matchedFen: pct(20), unmatchedFen: pct(80) });
      // Its money is free again, and it cannot be un-matched.
      const after = await h.match(handle, matchCmd(pct(50), { id: 'm-ok-2' }));
      expect(after.matchedFen).toBe(pct(70));
      expect(
        await refusalOf(
          handle.executeUpdate(unmatchFundsUpdate, {
            args: [{ actor: county, matchId: 'm-refused', reason: '录入错误', project: { matchedTotalFen: pct(30), paidFen: '0' } }],
          }),
        ),
      ).toBe('NOT_FOUND');
      // Withdrawing a match that was recorded changes nothing: it stands.
      const kept = await handle.executeUpdate(withdrawMatchUpdate, { args: [{ matchId: 'm-ok-2', reason: '重复' }] });
      expect(kept).toMatchObject({ withdrawn: false, matchedFen: pct(70) });
      await h.sleepUntil((await h.env.currentTimeMs()) + 2 * MINUTE_MS);
      await eventually(async () => expect(await h.status(handle)).toMatchObject({ matchedFen: pct(70) }));
      expect(fake.matchCallsOf(input.allocationId).map((c) => c.match.id)).toEqual(['m-ok-1', 'm-ok-2']);
    });
  });

  it('answers concurrent matches without waiting for any write, and writes itself only what no caller recorded', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input } = await h.receive({}, { earmarks: [] });
      const ids = ['m-a', 'm-b', 'm-lost', 'm-refused-later'];
      const answered = await Promise.all(ids.map((id) => handle.executeUpdate(matchFundsUpdate, { args: [matchCmd(pct(10), { id })] })));
      expect(answered.map((a) => a.step?.match.id).sort()).toEqual(ids);
      expect(new Set(answered.map((a) => a.step!.version)).size).toBe(4);
      expect(fake.workflowWrites).toEqual([]);
      await settled(handle);
      // The API records two of them; it never records the other two (it stopped after the answer).
      for (const a of answered.filter((x) => ['m-a', 'm-b'].includes(x.step!.match.id))) expect(fake.write(a.step!)).toBeNull();
      fake.refuseMatch('m-refused-later');
      expect(await h.status(handle)).toMatchObject({ matchedFen: pct(40) });

      await h.sleepUntil((await h.env.currentTimeMs()) + RECORDING_GRACE_MS + MINUTE_MS);
      await eventually(async () => expect(fake.workflowWrites.flat().map((s) => s.match.id).sort()).toEqual(ids));
      // The one the database refused stops counting; the others are each written once.
      await eventually(async () => expect(await h.status(handle)).toMatchObject({ matchedFen: pct(30), unmatchedFen: pct(70) }));
      expect(fake.matchCallsOf(input.allocationId).map((c) => c.match.id).sort()).toEqual(['m-a', 'm-b', 'm-lost']);
    });
  });

  it('settles a withdrawal against the database: a refused match stops counting, a written one stands', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input } = await h.receive({}, { earmarks: [] });
      const answer = (id: string) => handle.executeUpdate(matchFundsUpdate, { args: [matchCmd(pct(25), { id })] });
      await Promise.all([answer('m-refused'), answer('m-fine')]);
      fake.refuseMatch('m-refused');
      // The caller says both were refused; the database says only one was.
      const withdraw = (matchId: string) => handle.executeUpdate(withdrawMatchUpdate, { args: [{ matchId, reason: '项目批复预算不足' }] });
      expect(await withdraw('m-refused')).toMatchObject({ withdrawn: true, matchedFen: pct(25) });
      expect(await withdraw('m-fine')).toMatchObject({ withdrawn: false, matchedFen: pct(25) });
      expect(await withdraw('m-unknown')).toMatchObject({ withdrawn: false, matchedFen: pct(25) });
      expect(fake.matchCallsOf(input.allocationId).map((c) => c.match.id)).toEqual(['m-fine']);
      // Nothing is left for the workflow to write after the grace.
      await h.sleepUntil((await h.env.currentTimeMs()) + RECORDING_GRACE_MS + MINUTE_MS);
      await settled(handle);
      expect(fake.workflowWrites.flat().map((s) => s.match.id).sort()).toEqual(['m-fine', 'm-refused']);
    });
  });

  // -------------------------------------------------------------------------------------------
  // 7. Unmatching
  // -------------------------------------------------------------------------------------------

  it('un-matches only with a reason and a known match; the money is free again', async () => {
    const fake = new FakeFundsActivities();
    await withWorker(fake, async (h) => {
      const { handle, input } = await h.receive();
      await h.match(handle, matchCmd(pct(40), { id: 'm-1', projectId: 'p-1' }));
      await h.match(handle, matchCmd(pct(30), { id: 'm-2', projectId: 'p-2' }));
      const unmatch = (matchId: string, reason: string, project = { matchedTotalFen: pct(40), paidFen: '0' }) =>
        handle.executeUpdate(unmatchFundsUpdate, { args: [{ actor: county, matchId, reason, project }] });

      expect(await refusalOf(unmatch('m-1', ''))).toBe('INVALID_INPUT');
      expect(await refusalOf(unmatch('m-1', '   '))).toBe('INVALID_INPUT');
      // Un-matching may not leave the project with more paid than matched.
      expect(await refusalOf(unmatch('m-1', '项目取消', { matchedTotalFen: pct(40), paidFen: pct(10) }))).toBe('RULE_BROKEN');
      expect(fake.unmatchCalls).toEqual([]);
      // A match the workflow no longer holds, named without the caller's copy of it, is looked up in
      // the database, which has no such match of this allocation: nothing is taken back.
      expect(await refusalOf(unmatch('m-unknown', '项目取消'))).toBe('NOT_FOUND');
      expect(fake.unmatchCalls.map((c) => c.matchId)).toEqual(['m-unknown']);
      expect((await h.status(handle)).matchedFen).toBe(pct(70));

      const freed = await unmatch('m-1', '项目取消，资金调整');
      expect(freed).toMatchObject({ matchedFen: pct(30), unmatchedFen: pct(70), overdue: false });
      expect(fake.unmatchCalls.slice(1)).toEqual([
        expect.objectContaining({
          allocationId: input.allocationId,
          matchId: 'm-1',
          projectId: 'p-1',
          amountFen: pct(40),
          reason: '项目取消，资金调整',
          version: 5,
        }),
      ]);
      expect(await h.status(handle)).toMatchObject({ matchedFen: pct(30), unmatchedFen: pct(70), version: 5 });

      // Gone: a second un-match finds nothing; the freed money can be matched again.
      expect(await refusalOf(unmatch('m-1', '再次撤销'))).toBe('NOT_FOUND');
      const rematched = await h.match(handle, matchCmd(GENERAL - BigInt(pct(30))));
      expect(rematched).toMatchObject({ matchedFen: GENERAL.toString() });

      // A database refusal of an un-match keeps the match.
      fake.refuseUnmatch('m-2');
      expect(await refusalOf(unmatch('m-2', '项目取消', { matchedTotalFen: pct(30), paidFen: '0' }))).toBe('RULE_BROKEN');
      expect((await h.status(handle)).matchedFen).toBe(GENERAL.toString());
    });
  });

  // -------------------------------------------------------------------------------------------
  // Regressions found while writing these tests. (A concurrent match refused by the database once
  // left a stale matched total in the allocation row; the row is now summed from the matches written,
  // which the ledger-invariants e2e test checks on the real database.)
  // -------------------------------------------------------------------------------------------

  /**
   * Regression: a warning in months ("P1M") once threw inside the update handler, failing the workflow
   * task forever and leaving the receipt unanswered. Months have no fixed length to count back from the
   * deadline, so the validator now refuses such a receipt with INVALID_INPUT before anything happens.
   */
  it('refuses, rather than hangs on, a receipt whose policy has a calendar-month warning (P2M deadline, P1M warning)', async () => {
    // Its own server: the test server never releases its time-skipping lock for a workflow that is
    // terminated with a failing workflow task, so this test would stall every later env.sleep.
    const ownEnv = await createTimeSkippingEnv();
    try {
      const fake = new FakeFundsActivities();
      await withWorker(
        fake,
        async (h) => {
          const input = h.input();
          const receivedAt = iso(await h.env.currentTimeMs());
          const abort = new AbortController();
          const receipt = h.env.client.withAbortSignal(abort.signal, () =>
            h.receiveWithStart(input, { receivedAt, matchingDeadline: 'P2M', matchingWarnings: ['P1M'] }),
          );
          const failedTask = async () => {
            const events = (await h.handleOf(input).fetchHistory()).events ?? [];
            expect(events.some((e) => e.workflowTaskFailedEventAttributes)).toBe(true);
          };
          try {
            const outcome = await Promise.race([
              receipt.then(
                (status) => `answered dueAt=${status.dueAt}`,
                (e: unknown) => `refused ${((e as WorkflowUpdateFailedError).cause as ApplicationFailure | undefined)?.type}`,
              ),
              eventually(failedTask).then(() => 'workflow task failed, receipt unanswered'),
            ]);
            expect(outcome).toBe('refused INVALID_INPUT');
          } finally {
            abort.abort(); // the update call would otherwise keep polling after the test
            await receipt.catch(() => undefined);
          }
          expect(fake.receipts).toHaveLength(0);
        },
        ownEnv,
      );
    } finally {
      await ownEnv.teardown();
    }
  });
});
