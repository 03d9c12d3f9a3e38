import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { ProjectActivities } from '../activities/project/project-activities.types';
import { DEFAULT_POLICY } from '../libs/domain/src/policy';
import { historyToFile } from '../libs/temporal/src/testing/replay-histories';
import { createTimeSkippingEnv } from '../libs/temporal/src/testing/time-skipping-server';
import { application, township, village } from '../libs/temporal/src/testing/project-fixtures';
import type { ProjectCommand } from '../workflows/project/project.commands';
import type { Actor } from '../workflows/project/project.types';
import {
  createProjectUpdate,
  PROJECT_WORKFLOW_TYPE,
  projectActionUpdate,
  projectStatusQuery,
  projectWorkflowId,
} from '../workflows/project/project.definitions';

/**
 * Keeps what a county runs before a workflow change, so tests can prove its projects go on after it:
 * the workflow bundle as deployed (gzip, without its source map) and the history of a project left
 * waiting at department review. Run it from the repository's root (`node dist/scripts/record-workflow-release.js <name>`) on the
 * code being replaced, BEFORE changing the workflow; never re-run it for a name already recorded.
 *
 * `workflows/project/releases/<name>.bundle.js.gz` is read by the versioning test, which starts a
 * project on that bundle and finishes it on the current code; `histories/<name>.json` joins the
 * replay test.
 */
/** Run from the repository's root. */
const OUT = join(process.cwd(), 'workflows', 'project');
const TASK_QUEUE = 'record-release';
const DAY = 24 * 3600_000;

const noProjectActivities: ProjectActivities = {
  recordProjectSteps: async () => undefined,
  recordTaskDeadline: async () => undefined,
  recordPayment: async () => undefined,
};

async function main(name: string): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  // The worker insists on an inline source map; an empty one keeps the stored bundle a fifth of the size.
  const emptyMap = Buffer.from(JSON.stringify({ version: 3, file: `${name}.js`, sources: [], names: [], mappings: '' })).toString('base64');
  const code = bundle.code.replace(/^\/\/# sourceMappingURL=data:.*$/m, `//# sourceMappingURL=data:application/json;base64,${emptyMap}`);
  save(join(OUT, 'releases', `${name}.bundle.js.gz`), gzipSync(code, { level: 9 }));

  const env = await createTimeSkippingEnv();
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: { code },
      activities: noProjectActivities,
    });
    await worker.runUntil(async () => {
      const projectId = '00000000-0000-4000-8000-0000000000c1';
      const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: TASK_QUEUE,
        args: [{ projectId }],
        workflowIdConflictPolicy: 'FAIL',
      });
      await env.client.workflow.executeUpdateWithStart(createProjectUpdate, {
        args: [{ actor: village, application: application(), policy: DEFAULT_POLICY, recordedVersion: 0 }],
        startWorkflowOperation: start,
      });
      const handle = await start.workflowHandle();
      let recorded = 1;
      const act = async (actor: Actor, command: ProjectCommand) => {
        recorded = (await handle.executeUpdate(projectActionUpdate, { args: [{ actor, command, recordedVersion: recorded }] })).version;
      };
      await act(village, { action: 'submit' });
      await env.sleep(6 * DAY); // the township's reminder and overdue mark
      await act(township, { action: 'return', comment: '请补充技术参数' });
      await act(village, { action: 'submit' });
      await act(township, { action: 'approve', comment: '同意', meetingRef: null });
      await env.sleep(DAY);
      const { stage } = await handle.query(projectStatusQuery);
      if (stage !== 'department_review') throw new Error(`the project stopped at ${stage}, not at department review`);
      save(join(OUT, 'histories', `${name}.json`), historyToFile(await handle.fetchHistory()));
      await handle.terminate('recorded');
    });
  } finally {
    await env.teardown();
  }
}

function save(path: string, content: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  console.log(`written ${path}`);
}

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: record-workflow-release <name in lower case and dashes>');
  process.exit(2);
}
main(name).catch((error) => {
  console.error(error);
  process.exit(1);
});
