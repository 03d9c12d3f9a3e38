/**
 * Workflow tests of the approval operations (转办, 委派, 会签, 抄送, 催办, 改派, 终止) on Temporal's
 * time-skipping test server with activities that record nothing: what is checked is the workflow's
 * own state and refusals, which the API turns into answers.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import { application, COUNTY_CODE, county, department, township, TOWNSHIP_CODE, village } from '../../libs/temporal/src/testing/project-fixtures';
import { refusalOf } from '../../test/support/update-assertions';
import type { ProjectCommand } from './project.commands';
import {
  createProjectUpdate,
  PROJECT_WORKFLOW_TYPE,
  projectActionUpdate,
  projectDetailsQuery,
  projectStatusQuery,
  projectWorkflowId,
  unrecordedStepsQuery,
} from './project.definitions';
import type { OperationTarget } from './project.operations';
import type { Actor } from './project.types';

const target = (a: Actor): OperationTarget => ({ userId: a.userId!, name: a.name, role: a.role, regionCode: a.regionCode, department: a.department ?? null });
const township2: Actor = { userId: 'u-township1b', name: '贾庄乡 李干事', role: 'township', regionCode: TOWNSHIP_CODE };
const township3: Actor = { userId: 'u-township1c', name: '贾庄乡 王干事', role: 'township', regionCode: TOWNSHIP_CODE };
const water: Actor = { userId: 'u-water1', name: '水利局', role: 'department', regionCode: COUNTY_CODE, department: 'water' };
const admin: Actor = { userId: 'u-admin', name: '系统管理员', role: 'admin', regionCode: '000000000000' };
const approve: ProjectCommand = { action: 'approve', comment: '同意', meetingRef: null };

const irrigationPolicy: Policy = {
  ...DEFAULT_POLICY,
  jointReview: [{ name: '灌溉项目', projectTypes: [], keywords: ['灌溉'], departments: ['agriculture', 'water'], rule: 'all', ratio: null }],
};

const noActivities: ProjectActivities = {
  recordProjectSteps: async () => undefined,
  recordTaskDeadline: async () => undefined,
  recordPayment: async () => undefined,
};

describe('approval operations in projectWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `project-operations-${process.pid}`;
  const started: WorkflowHandle[] = [];

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process.
    }
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('../index'), logger: new DefaultLogger('WARN') })]);
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: noActivities });
    running = worker.run();
  });

  afterAll(async () => {
    await Promise.allSettled(started.map((h) => h.terminate('test over')));
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function create(policy: Policy = DEFAULT_POLICY, name = '蔬菜大棚改造工程') {
    const projectId = randomUUID();
    const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, { workflowId: projectWorkflowId(projectId), taskQueue, args: [{ projectId }], workflowIdConflictPolicy: 'FAIL' });
    await env.client.workflow.executeUpdateWithStart(createProjectUpdate, { args: [{ actor: village, application: application({ name }), policy }], startWorkflowOperation: start });
    const handle = await start.workflowHandle();
    started.push(handle);
    const act = (actor: Actor, command: ProjectCommand) => handle.executeUpdate(projectActionUpdate, { args: [{ actor, command, policy }] });
    const task = async () => (await handle.query(projectDetailsQuery)).task!;
    const stage = async () => (await handle.query(projectStatusQuery)).stage;
    const steps = () => handle.query(unrecordedStepsQuery, 0);
    return { handle, act, task, stage, steps };
  }

  it('转办: the named colleague takes the task, the one who handed it on no longer can', async () => {
    const p = await create();
    await p.act(village, { action: 'submit' });
    expect(await refusalOf(p.act(township, { action: 'transfer', to: target(village), comment: '交李干事' }))).toBe('RULE_BROKEN');
    expect(await refusalOf(p.act(township, { action: 'transfer', to: target(township), comment: '交自己' }))).toBe('INVALID_INPUT');
    expect(await refusalOf(p.act(township, { action: 'transfer', to: target(township2), comment: ' ' }))).toBe('INVALID_INPUT');
    const before = await p.task();
    await p.act(township, { action: 'transfer', to: target(township2), comment: '交李干事办理' });
    const after = await p.task();
    expect(after.assignee).toEqual({ userId: 'u-township1b', name: '贾庄乡 李干事' });
    // The deadline runs from when the task first opened.
    expect([after.openedSeq, after.dueAt]).toEqual([before.openedSeq, before.dueAt]);
    expect(await refusalOf(p.act(township, approve))).toBe('WRONG_ROLE');
    expect(await refusalOf(p.act(township3, { action: 'transfer', to: target(township), comment: '拿回' }))).toBe('WRONG_ROLE');
    await p.act(township2, approve);
    expect(await p.stage()).toBe('department_review');
    const transfer = (await p.steps()).find((s) => s.action === 'transfer')!;
    expect(transfer).toMatchObject({ actor: { userId: 'u-township1' }, comment: '交李干事办理', details: { to: { userId: 'u-township1b' } } });
    // The next desk's task is for the whole desk again.
    expect((await p.task()).assignee).toBeUndefined();
  });

  it('委派: nobody decides while the delegate reviews; the opinion comes back to the owner, who decides', async () => {
    const p = await create();
    await p.act(village, { action: 'submit' });
    await p.act(township, { action: 'delegate', to: target(township2), comment: '请先看一下技术方案' });
    expect(await refusalOf(p.act(township, approve))).toBe('WRONG_STAGE');
    expect(await refusalOf(p.act(township2, approve))).toBe('WRONG_STAGE');
    expect(await refusalOf(p.act(township3, { action: 'delegate_opinion', opinion: '可以' }))).toBe('WRONG_ROLE');
    await p.act(township2, { action: 'delegate_opinion', opinion: '技术方案可行，建议通过' });
    const task = await p.task();
    expect(task.delegate).toBeNull();
    expect(task.assignee).toEqual({ userId: 'u-township1', name: township.name });
    expect(task.opinions).toEqual([expect.objectContaining({ userId: 'u-township1b', opinion: '技术方案可行，建议通过' })]);
    // Back with its owner: the delegate cannot decide it.
    expect(await refusalOf(p.act(township2, approve))).toBe('WRONG_ROLE');
    await p.act(township, approve);
    expect(await p.stage()).toBe('department_review');
  });

  it('会签: every named department approves before the county reviews; one return returns the project', async () => {
    const p = await create(irrigationPolicy, '北曹村高效节水灌溉工程');
    await p.act(village, { action: 'submit' });
    await p.act(township, approve);
    expect((await p.task()).departments).toEqual(['agriculture', 'water']);
    await p.act(department, approve);
    expect(await p.stage()).toBe('department_review');
    expect((await p.task()).departments).toEqual(['water']);
    expect(await refusalOf(p.act(department, approve))).toBe('WRONG_STAGE');
    expect(await refusalOf(p.act(township, { action: 'transfer', to: target(township2), comment: 'x' }))).toBe('WRONG_STAGE');
    await p.act(water, approve);
    expect(await p.stage()).toBe('county_review');
    expect((await p.handle.query(projectDetailsQuery)).jointReview?.approvals.map((a) => a.department)).toEqual(['agriculture', 'water']);

    const q = await create(irrigationPolicy, '东村灌溉渠改造');
    await q.act(village, { action: 'submit' });
    await q.act(township, approve);
    await q.act(department, approve);
    const forestry: Actor = { ...water, userId: 'u-forestry', department: 'forestry' };
    expect(await refusalOf(q.act(forestry, { action: 'return', comment: '不同意' }))).toBe('WRONG_ROLE');
    await q.act(water, { action: 'return', comment: '取水许可未办理' });
    expect(await q.stage()).toBe('returned');
  });

  it('has no joint review under the default policy: the project department alone decides', async () => {
    const p = await create(DEFAULT_POLICY, '北曹村高效节水灌溉工程');
    await p.act(village, { action: 'submit' });
    await p.act(township, approve);
    await p.act(department, approve);
    expect(await p.stage()).toBe('county_review');
  });

  it('催办 and 抄送: a reminder shows on the task at once, a second one too soon is refused; copies are kept', async () => {
    const p = await create();
    await p.act(village, { action: 'submit' });
    expect(await refusalOf(p.act(township, { action: 'urge', comment: null }))).toBe('WRONG_ROLE');
    await p.act(village, { action: 'urge', comment: '请尽快审核' });
    expect((await p.task()).urge).toMatchObject({ by: village.name, comment: '请尽快审核', count: 1 });
    expect(await refusalOf(p.act(county, { action: 'urge', comment: null }))).toBe('TOO_SOON');
    await env.sleep(61 * 60_000);
    await p.act(county, { action: 'urge', comment: null });
    expect((await p.task()).urge?.count).toBe(2);

    await p.act(township, { action: 'cc', to: [target(county)], comment: '请知悉' });
    expect((await p.handle.query(projectDetailsQuery)).ccs).toEqual([expect.objectContaining({ userId: 'u-county1', by: township.name, comment: '请知悉' })]);
    expect(await refusalOf(p.act(township, { action: 'cc', to: [target(county)], comment: null }))).toBe('WRONG_STAGE');
  });

  it('改派 and 终止: an administrator hands the task on and ends the project, whose workflow then closes', async () => {
    const p = await create();
    await p.act(village, { action: 'submit' });
    await p.act(township, { action: 'delegate', to: target(township2), comment: '请看' });
    expect(await refusalOf(p.act(township, { action: 'reassign', to: target(township3), comment: '调岗' }))).toBe('WRONG_ROLE');
    await p.act(admin, { action: 'reassign', to: target(township3), comment: '原经办人调岗' });
    const task = await p.task();
    expect([task.assignee?.userId, task.delegate]).toEqual(['u-township1c', null]);
    expect(await refusalOf(p.act(township, { action: 'terminate', reason: '不做了' }))).toBe('WRONG_ROLE');
    expect(await refusalOf(p.act(admin, { action: 'terminate', reason: '' }))).toBe('INVALID_INPUT');
    await p.act(admin, { action: 'terminate', reason: '村集体决议放弃实施' });
    await p.handle.result();
    const details = await p.handle.query(projectDetailsQuery);
    expect(details.termination).toMatchObject({ by: admin.name, reason: '村集体决议放弃实施' });
    expect(details.task).toBeNull();
    expect((await p.handle.query(projectStatusQuery)).stage).toBe('terminated');
  });
});
