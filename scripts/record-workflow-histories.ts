import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { historyToFile } from '../libs/temporal/src/testing/replay-histories';
import type { FundsActivities } from '../activities/funds/funds-activities.types';
import type { ProjectActivities } from '../activities/project/project-activities.types';
import { DEFAULT_POLICY, type Policy } from '../libs/domain/src/policy';
import { createTimeSkippingEnv } from '../libs/temporal/src/testing/time-skipping-server';
import {
  ALLOCATION_WORKFLOW_TYPE,
  allocationWorkflowId,
  matchFundsUpdate,
  receiveAllocationUpdate,
  unmatchFundsUpdate,
  withdrawMatchUpdate,
} from '../workflows/funds/allocation.definitions';
import type { AllocationWorkflowInput } from '../workflows/funds/allocation.types';
import type { ProjectCommand } from '../workflows/project/project.commands';
import {
  createProjectUpdate,
  PROJECT_WORKFLOW_TYPE,
  projectActionUpdate,
  projectDetailsQuery,
  projectWorkflowId,
} from '../workflows/project/project.definitions';
import type { Actor } from '../workflows/project/project.types';
import {
  application,
  citizen,
  county,
  COUNTY_CODE,
  department,
  MEETING_REF,
  township,
  village,
} from '../libs/temporal/src/testing/project-fixtures';

/**
 * Records the histories that `workflows/replay.spec.ts` replays against the current workflow code:
 * one project from draft to completion (with an objection, a change, reminders and the warranty)
 * and one allocation through its matching clock, on the time-skipping test server with activities
 * that only succeed. Run it (`node dist/scripts/record-workflow-histories.js`) when a workflow
 * changes on purpose, before any county runs it; once one does, keep the old files and put the
 * change behind `patched()` so that running workflows still replay.
 */
const OUT = join(__dirname, '..', '..', 'workflows');
const TASK_QUEUE = 'record-histories';
const DAY = 24 * 3600_000;

const finance: Actor = { userId: 'u-finance1', name: '朔城区财政局', role: 'finance', regionCode: COUNTY_CODE };

const policy: Policy = { ...DEFAULT_POLICY, retentionRate: '0.03', warrantyPeriod: 'P30D' };

const projectActivities: ProjectActivities = {
  recordProjectSteps: async () => undefined,
  recordTaskDeadline: async () => undefined,
  recordPayment: async () => undefined,
};
const fundsActivities: FundsActivities = {
  recordReceipt: async () => undefined,
  recordMatch: async () => undefined,
  recordMatches: async () => ({ refused: [] }),
  recordUnmatch: async (step) => ({ amountFen: step.amountFen ?? '0', purpose: null }),
  recordMatchingDeadline: async () => undefined,
  checkMatchingDeadline: async () => ({ matchedFen: '700000000', unmatchedFen: '49550000' }),
};

/**
 * With names (`… matches-from-state`), records only those histories and leaves the others as they
 * are: histories of workflow code that counties still run are never re-recorded.
 */
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await createTimeSkippingEnv();
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      activities: { ...projectActivities, ...fundsActivities },
    });
    await worker.runUntil(async () => {
      if (wanted('full-lifecycle')) {
        const project = await recordProject(env.client, env.sleep.bind(env));
        save(join(OUT, 'project', 'histories', 'full-lifecycle.json'), historyToFile(await project.fetchHistory()));
      }
      if (wanted('matching-clock')) {
        const allocation = await recordAllocation(env.client, env.sleep.bind(env), new Date(await env.currentTimeMs()));
        save(join(OUT, 'funds', 'histories', 'matching-clock.json'), historyToFile(await allocation.fetchHistory()));
        await Promise.allSettled([allocation.terminate('recorded')]);
      }
      if (wanted('matches-in-database')) {
        // The clock alone: matches never reach this workflow, so its history is the receipt and the three points.
        const allocation = await receivedAllocation(env.client, new Date(await env.currentTimeMs()), '3', 'database');
        await env.sleep(16 * DAY);
        save(join(OUT, 'funds', 'histories', 'matches-in-database.json'), historyToFile(await allocation.fetchHistory()));
      }
      if (wanted('matches-from-state')) {
        const allocation = await recordMatchesFromState(env.client, env.sleep.bind(env), new Date(await env.currentTimeMs()));
        save(join(OUT, 'funds', 'histories', 'matches-from-state.json'), historyToFile(await allocation.fetchHistory()));
        await Promise.allSettled([allocation.terminate('recorded')]);
      }
    });
  } finally {
    await env.teardown();
  }
}

type Client = Awaited<ReturnType<typeof createTimeSkippingEnv>>['client'];
type Sleep = (ms: number) => Promise<void>;

async function recordProject(client: Client, sleep: Sleep): Promise<WorkflowHandle> {
  const projectId = '00000000-0000-4000-8000-000000000001';
  const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
    workflowId: projectWorkflowId(projectId),
    taskQueue: TASK_QUEUE,
    args: [{ projectId }],
    workflowIdConflictPolicy: 'FAIL',
  });
  await client.workflow.executeUpdateWithStart(createProjectUpdate, {
    args: [{ actor: village, application: application(), policy, recordedVersion: 0 }],
    startWorkflowOperation: start,
  });
  const handle = await start.workflowHandle();
  let recorded = 1;
  const act = async (actor: Actor, command: ProjectCommand) => {
    const outcome = await handle.executeUpdate(projectActionUpdate, { args: [{ actor, command, policy, recordedVersion: recorded }] });
    recorded = outcome.version;
  };

  await act(village, { action: 'submit' });
  await sleep(6 * DAY); // the township's reminder and overdue mark (due by the end of the 5th Shanghai day)
  await act(township, { action: 'return', comment: '请补充技术参数' });
  await act(village, { action: 'submit' });
  await act(township, { action: 'approve', comment: '同意', meetingRef: null });
  await act(department, { action: 'approve', comment: '同意', meetingRef: null });
  await act(county, { action: 'approve', comment: '同意入库', meetingRef: MEETING_REF });
  await act(citizen, { action: 'object', objection: { id: 'obj-1', name: '李四', contact: '13800000000', content: '大棚选址离河道太近' } });
  await act(county, { action: 'resolve_objection', objectionId: 'obj-1', decision: 'dismiss', comment: '经现场核实符合要求' });
  await sleep(11 * DAY); // the publicity period ends
  await act(village, {
    action: 'record_procurement',
    procurement: { method: '公开招标', winner: '朔州市某建设有限公司', contractAmountFen: '155000000', contractDate: '2024-05-20' },
  });
  await act(village, { action: 'report_progress', percent: 50, note: '钢架完工', reportedAt: '2024-07-01' });
  await act(village, {
    action: 'request_change',
    change: { id: 'chg-1', kind: 'scope', reason: '群众要求', proposed: { content: '改造蔬菜大棚 20 座，配套滴灌' } },
  });
  await act(county, { action: 'review_change', changeId: 'chg-1', decision: 'approve', comment: '同意' });
  const pay = (id: string, kind: 'progress' | 'final' | 'retention', amountFen: string) =>
    act(finance, { action: 'pay', payment: { id, kind, amountFen, paidAt: '2024-07-10', households: [] }, matchedFen: '160000000' });
  await pay('pay-1', 'progress', '75175000');
  await act(village, { action: 'report_progress', percent: 100, note: '全部完工', reportedAt: '2024-09-30' });
  await act(village, { action: 'request_acceptance', comment: null });
  await act(county, {
    action: 'accept',
    result: 'pass',
    findings: '合格',
    acceptedAt: '2024-10-15',
    assets: [{ name: '蔬菜大棚', kind: 'operating', valueFen: '155000000', owner: '北曹村股份经济合作社', caretaker: '北曹村村委会' }],
  });
  await pay('pay-2', 'final', '75175000');
  await sleep(31 * DAY); // the warranty ends and releases the retention
  const { retention } = await handle.query(projectDetailsQuery);
  if (!retention?.releasedAt) throw new Error('the retention was not released: the recording is incomplete');
  await pay('pay-3', 'retention', retention.heldFen);
  await handle.result();
  return handle;
}

/** An allocation of 7,495,500.00 元 with a 以工代赈 earmark, received at `now` with the 15-day clock and two warnings. */
async function receivedAllocation(client: Client, now: Date, n: string, matchGate?: 'database'): Promise<WorkflowHandle> {
  const input: AllocationWorkflowInput = {
    allocationId: `00000000-0000-4000-8000-0000000000a${n}`,
    batchId: `00000000-0000-4000-8000-0000000000b${n}`,
    countyCode: COUNTY_CODE,
    amountFen: '749550000',
    earmarks: [{ purpose: '以工代赈', amountFen: '50000000' }],
    ...(matchGate ? { matchGate } : {}),
  };
  const handle = await client.workflow.start(ALLOCATION_WORKFLOW_TYPE, {
    workflowId: allocationWorkflowId(input.batchId, input.countyCode),
    taskQueue: TASK_QUEUE,
    args: [input],
  });
  await handle.executeUpdate(receiveAllocationUpdate, {
    args: [{ actor: county, receivedAt: now.toISOString(), matchingDeadline: 'P15D', matchingWarnings: ['P5D', 'P2D'] }],
  });
  return handle;
}

/** `now` is the test server's: it has skipped ahead while the project was recorded. */
async function recordAllocation(client: Client, sleep: Sleep, now: Date): Promise<WorkflowHandle> {
  const handle = await receivedAllocation(client, now, '1');
  const match = (id: string, projectId: string, amountFen: string, purpose: string | null) =>
    handle.executeUpdate(matchFundsUpdate, {
      args: [
        { actor: county, match: { id, projectId, amountFen, purpose }, project: { budgetFen: '200000000', matchedElsewhereFen: '0' } },
      ],
    });
  await match('m-1', '00000000-0000-4000-8000-000000000011', '160000000', null);
  await match('m-2', '00000000-0000-4000-8000-000000000012', '50000000', '以工代赈');
  await handle.executeUpdate(unmatchFundsUpdate, {
    args: [{ actor: county, matchId: 'm-1', reason: '项目调整', project: { matchedTotalFen: '160000000', paidFen: '0' } }],
  });
  await sleep(16 * DAY); // both warnings, then overdue with money unmatched
  return handle;
}

/**
 * An allocation answering matches from its state: matches the caller records, one the database
 * refused and the caller withdrew, one no caller recorded (written by the workflow after the
 * grace), un-matches of an open and of a recorded match, then the clock to overdue.
 */
async function recordMatchesFromState(client: Client, sleep: Sleep, now: Date): Promise<WorkflowHandle> {
  const handle = await receivedAllocation(client, now, '2');
  const project = { budgetFen: '200000000', matchedElsewhereFen: '0', matchedFen: '0' };
  const match = (id: string, projectId: string, amountFen: string, purpose: string | null) =>
    handle.executeUpdate(matchFundsUpdate, { args: [{ actor: county, match: { id, projectId, amountFen, purpose }, project }] });
  await Promise.all([
    match('m-1', '00000000-0000-4000-8000-000000000011', '160000000', null),
    match('m-2', '00000000-0000-4000-8000-000000000012', '50000000', '以工代赈'),
    match('m-3', '00000000-0000-4000-8000-000000000013', '30000000', null),
  ]);
  await handle.executeUpdate(withdrawMatchUpdate, { args: [{ matchId: 'm-3', reason: '项目批复预算不足' }] });
  await handle.executeUpdate(unmatchFundsUpdate, {
    args: [{ actor: county, matchId: 'm-1', reason: '项目调整', project: { matchedTotalFen: '160000000', paidFen: '0' } }],
  });
  await match('m-4', '00000000-0000-4000-8000-000000000014', '20000000', null);
  await sleep(2 * 60_000); // m-2 and m-4 are written by the workflow: no caller confirmed them
  await handle.executeUpdate(unmatchFundsUpdate, {
    args: [
      {
        actor: county,
        matchId: 'm-4',
        reason: '项目取消',
        project: { matchedTotalFen: '20000000', paidFen: '0' },
        match: { projectId: '00000000-0000-4000-8000-000000000014', amountFen: '20000000', purpose: null },
      },
    ],
  });
  await sleep(16 * DAY); // both warnings, then overdue with money unmatched
  return handle;
}

function save(path: string, json: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, json);
  console.log(`written ${path}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
