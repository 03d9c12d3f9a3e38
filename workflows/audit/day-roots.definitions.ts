export const DAY_ROOTS_WORKFLOW_TYPE = 'dayRootsWorkflow';

/** One sealing clock per task queue: its workers' database is the one it seals. */
export function dayRootsWorkflowId(taskQueue: string): string {
  return `audit-day-roots-${taskQueue}`;
}
