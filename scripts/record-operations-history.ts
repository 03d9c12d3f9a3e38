import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { ProjectActivities } from '../activities/project/project-activities.types';
import { DEFAULT_POLICY, type Policy } from '../libs/domain/src/policy';
import { historyToFile } from '../libs/temporal/src/testing/replay-histories';
import { createTimeSkippingEnv } from '../libs/temporal/src/testing/time-skipping-server';
import { application, COUNTY_CODE, county, department, township, TOWNSHIP_CODE, village } from '../libs/temporal/src/testing/project-fixtures';
import type { ProjectCommand } from '../workflows/project/project.commands';
import { createProjectUpdate, PROJECT_WORKFLOW_TYPE, projectActionUpdate, projectStatusQuery, projectWorkflowId } from '../workflows/project/project.definitions';
import type { OperationTarget } from '../workflows/project/project.operations';
import type { Actor } from '../workflows/project/project.types';

/**
 * Records `workflows/project/histories/approval-operations.json` for the replay test: one project
 * through every approval operation — 抄送, 转办, 委派 and the opinion, 催办 twice an interval apart
 * (with the task's reminder between), 会签 of two departments, 改派 by an administrator, and 终止.
 * Run from the repository's root (`node dist/scripts/record-operations-history.js`) when these
 * operations change on purpose, before any county runs them.
 */
const OUT = join(process.cwd(), 'workflows', 'project', 'histories', 'approval-operations.json');
const TASK_QUEUE = 'record-operations';
const HOUR = 3600_000;

const township2: Actor = { userId: 'u-township1b', name: '贾庄乡 李干事', role: 'township', regionCode: TOWNSHIP_CODE };
const water: Actor = { userId: 'u-water1', name: '朔城区水利局', role: 'department', regionCode: COUNTY_CODE, department: 'water' };
const county2: Actor = { userId: 'u-county2', name: '朔城区乡村振兴局 张科长', role: 'county', regionCode: COUNTY_CODE };
const admin: Actor = { userId: 'u-admin', name: '系统管理员', role: 'admin', regionCode: '000000000000' };
const target = (a: Actor): OperationTarget => ({ userId: a.userId!, name: a.name, role: a.role, regionCode: a.regionCode, department: a.department ?? null });

const policy: Policy = {
  ...DEFAULT_POLICY,
  jointReview: [{ name: '灌溉项目', projectTypes: [], keywords: ['灌溉'], departments: ['agriculture', 'water'], rule: 'all', ratio: null }],
};

const activities: ProjectActivities = {
  recordProjectSteps: async () => undefined,
  recordTaskDeadline: async () => undefined,
  recordPayment: async () => undefined,
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await createTimeSkippingEnv();
  try {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowsPath: require.resolve('../workflows'), activities });
    await worker.runUntil(async () => {
      const projectId = '00000000-0000-4000-8000-0000000000d1';
      const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, { workflowId: projectWorkflowId(projectId), taskQueue: TASK_QUEUE, args: [{ projectId }], workflowIdConflictPolicy: 'FAIL' });
      await env.client.workflow.executeUpdateWithStart(createProjectUpdate, {
        args: [{ actor: village, application: application({ name: '北曹村高效节水灌溉工程', type: 'infrastructure', totalBudgetFen: '30000000', fundingSources: [{ source: '市级衔接资金', amountFen: '30000000' }] }), policy, recordedVersion: 0 }],
        startWorkflowOperation: start,
      });
      const handle: WorkflowHandle = await start.workflowHandle();
      let recorded = 1;
      const act = async (actor: Actor, command: ProjectCommand) => {
        recorded = (await handle.executeUpdate(projectActionUpdate, { args: [{ actor, command, policy, recordedVersion: recorded }] })).version;
      };
      await act(village, { action: 'submit' });
      await act(township, { action: 'cc', to: [target(county)], comment: '请县里知悉' });
      await act(township, { action: 'transfer', to: target(township2), comment: '李干事负责该片区' });
      await act(township2, { action: 'delegate', to: target(township), comment: '请核对管线走向' });
      await act(village, { action: 'urge', comment: '请尽快审核' });
      await env.sleep(97 * HOUR); // past the interval, and the township's reminder
      await act(county, { action: 'urge', comment: null });
      await act(township, { action: 'delegate_opinion', opinion: '走向与规划一致，建议通过' });
      await act(township2, { action: 'approve', comment: '同意', meetingRef: null });
      await act(department, { action: 'approve', comment: '农业部分同意', meetingRef: null });
      await act(water, { action: 'approve', comment: '取水许可齐全', meetingRef: null });
      await act(admin, { action: 'reassign', to: target(county2), comment: '原经办人调岗' });
      await act(admin, { action: 'terminate', reason: '村民代表大会决议放弃实施' });
      await handle.result();
      const { stage } = await handle.query(projectStatusQuery);
      if (stage !== 'terminated') throw new Error(`the recording ended at ${stage}, not terminated`);
      mkdirSync(join(OUT, '..'), { recursive: true });
      writeFileSync(OUT, historyToFile(await handle.fetchHistory()));
      console.log(`written ${OUT}`);
    });
  } finally {
    await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
