/**
 * One allocation matched 5,000 times, the way a county fills a large provincial allocation over a
 * year: the workflow hands its state to a fresh run before its history grows past
 * RUN_HISTORY_LIMIT, and the sums, the clock and the matches no caller recorded survive each hand-over.
 * Time-skipping test server, in-memory activities.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import { eventually, refusalOf } from '../../test/support/update-assertions';
import type { Actor } from '../project/project.types';
import { RECORDING_GRACE_MS, RUN_HISTORY_LIMIT, RUN_UPDATE_LIMIT } from './allocation-answered-from-state';
import { allocationStatusQuery, allocationWorkflowId, matchFundsUpdate, receiveAllocationUpdate, unmatchFundsUpdate } from './allocation.definitions';
import type { AllocationWorkflowInput, MatchCommand, MatchingDeadlineEvent, MatchStep } from './allocation.types';

const DAY_MS = 24 * 3600_000;
const county: Actor = { userId: 'u-county1', name: '朔城区', role: 'county', regionCode: '140602000000' };

const MATCHES = 5_000;
/** Matches whose caller never records them: the workflow must write each, whichever run holds it. */
const UNRECORDED_EVERY = 250;
const MATCH_FEN = 1_000n;
const AMOUNT = 6_000_000n;
const EARMARK = { purpose: '以工代赈', amountFen: '500000' };
/** Updates in flight at once, as from a county's many clerks. */
const IN_FLIGHT = 25;

describe('allocationWorkflow over 5,000 matches (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process.
    }
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('continues as new before its history grows unbounded, carrying sums, clock and unrecorded matches', async () => {
    const written = new Map<string, MatchStep>();
    const workflowWrote: string[] = [];
    const deadlines: MatchingDeadlineEvent[] = [];
    const write = (step: MatchStep) => {
      if (!written.has(step.match.id)) written.set(step.match.id, step);
    };
    const activities: FundsActivities = {
      recordReceipt: async () => undefined,
      recordMatch: async (step) => write(step),
      recordMatches: async (steps) => {
        for (const step of steps) {
          if (!written.has(step.match.id)) workflowWrote.push(step.match.id);
          write(step);
        }
        return { refused: [] };
      },
      recordUnmatch: async (step) => {
        const row = written.get(step.matchId);
        return row ? { amountFen: row.match.amountFen, purpose: row.match.purpose } : null;
      },
      recordMatchingDeadline: async (event) => {
        deadlines.push(event);
      },
      checkMatchingDeadline: async () => {
        throw new Error('only an allocation whose matches PostgreSQL decides checks its deadline there');
      },
    };
    const taskQueue = `allocation-can-${process.pid}`;
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./allocation.workflow'), logger: new DefaultLogger('WARN') });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });

    const input: AllocationWorkflowInput = {
      allocationId: randomUUID(),
      batchId: randomUUID().slice(0, 8),
      countyCode: county.regionCode!,
      amountFen: AMOUNT.toString(),
      earmarks: [EARMARK],
    };
    const workflowId = allocationWorkflowId(input.batchId, input.countyCode);
    const handle = env.client.workflow.getHandle(workflowId);

    await worker.runUntil(async () => {
      const receivedAtMs = await env.currentTimeMs();
      const start = new WithStartWorkflowOperation('allocationWorkflow', { workflowId, taskQueue, args: [input], workflowIdConflictPolicy: 'FAIL' });
      await env.client.workflow.executeUpdateWithStart(receiveAllocationUpdate, {
        args: [{ actor: county, receivedAt: new Date(receivedAtMs).toISOString(), matchingDeadline: 'P15D', matchingWarnings: ['P5D', 'P2D'] }],
        startWorkflowOperation: start,
      });
      const firstRunId = (await handle.describe()).runId;

      const command = (i: number): MatchCommand => ({
        actor: county,
        match: { id: `m-${i}`, projectId: `p-${i % 400}`, amountFen: MATCH_FEN.toString(), purpose: i % 100 === 0 ? EARMARK.purpose : null },
        project: { budgetFen: '100000000', matchedElsewhereFen: '0', matchedFen: '0' },
      });
      const versions = new Set<number>();
      for (let from = 0; from < MATCHES; from += IN_FLIGHT) {
        await Promise.all(
          Array.from({ length: Math.min(IN_FLIGHT, MATCHES - from) }, async (_, k) => {
            const i = from + k;
            const answered = await handle.executeUpdate(matchFundsUpdate, { args: [command(i)] });
            versions.add(answered.step!.version);
            // As the API does, except for the few whose caller stopped after the answer.
            if (i % UNRECORDED_EVERY !== 0) write(answered.step!);
          }),
        );
      }

      // Every match answered once, with a version of its own, and none lost across the hand-overs.
      expect(versions.size).toBe(MATCHES);
      const status = await handle.query(allocationStatusQuery);
      expect(status).toMatchObject({ matchedFen: (MATCH_FEN * BigInt(MATCHES)).toString(), version: MATCHES + 1 });
      expect(status.runs).toBeGreaterThanOrEqual(Math.floor(MATCHES / RUN_UPDATE_LIMIT) - 1);

      // Each finished run stopped near the limits and handed on; the current one is below them.
      let runId: string | undefined = firstRunId;
      let finishedRuns = 0;
      while (runId) {
        const history: { events?: { workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string | null } | null }[] | null } =
          await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
        const events = history.events ?? [];
        const handedOn = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
        expect(events.length).toBeLessThan(RUN_HISTORY_LIMIT + 2 * IN_FLIGHT * 4);
        const updates = events.filter((e) => (e as { workflowExecutionUpdateAcceptedEventAttributes?: unknown }).workflowExecutionUpdateAcceptedEventAttributes);
        expect(updates.length).toBeLessThan(RUN_UPDATE_LIMIT + 2 * IN_FLIGHT);
        if (!handedOn) break;
        finishedRuns += 1;
        runId = handedOn.newExecutionRunId ?? undefined;
      }
      expect(finishedRuns).toBe(status.runs);
      expect((await handle.describe()).runId).toBe(runId);

      // The sums came along: the earmark and the general pool are full exactly where they should be.
      const earmarked = BigInt(MATCHES / 100) * MATCH_FEN;
      const generalLeft = AMOUNT - BigInt(EARMARK.amountFen) - (MATCH_FEN * BigInt(MATCHES) - earmarked);
      const over = command(MATCHES);
      over.match.amountFen = (generalLeft + 1n).toString();
      expect(await refusalOf(handle.executeUpdate(matchFundsUpdate, { args: [over] }))).toBe('RULE_BROKEN');
      const rest = command(MATCHES + 1);
      rest.match.amountFen = generalLeft.toString();
      const full = await handle.executeUpdate(matchFundsUpdate, { args: [rest] });
      write(full.step!);
      expect(full.unmatchedFen).toBe((BigInt(EARMARK.amountFen) - earmarked).toString());
      // …and so did the matches: an un-match of one from the first run finds it.
      const freed = await handle.executeUpdate(unmatchFundsUpdate, {
        args: [
          {
            actor: county,
            matchId: 'm-1',
            reason: '项目调整',
            project: { matchedTotalFen: MATCH_FEN.toString(), paidFen: '0' },
            match: { projectId: 'p-1', amountFen: MATCH_FEN.toString(), purpose: null },
          },
        ],
      });
      expect(BigInt(freed.unmatchedFen)).toBe(BigInt(EARMARK.amountFen) - earmarked + MATCH_FEN);

      // The unrecorded matches were written by whichever run held them (with others it wrote before
      // their caller did, which found them written), each match once.
      await env.sleep(RECORDING_GRACE_MS + 60_000);
      const unrecorded = Array.from({ length: MATCHES / UNRECORDED_EVERY }, (_, n) => `m-${n * UNRECORDED_EVERY}`);
      await eventually(async () => expect(workflowWrote).toEqual(expect.arrayContaining(unrecorded)));
      expect(new Set(workflowWrote).size).toBe(workflowWrote.length);
      expect(written.size).toBe(MATCHES + 1);

      // The clock came along: the P5D warning fires once, on the money still unmatched.
      const dueMs = Date.parse(status.dueAt!);
      await env.sleep(dueMs - 5 * DAY_MS - (await env.currentTimeMs()) + 60_000);
      await eventually(async () => expect(deadlines.map((d) => d.label)).toEqual(['P5D']));
      expect(deadlines[0]).toMatchObject({ kind: 'warning', unmatchedFen: freed.unmatchedFen, dueAt: status.dueAt });

      await handle.terminate('test finished');
    });
  }, 600_000);
});
