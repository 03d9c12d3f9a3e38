/**
 * Workflow tests of `projectWorkflow` on Temporal's time-skipping test server, with in-memory fake
 * activities that record every call. Each test runs its own worker on its own task queue and
 * terminates the workflows it started, so a timer left open by one test never fires into another.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import type { ProjectCommand } from './project.commands';
import {
  createProjectUpdate,
  PROJECT_WORKFLOW_TYPE,
  projectActionUpdate,
  projectDetailsQuery,
  projectStatusQuery,
  projectWorkflowId,
  type ProjectWorkflowInput,
} from './project.definitions';
import type {
  Actor,
  ApplicationData,
  PaymentInstruction,
  ProjectDetails,
  ProjectOutcome,
  ProjectStatus,
  ProjectStep,
  TaskDeadlineEvent,
} from './project.types';
import { eventually, refusalOf } from '../../test/support/update-assertions';
import { application, citizen, county, department, MEETING_REF, township, TOWNSHIP_CODE, village } from '../../libs/temporal/src/testing/project-fixtures';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/**
 * Computed here independently of libs/domain: the instant (00:00 UTC+8) at which the Shanghai
 * calendar day `days` after the Shanghai day of `instantMs` begins.
 */
function shanghaiMidnightAfter(instantMs: number, days: number): number {
  const shanghaiDay = Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS);
  return (shanghaiDay + days) * DAY_MS - SHANGHAI_OFFSET_MS;
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const cmd = {
  submit: (): ProjectCommand => ({ action: 'submit' }),
  approve: (meetingRef: string | null = null): ProjectCommand => ({ action: 'approve', comment: '同意', meetingRef }),
  object: (id: string): ProjectCommand => ({
    action: 'object',
    objection: { id, name: '李四', contact: '13800000000', content: '大棚选址离河道太近' },
  }),
  resolve: (objectionId: string, decision: 'uphold' | 'dismiss'): ProjectCommand => ({
    action: 'resolve_objection',
    objectionId,
    decision,
    comment: decision === 'uphold' ? '经核实，选址须调整' : '经现场核实，选址距河道 200 米，符合要求',
  }),
};

// ---------------------------------------------------------------------------------------------
// Fake activities
// ---------------------------------------------------------------------------------------------

/** Who wrote a step: the API with what an update answered, or the workflow's own recording activity. */
type Writer = 'api' | 'workflow';

interface StepAttempt {
  projectId: string;
  seq: number;
  action: string;
  ok: boolean;
  writer: Writer;
}

/**
 * An in-memory read model with the fake activities. Like PostgreSQL it keeps each (project, seq)
 * once however often it is written; `attempts` lists every write, failed ones included. The
 * harness plays the API: it writes the steps each update answers, unless told it died first.
 */
class FakeProjectActivities {
  readonly attempts: StepAttempt[] = [];
  private readonly recorded = new Map<string, ProjectStep>();
  readonly deadlines: TaskDeadlineEvent[] = [];
  readonly payments: PaymentInstruction[] = [];
  private readonly failures = new Map<string, number>();

  constructor(readonly policy: Policy = DEFAULT_POLICY) {}

  /** The workflow's next `times` writes of (projectId, seq) throw, as if PostgreSQL were down. */
  failStep(projectId: string, seq: number, times = 1): void {
    this.failures.set(`${projectId}#${seq}`, times);
  }

  write(writer: Writer, steps: ProjectStep[]): void {
    for (const step of steps) {
      const key = `${step.projectId}#${step.seq}`;
      const left = writer === 'workflow' ? (this.failures.get(key) ?? 0) : 0;
      if (left > 0) {
        this.failures.set(key, left - 1);
        this.attempts.push({ projectId: step.projectId, seq: step.seq, action: step.action, ok: false, writer });
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      }
      this.attempts.push({ projectId: step.projectId, seq: step.seq, action: step.action, ok: true, writer });
      if (!this.recorded.has(key)) this.recorded.set(key, step);
    }
  }

  /** The project's recorded steps in seq order. */
  stepsOf(projectId: string): ProjectStep[] {
    return [...this.recorded.values()].filter((s) => s.projectId === projectId).sort((x, y) => x.seq - y.seq);
  }

  /** The highest seq up to which every step is recorded, as the projection's state_version says. */
  versionOf(projectId: string): number {
    const seqs = new Set(this.stepsOf(projectId).map((s) => s.seq));
    let version = 0;
    while (seqs.has(version + 1)) version += 1;
    return version;
  }

  deadlinesOf(projectId: string): TaskDeadlineEvent[] {
    return this.deadlines.filter((d) => d.projectId === projectId);
  }

  activities(): ProjectActivities {
    return {
      recordProjectSteps: async (steps) => this.write('workflow', steps),
      recordTaskDeadline: async (event) => {
        this.deadlines.push(event);
      },
      recordPayment: async (instruction) => {
        this.payments.push(instruction);
      },
    };
  }
}

const statusOf = ({ projectId, stage, version }: ProjectOutcome): ProjectStatus => ({ projectId, stage, version });

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

type ProjectHandle = WorkflowHandle;

describe('projectWorkflow (time-skipping test server, fake activities)', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundle;
  let queueSeq = 0;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process; keep its logger.
    }
    // Bundled once for the file (workflows/index.ts, the same entry the worker uses); every test's
    // worker reuses the bundle, which saves seconds of webpack per test.
    [env, workflowBundle] = await Promise.all([
      createTimeSkippingEnv(),
      bundleWorkflowCode({ workflowsPath: require.resolve('../index'), logger: new DefaultLogger('WARN') }),
    ]);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  interface Harness {
    /** The test server this harness talks to (the file's shared one, or an isolated one). */
    env: TestWorkflowEnvironment;
    fake: FakeProjectActivities;
    taskQueue: string;
    /** Starts a project with Update-with-Start (createProject); returns its handle and id. */
    create(app?: ApplicationData): Promise<{ handle: ProjectHandle; projectId: string; created: ProjectStatus }>;
    /** One action as the API sends it; `apiDies` leaves its answer unrecorded, as an API dying at once would. */
    act(handle: ProjectHandle, actor: Actor, command: ProjectCommand, options?: { apiDies?: boolean }): Promise<ProjectStatus>;
    /** The same, answering the whole outcome with the steps it carries. */
    actFully(handle: ProjectHandle, actor: Actor, command: ProjectCommand, options?: { apiDies?: boolean }): Promise<ProjectOutcome>;
    details(handle: ProjectHandle): Promise<ProjectDetails>;
    stage(handle: ProjectHandle): Promise<string>;
    /** Skips server time to `targetMs` (no-op when already past it). */
    sleepUntil(targetMs: number): Promise<void>;
    /** Drives a fresh project to `publicity` with the default reviewers; returns its publicity. */
    toPublicity(handle: ProjectHandle): Promise<NonNullable<ProjectDetails['publicity']>>;
    /** Runs `body` while a worker with the fake activities polls this harness's task queue. */
    runWorker(body: () => Promise<void>): Promise<void>;
    /** Terminates every workflow this harness started, so later time skips do not wake them. */
    terminateAll(): Promise<void>;
  }

  /**
   * `sticky: false` disables the workflow cache, so a second worker on the queue gets tasks at once;
   * `server` replaces the file's shared test server.
   */
  function makeHarness(fake: FakeProjectActivities, { sticky = true, server = env } = {}): Harness {
    const taskQueue = `project-wf-${process.pid}-${++queueSeq}`;
    const started: ProjectHandle[] = [];

    const h: Harness = {
      env: server,
      fake,
      taskQueue,
      async create(app = application()) {
        const projectId = randomUUID();
        const startWorkflowOperation = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
          workflowId: projectWorkflowId(projectId),
          taskQueue,
          args: [{ projectId } satisfies ProjectWorkflowInput],
          workflowIdConflictPolicy: 'FAIL',
        });
        const outcome = await server.client.workflow.executeUpdateWithStart(createProjectUpdate, {
          args: [{ actor: village, application: app, policy: fake.policy, recordedVersion: 0 }],
          startWorkflowOperation,
        });
        fake.write('api', outcome.steps);
        const handle = await startWorkflowOperation.workflowHandle();
        started.push(handle);
        return { handle, projectId, created: statusOf(outcome) };
      },
      async actFully(handle, actor, command, { apiDies = false } = {}) {
        const projectId = handle.workflowId.replace(/^project-/, '');
        const outcome = await handle.executeUpdate(projectActionUpdate, {
          args: [{ actor, command, policy: fake.policy, recordedVersion: fake.versionOf(projectId) }],
        });
        if (!apiDies) fake.write('api', outcome.steps);
        return outcome;
      },
      act: async (handle, actor, command, options) => statusOf(await h.actFully(handle, actor, command, options)),
      details: (handle) => handle.query(projectDetailsQuery),
      stage: async (handle) => (await handle.query(projectStatusQuery)).stage,
      async sleepUntil(targetMs) {
        const now = await server.currentTimeMs();
        if (targetMs > now) await server.sleep(targetMs - now);
      },
      async toPublicity(handle) {
        await h.act(handle, village, cmd.submit());
        await h.act(handle, township, cmd.approve());
        await h.act(handle, department, cmd.approve());
        const approved = await h.act(handle, county, cmd.approve(MEETING_REF));
        expect(approved.stage).toBe('publicity');
        const { publicity } = await h.details(handle);
        expect(publicity).not.toBeNull();
        return publicity!;
      },
      async runWorker(body) {
        const worker = await Worker.create({
          connection: server.nativeConnection,
          taskQueue,
          workflowBundle,
          activities: fake.activities(),
          ...(sticky ? {} : { maxCachedWorkflows: 0 }),
        });
        await worker.runUntil(body);
      },
      async terminateAll() {
        await Promise.allSettled(started.map((handle) => handle.terminate('test finished')));
      },
    };
    return h;
  }

  /**
   * One worker for the whole test; the test's workflows are terminated before it stops.
   * `isolated`: the test gets a test server of its own, torn down afterwards — for tests that leave
   * the server unable to skip time (see the 1 ms timer loop below).
   */
  async function withWorker(fake: FakeProjectActivities, body: (h: Harness) => Promise<void>, { isolated = false } = {}): Promise<void> {
    const server = isolated ? await createTimeSkippingEnv() : env;
    try {
      const h = makeHarness(fake, { server });
      await h.runWorker(async () => {
        try {
          await body(h);
        } finally {
          await h.terminateAll();
        }
      });
    } finally {
      if (isolated) await server.teardown();
    }
  }

  // -------------------------------------------------------------------------------------------
  // 1. Publicity
  // -------------------------------------------------------------------------------------------

  it('ends publicity after the default P10D (start of the 11th Shanghai day) with one system step', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId, created } = await h.create();
      expect(created).toEqual({ projectId, stage: 'draft', version: 1 });

      const publicity = await h.toPublicity(handle);
      const startMs = Date.parse(publicity.startAt);
      const endMs = Date.parse(publicity.endAt);
      const approval = fake.stepsOf(projectId).at(-1)!;
      expect(approval).toMatchObject({ action: 'approve', fromStage: 'county_review', toStage: 'publicity', actor: county });
      expect(publicity.startAt).toBe(approval.at);
      expect(publicity.period).toBe('P10D');
      // Calendar days in Asia/Shanghai: ends when the 11th Shanghai day after approval begins.
      expect(endMs).toBe(shanghaiMidnightAfter(startMs, 11));
      expect((endMs + SHANGHAI_OFFSET_MS) % DAY_MS).toBe(0);
      expect(endMs - startMs).toBeGreaterThan(10 * DAY_MS);
      expect(endMs - startMs).toBeLessThanOrEqual(11 * DAY_MS);
      // The step that entered publicity carries the publicity record.
      expect(approval.process.publicity).toEqual(publicity);
      expect(approval.process.library).toEqual({ approvedAt: approval.at, meetingRef: MEETING_REF });

      await h.sleepUntil(endMs - MINUTE_MS);
      expect(await h.stage(handle)).toBe('publicity');
      expect(fake.stepsOf(projectId).map((s) => s.action)).not.toContain('publicity_elapsed');

      await h.sleepUntil(endMs + MINUTE_MS);
      await eventually(async () => {
        expect(await h.stage(handle)).toBe('implementation');
        expect(fake.stepsOf(projectId).some((s) => s.action === 'publicity_elapsed')).toBe(true);
      });

      // A later skip must not produce a second elapse step.
      await h.env.sleep('3 days');
      const elapsed = fake.stepsOf(projectId).filter((s) => s.action === 'publicity_elapsed');
      expect(elapsed).toHaveLength(1);
      expect(elapsed[0]).toMatchObject({
        seq: approval.seq + 1,
        actor: { userId: null, role: 'system' },
        fromStage: 'publicity',
        toStage: 'implementation',
        comment: '公示期满（10天）无异议',
      });
      expect(Date.parse(elapsed[0]!.at)).toBeGreaterThanOrEqual(endMs);
      expect(Date.parse(elapsed[0]!.at)).toBeLessThan(endMs + MINUTE_MS);
      // Implementation waits on the village without a deadline.
      expect(elapsed[0]!.process.task).toMatchObject({ role: 'village', action: 'implement', dueAt: null, remindAt: null });
      expect(fake.attempts.every((a) => a.ok)).toBe(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  // 2. Objections
  // -------------------------------------------------------------------------------------------

  it('holds publicity past its end while an objection is open, and refuses late objections', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(
      fake,
      async (h) => {
        const { handle, projectId } = await h.create();
        const publicity = await h.toPublicity(handle);
        const endMs = Date.parse(publicity.endAt);

        await h.env.sleep('2 days');
        await h.act(handle, citizen, cmd.object('obj-1'));
        const raised = await h.details(handle);
        expect(raised.objections).toEqual([expect.objectContaining({ id: 'obj-1', status: 'open', resolvedAt: null })]);
        // The county now has a task: resolve the objection.
        expect(raised.task).toMatchObject({ role: 'county', action: 'resolve_objection' });
        expect(fake.stepsOf(projectId).at(-1)).toMatchObject({
          action: 'object',
          actor: citizen,
          toStage: 'publicity',
          details: { objectionId: 'obj-1' },
        });

        // Only a few ms past the end: see the regression test on the timer loop below.
        await h.sleepUntil(endMs + 5);
        expect(await h.env.currentTimeMs()).toBeGreaterThanOrEqual(endMs);
        expect(await h.stage(handle)).toBe('publicity');
        expect(fake.stepsOf(projectId).map((s) => s.action)).not.toContain('publicity_elapsed');
        // After the end nobody may object any more.
        expect(await refusalOf(h.act(handle, citizen, cmd.object('obj-late')))).toBe('WRONG_STAGE');
        expect((await h.details(handle)).objections).toHaveLength(1);
        // Own test server: the 1 ms timer loop this state once caused (see the regression test below) left
        // a workflow task in flight at termination, after which the Java test server no longer skipped time.
      },
      { isolated: true },
    );
  });

  it('moves to implementation at once when the open objection is dismissed after the end', async () => {
    const fake = new FakeProjectActivities();
    // No workflow cache: the second worker below must get the workflow task without a sticky timeout.
    const h = makeHarness(fake, { sticky: false });
    try {
      let handle!: ProjectHandle;
      let projectId!: string;
      let endMs = 0;
      await h.runWorker(async () => {
        ({ handle, projectId } = await h.create());
        endMs = Date.parse((await h.toPublicity(handle)).endAt);
        await h.env.sleep('5 days');
        await h.act(handle, citizen, cmd.object('obj-1'));
        // The county's task reminds well after the end, so the end is the only timer due below.
        expect(Date.parse((await h.details(handle)).task!.remindAt!)).toBeGreaterThan(endMs + DAY_MS);
      });

      // No worker polls while the end passes: the end timer's workflow task and the county's
      // dismissal (sent after the end) reach the workflow together. With a worker polling, the 1 ms
      // timer loop reported below would race the update, and the Java test server rejects the
      // resulting "cancel an already fired timer" completion, so the update would never finish.
      await h.sleepUntil(endMs - 200);
      await new Promise((resolve) => setTimeout(resolve, 400)); // outside a skip, server time runs at wall-clock pace
      const dismissSentAt = await h.env.currentTimeMs();
      expect(dismissSentAt).toBeGreaterThan(endMs);
      const dismissing = h.act(handle, county, cmd.resolve('obj-1', 'dismiss'));
      dismissing.catch(() => undefined); // awaited below; keeps an early failure from going unhandled

      await h.runWorker(async () => {
        const dismissed = await dismissing;
        expect(dismissed.stage).toBe('publicity');
        await eventually(async () => expect(await h.stage(handle)).toBe('implementation'), 5_000);
        // "At once": no further timer had to elapse.
        expect((await h.env.currentTimeMs()) - dismissSentAt).toBeLessThan(MINUTE_MS);

        const steps = fake.stepsOf(projectId);
        const [resolve, elapsed] = steps.slice(-2);
        expect(resolve).toMatchObject({
          action: 'resolve_objection',
          actor: county,
          toStage: 'publicity',
          details: { objectionId: 'obj-1', decision: 'dismiss' },
        });
        expect(Date.parse(resolve!.at)).toBeGreaterThanOrEqual(endMs);
        expect(elapsed).toMatchObject({
          action: 'publicity_elapsed',
          seq: resolve!.seq + 1,
          actor: { role: 'system' },
          toStage: 'implementation',
        });
        expect(steps.filter((s) => s.action === 'publicity_elapsed')).toHaveLength(1);
        expect((await h.details(handle)).objections[0]).toMatchObject({ status: 'dismissed', resolvedBy: county.name });
        await h.terminateAll();
      });
    } finally {
      await h.terminateAll();
    }
  });

  it('an upheld objection returns the project to the village (returnedFrom publicity); resubmission goes to county_review', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      const firstPublicity = await h.toPublicity(handle);
      await h.env.sleep('1 day');
      await h.act(handle, citizen, cmd.object('obj-1'));

      const upheld = await h.act(handle, county, cmd.resolve('obj-1', 'uphold'));
      expect(upheld.stage).toBe('returned');
      const returned = await h.details(handle);
      expect(returned.returnedFrom).toBe('publicity');
      expect(returned.objections[0]).toMatchObject({ id: 'obj-1', status: 'upheld' });
      expect(returned.task).toMatchObject({ role: 'village', action: 'revise' });
      expect(fake.stepsOf(projectId).at(-1)).toMatchObject({
        action: 'resolve_objection',
        fromStage: 'publicity',
        toStage: 'returned',
        details: { objectionId: 'obj-1', decision: 'uphold' },
      });

      // The original publicity end passes while returned: nothing happens by timer.
      await h.sleepUntil(Date.parse(firstPublicity.endAt) + HOUR_MS);
      expect(await h.stage(handle)).toBe('returned');
      expect(fake.stepsOf(projectId).map((s) => s.action)).not.toContain('publicity_elapsed');

      const resubmitted = await h.act(handle, village, cmd.submit());
      expect(resubmitted.stage).toBe('county_review');
      expect((await h.details(handle)).returnedFrom).toBeNull();
      expect(fake.stepsOf(projectId).at(-1)).toMatchObject({ action: 'submit', fromStage: 'returned', toStage: 'county_review' });

      // The county approves again: a fresh publicity period starts from the new approval.
      await h.act(handle, county, cmd.approve(MEETING_REF));
      const second = (await h.details(handle)).publicity!;
      expect(Date.parse(second.startAt)).toBeGreaterThan(Date.parse(firstPublicity.endAt));
      expect(Date.parse(second.endAt)).toBe(shanghaiMidnightAfter(Date.parse(second.startAt), 11));
    });
  });

  // -------------------------------------------------------------------------------------------
  // 3. Task deadlines
  // -------------------------------------------------------------------------------------------

  it('reminds the township once at four fifths of P5D and marks the task overdue once after it is due', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      await h.act(handle, village, cmd.submit());
      const submit = fake.stepsOf(projectId).at(-1)!;
      expect(submit).toMatchObject({ action: 'submit', toStage: 'township_review', seq: 2 });

      const task = (await h.details(handle)).task!;
      expect(task).toMatchObject({ role: 'township', action: 'review', regionCode: TOWNSHIP_CODE, openedAt: submit.at });
      expect(submit.process.task).toEqual(task);
      const openedMs = Date.parse(task.openedAt);
      const dueMs = Date.parse(task.dueAt!);
      const remindMs = Date.parse(task.remindAt!);
      expect(dueMs).toBe(shanghaiMidnightAfter(openedMs, 6));
      expect(remindMs).toBe(openedMs + Math.floor(((dueMs - openedMs) * 4) / 5));
      // Day 4 of the five-day review.
      expect(remindMs - openedMs).toBeGreaterThanOrEqual(4 * DAY_MS);
      expect(remindMs - openedMs).toBeLessThan(5 * DAY_MS);

      await h.sleepUntil(remindMs - MINUTE_MS);
      expect(fake.deadlinesOf(projectId)).toEqual([]);

      await h.sleepUntil(remindMs + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(projectId)).toHaveLength(1));
      const [reminded] = fake.deadlinesOf(projectId);
      expect(reminded).toMatchObject({ projectId, kind: 'reminded', openedSeq: submit.seq });
      expect(Date.parse(reminded!.at)).toBeGreaterThanOrEqual(remindMs);
      expect(Date.parse(reminded!.at)).toBeLessThan(remindMs + MINUTE_MS);

      await h.sleepUntil(dueMs - MINUTE_MS);
      expect(fake.deadlinesOf(projectId).map((d) => d.kind)).toEqual(['reminded']);

      await h.sleepUntil(dueMs + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(projectId)).toHaveLength(2));
      const overdue = fake.deadlinesOf(projectId)[1]!;
      expect(overdue).toMatchObject({ projectId, kind: 'overdue', openedSeq: submit.seq });
      expect(Date.parse(overdue.at)).toBeGreaterThanOrEqual(dueMs);

      // Much later: still one of each, and the township can still act.
      await h.env.sleep('20 days');
      expect(fake.deadlinesOf(projectId).map((d) => [d.kind, d.openedSeq])).toEqual([
        ['reminded', submit.seq],
        ['overdue', submit.seq],
      ]);
      expect((await h.act(handle, township, cmd.approve())).stage).toBe('department_review');
      // Deadline events never write steps.
      expect(fake.stepsOf(projectId).map((s) => s.action)).toEqual(['create', 'submit', 'approve']);
    });
  });

  it('records no reminder or overdue for a task the township closed before its reminder', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      await h.act(handle, village, cmd.submit());
      const townshipTask = (await h.details(handle)).task!;
      const submitSeq = fake.stepsOf(projectId).at(-1)!.seq;

      await h.env.sleep('1 day');
      await h.act(handle, township, cmd.approve());
      const approveStep = fake.stepsOf(projectId).at(-1)!;
      const departmentTask = (await h.details(handle)).task!;
      expect(departmentTask).toMatchObject({ role: 'department', department: 'agriculture', openedAt: approveStep.at });

      // Past the township's old due moment, but before the department's (P7D) reminder.
      await h.sleepUntil(Date.parse(townshipTask.dueAt!) + HOUR_MS);
      expect(Date.parse(departmentTask.remindAt!)).toBeGreaterThan(await h.env.currentTimeMs());
      expect(fake.deadlinesOf(projectId)).toEqual([]);

      // The department's own task still gets its reminder, keyed by the step that opened it.
      await h.sleepUntil(Date.parse(departmentTask.remindAt!) + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(projectId)).toHaveLength(1));
      expect(fake.deadlinesOf(projectId)[0]).toMatchObject({ kind: 'reminded', openedSeq: approveStep.seq });
      expect(fake.deadlinesOf(projectId).filter((d) => d.openedSeq === submitSeq)).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------
  // 4. Validators
  // -------------------------------------------------------------------------------------------

  it('refuses wrong roles, wrong stages and broken rules without recording anything', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      const calls = () => fake.attempts.filter((a) => a.projectId === projectId).length;
      const version = async () => (await handle.query(projectStatusQuery)).version;
      const before = calls();

      // draft: the township approves something not yet submitted.
      expect(await refusalOf(h.act(handle, township, cmd.approve()))).toBe('WRONG_STAGE');
      // draft: only the village creates; a second create is refused too.
      expect(await refusalOf(handle.executeUpdate(createProjectUpdate, { args: [{ actor: village, application: application() }] }))).toBe(
        'WRONG_STAGE',
      );
      expect(calls()).toBe(before);
      expect(await version()).toBe(1);

      await h.act(handle, village, cmd.submit());
      const afterSubmit = calls();
      // township_review: the village cannot approve, the county cannot approve here either.
      expect(await refusalOf(h.act(handle, village, cmd.approve()))).toBe('WRONG_ROLE');
      expect(await refusalOf(h.act(handle, county, cmd.approve(MEETING_REF)))).toBe('WRONG_ROLE');
      // township_review: submitting again is a stage error.
      expect(await refusalOf(h.act(handle, village, cmd.submit()))).toBe('WRONG_STAGE');
      // A return needs a reason.
      expect(await refusalOf(h.act(handle, township, { action: 'return', comment: '  ' }))).toBe('INVALID_INPUT');
      expect(calls()).toBe(afterSubmit);
      expect(await version()).toBe(2);

      await h.act(handle, township, cmd.approve());
      await h.act(handle, department, cmd.approve());
      expect(await h.stage(handle)).toBe('county_review');
      const beforeCounty = calls();

      // 1 600 000 元 industry project above the 500 000 元 threshold: a meeting reference is required.
      const ruleBroken = await refusalOf(h.act(handle, county, cmd.approve(null)));
      expect(ruleBroken).toBe('RULE_BROKEN');
      expect(await refusalOf(h.act(handle, county, { action: 'approve', comment: null, meetingRef: '' }))).toBe('RULE_BROKEN');
      expect(calls()).toBe(beforeCounty);
      expect(await h.stage(handle)).toBe('county_review');
      expect(await version()).toBe(4);
      // No step has been recorded twice or by a refused update.
      expect(fake.stepsOf(projectId).map((s) => s.action)).toEqual(['create', 'submit', 'approve', 'approve']);

      const approved = await h.act(handle, county, cmd.approve(MEETING_REF));
      expect(approved).toEqual({ projectId, stage: 'publicity', version: 5 });
      expect(fake.stepsOf(projectId).at(-1)).toMatchObject({ action: 'approve', details: { meetingRef: MEETING_REF } });
    });
  });

  it('reads the meeting threshold from the policy the action carries', async () => {
    // A county that sets the threshold at 2 000 000 元: 1 600 000 元 needs no meeting; 2 000 000.01 元 does.
    const fake = new FakeProjectActivities({ ...DEFAULT_POLICY, meetingRequiredAbove: '2000000.00' });
    await withWorker(fake, async (h) => {
      const below = await h.create();
      const atLimit = await h.create(
        application({ totalBudgetFen: '200000000', fundingSources: [{ source: '市级衔接资金', amountFen: '200000000' }] }),
      );
      const above = await h.create(
        application({ totalBudgetFen: '200000001', fundingSources: [{ source: '市级衔接资金', amountFen: '200000001' }] }),
      );
      for (const { handle } of [below, atLimit, above]) {
        await h.act(handle, village, cmd.submit());
        await h.act(handle, township, cmd.approve());
        await h.act(handle, department, cmd.approve());
      }

      expect((await h.act(below.handle, county, cmd.approve(null))).stage).toBe('publicity');
      expect((await h.act(atLimit.handle, county, cmd.approve(null))).stage).toBe('publicity');
      expect(await refusalOf(h.act(above.handle, county, cmd.approve(null)))).toBe('RULE_BROKEN');
      expect((await h.details(below.handle)).library).toMatchObject({ meetingRef: null });
    });
  });

  // -------------------------------------------------------------------------------------------
  // 5. Concurrency
  // -------------------------------------------------------------------------------------------

  it('lets exactly one of ten concurrent township approvals win; the others are refused, not crashed', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      await h.act(handle, village, cmd.submit());

      const results = await Promise.allSettled(Array.from({ length: 10 }, () => h.act(handle, township, cmd.approve())));

      const fulfilled = results.filter((r): r is PromiseFulfilledResult<ProjectStatus> => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(fulfilled[0]!.value).toEqual({ projectId, stage: 'department_review', version: 3 });
      expect(rejected).toHaveLength(9);
      for (const r of rejected) {
        expect(r.reason).toBeInstanceOf(WorkflowUpdateFailedError);
        const cause = (r.reason as WorkflowUpdateFailedError).cause;
        expect(cause).toBeInstanceOf(ApplicationFailure);
        // Once the stage moved, a township approval in department_review is someone else's action.
        expect(['WRONG_STAGE', 'WRONG_ROLE']).toContain((cause as ApplicationFailure).type);
      }

      expect(fake.stepsOf(projectId).filter((s) => s.action === 'approve')).toHaveLength(1);
      expect(fake.stepsOf(projectId).map((s) => s.seq)).toEqual([1, 2, 3]);
      // The workflow is healthy: the next reviewer can act.
      expect(await h.stage(handle)).toBe('department_review');
      expect((await h.act(handle, department, cmd.approve())).stage).toBe('county_review');
    });
  });

  // -------------------------------------------------------------------------------------------
  // 6. Negative list
  // -------------------------------------------------------------------------------------------

  it('flags 修建办公楼 on entering department review and lets the department approve only after clearing it', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create(
        application({ name: '村级综合服务设施', type: 'infrastructure', content: '在村委会旁修建办公楼一栋' }),
      );
      await h.act(handle, village, cmd.submit());
      expect((await h.details(handle)).negativeList).toBeNull();

      await h.act(handle, township, cmd.approve());
      const flagged = await h.details(handle);
      expect(flagged.negativeList).toEqual({
        hits: [{ category: '修建楼堂馆所', keyword: '办公楼', field: 'content' }],
        clearedBy: null,
        clearedAt: null,
        clearReason: null,
      });
      // The step entering department_review carries the flag for the read model.
      expect(fake.stepsOf(projectId).at(-1)!.process.negativeList).toEqual(flagged.negativeList);

      const callsBefore = fake.attempts.length;
      expect(await refusalOf(h.act(handle, department, cmd.approve()))).toBe('RULE_BROKEN');
      expect(await refusalOf(h.act(handle, department, { action: 'clear_flag', comment: ' ' }))).toBe('INVALID_INPUT');
      expect(await refusalOf(h.act(handle, township, { action: 'clear_flag', comment: '理由' }))).toBe('WRONG_ROLE');
      expect(fake.attempts.length).toBe(callsBefore);

      const reason = '经核实为村级便民服务用房，不属于党政机关办公楼，依规可使用衔接资金';
      const cleared = await h.act(handle, department, { action: 'clear_flag', comment: reason });
      expect(cleared.stage).toBe('department_review');
      const clearStep = fake.stepsOf(projectId).at(-1)!;
      expect(clearStep).toMatchObject({
        action: 'clear_flag',
        actor: department,
        fromStage: 'department_review',
        toStage: 'department_review',
        comment: reason,
        details: { hits: flagged.negativeList!.hits },
      });
      expect(clearStep.process.negativeList).toMatchObject({ clearedBy: department.name, clearReason: reason, clearedAt: clearStep.at });
      expect(await refusalOf(h.act(handle, department, { action: 'clear_flag', comment: reason }))).toBe('WRONG_STAGE');

      expect((await h.act(handle, department, cmd.approve())).stage).toBe('county_review');
    });
  });

  it('records an empty negative-list check for a clean application, and nothing to clear', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle } = await h.create();
      await h.act(handle, village, cmd.submit());
      await h.act(handle, township, cmd.approve());
      expect((await h.details(handle)).negativeList).toMatchObject({ hits: [], clearedAt: null });
      expect(await refusalOf(h.act(handle, department, { action: 'clear_flag', comment: '无' }))).toBe('WRONG_STAGE');
      expect((await h.act(handle, department, cmd.approve())).stage).toBe('county_review');
    });
  });

  // -------------------------------------------------------------------------------------------
  // 7. Activity retries
  // -------------------------------------------------------------------------------------------

  it('answers each update with the steps the read model lacks, so the next caller records what a dead API did not', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      const submitted = await h.actFully(handle, village, cmd.submit(), { apiDies: true });
      expect(submitted.steps.map((s) => [s.seq, s.action])).toEqual([[2, 'submit']]);
      expect(fake.versionOf(projectId)).toBe(1);

      const approved = await h.actFully(handle, township, cmd.approve());
      expect(approved.steps.map((s) => [s.seq, s.action])).toEqual([
        [2, 'submit'],
        [3, 'approve'],
      ]);
      expect(fake.stepsOf(projectId).map((s) => s.seq)).toEqual([1, 2, 3]);
      // Once the read model is at 3, the next answer carries only the new step.
      const next = await h.actFully(handle, department, cmd.approve());
      expect(next.steps.map((s) => s.seq)).toEqual([4]);
      expect(fake.attempts.filter((a) => a.projectId === projectId).every((a) => a.writer === 'api')).toBe(true);
    });
  });

  it('writes the steps nobody confirmed before it marks a deadline, retrying while PostgreSQL is down', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      fake.failStep(projectId, 2, 1);
      const submitted = await h.act(handle, village, cmd.submit(), { apiDies: true });
      expect(submitted).toEqual({ projectId, stage: 'township_review', version: 2 });
      expect(fake.versionOf(projectId)).toBe(1);

      // Nothing writes the step until the township's reminder: the worker's sweeper would, in the
      // real system, long before (test/step-recording). The reminder marks the inbox row, which must exist.
      const task = (await h.details(handle)).task!;
      await h.sleepUntil(Date.parse(task.remindAt!) + MINUTE_MS);
      await eventually(async () => expect(fake.deadlinesOf(projectId).map((d) => d.kind)).toEqual(['reminded']), 5_000);
      expect(fake.versionOf(projectId)).toBe(2);
      const attempts = fake.attempts.filter((a) => a.projectId === projectId && a.seq === 2);
      expect(attempts.map((a) => [a.writer, a.ok])).toEqual([
        ['workflow', false],
        ['workflow', true],
      ]);
      expect(fake.stepsOf(projectId)[1]).toMatchObject({ action: 'submit', fromStage: 'draft', toStage: 'township_review' });
      // Recorded steps are not carried again.
      expect((await h.actFully(handle, township, cmd.approve())).steps.map((s) => s.seq)).toEqual([3]);
    });
  });

  it('answers approvals without a timer or an activity: the API records the steps', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      await h.act(handle, village, cmd.submit());
      const before = (await handle.fetchHistory()).events!.length;
      await h.act(handle, township, cmd.approve());
      await h.act(handle, department, cmd.approve());
      const added = (await handle.fetchHistory()).events!.slice(before);
      expect(added.filter((e) => e.timerStartedEventAttributes || e.activityTaskScheduledEventAttributes)).toEqual([]);
      expect(fake.attempts.filter((a) => a.projectId === projectId).every((a) => a.writer === 'api')).toBe(true);
    });
  });

  it('ends a day after it was started when its create never came', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const projectId = randomUUID();
      const handle = await h.env.client.workflow.start(PROJECT_WORKFLOW_TYPE, { workflowId: projectWorkflowId(projectId), taskQueue: h.taskQueue, args: [{ projectId }] });
      await h.env.sleep(DAY_MS - MINUTE_MS);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await h.env.sleep(2 * MINUTE_MS);
      await handle.result();
      expect(fake.attempts.filter((a) => a.projectId === projectId)).toEqual([]);
    });
  });

  it('refuses an action that reaches it after its expiry, when the API has stopped waiting', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle } = await h.create();
      const now = await h.env.currentTimeMs();
      const late = handle.executeUpdate(projectActionUpdate, {
        args: [{ actor: village, command: cmd.submit(), policy: fake.policy, recordedVersion: 1, expiresAt: new Date(now - 1).toISOString() }],
      });
      expect(await refusalOf(late)).toBe('EXPIRED');
      expect(await handle.query(projectStatusQuery)).toMatchObject({ stage: 'draft', version: 1 });
      const inTime = await handle.executeUpdate(projectActionUpdate, {
        args: [{ actor: village, command: cmd.submit(), policy: fake.policy, recordedVersion: 1, expiresAt: new Date(now + MINUTE_MS).toISOString() }],
      });
      expect(inTime).toMatchObject({ stage: 'township_review', version: 2 });
    });
  });

  it('records the last steps before the workflow ends, even when nobody wrote them', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      await h.act(handle, village, { action: 'withdraw', comment: '村民大会决定暂缓' }, { apiDies: true });
      await handle.result();
      expect(fake.stepsOf(projectId).map((s) => [s.seq, s.toStage])).toEqual([
        [1, 'draft'],
        [2, 'withdrawn'],
      ]);
    });
  });

  // -------------------------------------------------------------------------------------------
  // Regressions: two bugs these tests found, kept so they stay fixed.
  // -------------------------------------------------------------------------------------------

  /** Once publicity has ended with an objection open, the workflow waits for the county, not on a timer loop. */
  it('does not spin on 1 ms timers while an open objection holds publicity past its end', async () => {
    const fake = new FakeProjectActivities();
    await withWorker(
      fake,
      async (h) => {
        const { handle } = await h.create();
        const publicity = await h.toPublicity(handle);
        await h.act(handle, citizen, cmd.object('obj-1'));
        const timersBefore = (await handle.fetchHistory()).events!.filter((e) => e.timerStartedEventAttributes).length;

        await h.sleepUntil(Date.parse(publicity.endAt) + 5);
        await new Promise((resolve) => setTimeout(resolve, 500)); // half a second of (locked, real) server time
        const timersAfter = (await handle.fetchHistory()).events!.filter((e) => e.timerStartedEventAttributes).length;

        // A waiting objection needs at most the county task's reminder and due timers.
        expect(timersAfter - timersBefore).toBeLessThanOrEqual(3);
      },
      { isolated: true },
    );
  });

  /** A step that leaves the same person owing the same action keeps the task and its deadline. */
  it("keeps the county's change-review deadline when the village reports progress", async () => {
    const fake = new FakeProjectActivities();
    await withWorker(fake, async (h) => {
      const { handle, projectId } = await h.create();
      const publicity = await h.toPublicity(handle);
      await h.sleepUntil(Date.parse(publicity.endAt) + MINUTE_MS);
      await eventually(async () => expect(await h.stage(handle)).toBe('implementation'));

      await h.act(handle, village, {
        action: 'request_change',
        change: { id: 'chg-1', kind: 'budget', reason: '钢材涨价', proposed: { totalBudgetFen: '150000000' } },
      });
      const changeStep = fake.stepsOf(projectId).at(-1)!;
      const countyTask = (await h.details(handle)).task!;
      expect(countyTask).toMatchObject({ role: 'county', action: 'review_change' });

      await h.env.sleep('9 days');
      await h.act(handle, village, { action: 'report_progress', percent: 30, note: '主体钢架完工', reportedAt: '2024-07-01' });
      await h.sleepUntil(Date.parse(countyTask.dueAt!) + MINUTE_MS);

      await eventually(
        async () =>
          expect(fake.deadlinesOf(projectId)).toContainEqual(expect.objectContaining({ kind: 'overdue', openedSeq: changeStep.seq })),
        2_000,
      );
    });
  });
});
