/**
 * A project a county started before the approval operations existed finishes on the code after them.
 *
 * Replaying its recorded history (workflows/replay.spec.ts) shows the new code takes the same steps
 * up to where the recording stops; this test shows the rest as a county lives it. The project runs on
 * the workflow bundle as deployed before the change (workflows/project/releases/, written by
 * scripts/record-workflow-release.ts from that commit) up to department review; that worker stops,
 * a worker with the current code takes over the same task queue, replays the history the old code
 * wrote, and carries the project to its last payment, using a new operation (转办) on the way.
 * Neither worker caches workflows, so every workflow task replays the full history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { createTimeSkippingEnv } from '../../libs/temporal/src/testing/time-skipping-server';
import { application, COUNTY_CODE, county, department, MEETING_REF, township, village } from '../../libs/temporal/src/testing/project-fixtures';
import type { ProjectCommand } from './project.commands';
import { createProjectUpdate, PROJECT_WORKFLOW_TYPE, projectActionUpdate, projectDetailsQuery, projectStatusQuery, projectWorkflowId } from './project.definitions';
import type { Actor } from './project.types';
import { refusalOf } from '../../test/support/update-assertions';

const DAY = 24 * 3600_000;
const finance: Actor = { userId: 'u-finance1', name: '朔城区财政局', role: 'finance', regionCode: COUNTY_CODE };
const county2: Actor = { userId: 'u-county2', name: '朔城区乡村振兴局 张科长', role: 'county', regionCode: COUNTY_CODE };
/** Without the keys added after the release, as the API sent it then. */
const { jointReview: _j, urgeInterval: _u, ...releasedPolicy } = { ...DEFAULT_POLICY, retentionRate: '0.03', warrantyPeriod: 'P30D' };

const noActivities: ProjectActivities = {
  recordProjectSteps: async () => undefined,
  recordTaskDeadline: async () => undefined,
  recordPayment: async () => undefined,
};

describe('a project started on the release before the approval operations', () => {
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

  it('completes on the current code', async () => {
    const released = gunzipSync(readFileSync(join(__dirname, 'releases', 'before-approval-operations.bundle.js.gz'))).toString('utf8');
    const current = await bundleWorkflowCode({ workflowsPath: require.resolve('../index'), logger: new DefaultLogger('WARN') });
    const taskQueue = `project-versioning-${process.pid}`;
    const worker = (code: string) =>
      Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { code }, activities: noActivities, maxCachedWorkflows: 0 });

    const projectId = randomUUID();
    const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, { workflowId: projectWorkflowId(projectId), taskQueue, args: [{ projectId }], workflowIdConflictPolicy: 'FAIL' });
    const old = await worker(released);
    const handle = await old.runUntil(async () => {
      await env.client.workflow.executeUpdateWithStart(createProjectUpdate, {
        args: [{ actor: village, application: application(), policy: releasedPolicy as Policy }],
        startWorkflowOperation: start,
      });
      const h = await start.workflowHandle();
      const act = (actor: Actor, command: ProjectCommand) => h.executeUpdate(projectActionUpdate, { args: [{ actor, command, policy: releasedPolicy as Policy }] });
      await act(village, { action: 'submit' });
      await env.sleep(6 * DAY);
      await act(township, { action: 'return', comment: '请补充技术参数' });
      await act(village, { action: 'submit' });
      // The release knows no 转办: proof that this is the code from before the change.
      const township2 = { userId: 'u-township1b', name: '贾庄乡 李干事', role: 'township' as const, regionCode: township.regionCode, department: null };
      expect(await refusalOf(act(township, { action: 'transfer', to: township2, comment: '交李干事' }))).toBe('INVALID_INPUT');
      await act(township, { action: 'approve', comment: '同意', meetingRef: null });
      expect((await h.query(projectStatusQuery)).stage).toBe('department_review');
      return h;
    });

    const policy: Policy = { ...DEFAULT_POLICY, retentionRate: '0.03', warrantyPeriod: 'P30D' };
    const act = (actor: Actor, command: ProjectCommand) => handle.executeUpdate(projectActionUpdate, { args: [{ actor, command, policy }] });
    const pay = (id: string, kind: 'progress' | 'final' | 'retention', amountFen: string) =>
      act(finance, { action: 'pay', payment: { id, kind, amountFen, paidAt: '2026-07-10', households: [] }, matchedFen: '160000000' });
    const next = await worker(current.code);
    await next.runUntil(async () => {
      await act(department, { action: 'approve', comment: '同意', meetingRef: null });
      await act(county, {
        action: 'transfer',
        to: { userId: county2.userId!, name: county2.name, role: 'county', regionCode: COUNTY_CODE, department: null },
        comment: '请张科长审定',
      });
      await act(county2, { action: 'approve', comment: '同意入库', meetingRef: MEETING_REF });
      await env.sleep(11 * DAY);
      expect((await handle.query(projectStatusQuery)).stage).toBe('implementation');
      await act(village, {
        action: 'record_procurement',
        procurement: { method: '公开招标', winner: '朔州市某建设有限公司', contractAmountFen: '155000000', contractDate: '2026-05-20' },
      });
      await act(village, { action: 'report_progress', percent: 50, note: '钢架完工', reportedAt: '2026-07-01' });
      await pay('pay-1', 'progress', '75175000');
      await act(village, { action: 'report_progress', percent: 100, note: '全部完工', reportedAt: '2026-09-30' });
      await act(village, { action: 'request_acceptance', comment: null });
      await act(county, { action: 'accept', result: 'pass', findings: '合格', acceptedAt: '2026-10-15', assets: [] });
      await pay('pay-2', 'final', '75175000');
      await env.sleep(31 * DAY);
      const { retention } = await handle.query(projectDetailsQuery);
      expect(retention?.releasedAt).not.toBeNull();
      await pay('pay-3', 'retention', retention!.heldFen);
      await handle.result();
      // Queried while a worker still runs: a closed workflow's query is answered by replaying it.
      expect((await handle.query(projectStatusQuery)).stage).toBe('completed');
    });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const events = (await handle.fetchHistory()).events ?? [];
    // The history holds both workers' work: the old code's steps first, the current code's after.
    expect(events.length).toBeGreaterThan(50);
  });
});
