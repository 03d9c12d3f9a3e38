import type { Client } from '@temporalio/client';
import { DAY_ROOTS_WORKFLOW_TYPE, dayRootsWorkflowId } from '../../../workflows/audit/day-roots.definitions';

/**
 * Starts the midnight sealing clock of a task queue unless it runs already, so every worker and
 * every restart may call this: the first start wins, later ones join the running clock.
 */
export async function ensureDayRootsClock(client: Client, taskQueue: string): Promise<void> {
  await client.workflow.start(DAY_ROOTS_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: dayRootsWorkflowId(taskQueue),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [],
  });
}
