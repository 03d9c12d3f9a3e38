import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { sweepStepIntents, type StepSource, type SweepResult } from '../../../libs/persistence/src/step-intents';
import { ACTION_ANSWER_WAIT_MS, projectWorkflowId, unrecordedStepsQuery } from '../../../workflows/project/project.definitions';

/** An intent older than this has outlived its request: the API stops waiting for an answer before. */
export const STEP_INTENT_GRACE_MS = ACTION_ANSWER_WAIT_MS + 10_000;
const SWEEP_EVERY_MS = 5_000;
const QUERY_DEADLINE_MS = 5_000;

/** Asks a project's workflow for the steps it holds beyond a version. */
export function workflowSteps(client: Client): StepSource {
  return async (projectId, since) => {
    try {
      return await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        client.workflow.getHandle(projectWorkflowId(projectId)).query(unrecordedStepsQuery, since),
      );
    } catch (error) {
      // No workflow: the action that would have started it never arrived, so there is nothing to record.
      if (error instanceof WorkflowNotFoundError) return [];
      return null;
    }
  };
}

export interface Sweeper {
  /** One pass now; the periodic passes use the same. */
  sweep(graceMs?: number): Promise<SweepResult>;
  stop(): Promise<void>;
}

/**
 * Records, every few seconds, the steps of projects whose API request ended without recording them
 * (see libs/persistence step-intents.ts). Normally there are none, and a pass is one indexed read.
 */
export function startStepIntentSweeper(db: DataSource, client: Client, log: (line: string) => void): Sweeper {
  const source = workflowSteps(client);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const sweep = (graceMs = STEP_INTENT_GRACE_MS): Promise<SweepResult> => {
    const pass = running.then(() => sweepStepIntents(db, source, graceMs));
    running = pass.catch(() => undefined);
    return pass;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        const result = await sweep();
        if (result.steps > 0) log(`补写了 ${result.steps} 个步骤（其请求未能写入）`);
        for (const f of result.failed) log(`项目 ${f.projectId} 的步骤写入失败，稍后重试：${f.error}`);
      } catch {
        // PostgreSQL or Temporal away: the intents stay, the next pass tries again.
      }
      schedule();
    }, SWEEP_EVERY_MS);
  };
  schedule();

  return {
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
