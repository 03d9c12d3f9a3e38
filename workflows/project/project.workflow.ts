import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { isTerminal, type Stage } from '../../libs/domain/src/stages';
import { createProjectUpdate, projectStatusQuery, type CreateProjectCommand, type ProjectWorkflowInput } from './project.definitions';
import { REFUSAL, refuse } from './project.errors';
import type { ProjectStatus, ProjectStep } from './project.types';

const { recordProjectStep } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  // Postgres may be down for a while; the step is kept and written when it is back.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** 项目流程: one project from the village's draft to the last payment. */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<void> {
  let stage: Stage | null = null;
  let version = 0;

  const status = (): ProjectStatus => ({ projectId: input.projectId, stage: stage ?? 'draft', version });

  /**
   * The in-memory state moves before the write is awaited, so a second update arriving meanwhile is
   * validated against the new stage: two approvers racing cannot both win.
   */
  const record = async (step: Omit<ProjectStep, 'projectId' | 'seq' | 'at'>): Promise<ProjectStatus> => {
    version += 1;
    stage = step.toStage;
    const after = status();
    await recordProjectStep({ ...step, projectId: input.projectId, seq: version, at: new Date().toISOString() });
    return after;
  };

  setHandler(projectStatusQuery, status);

  setHandler(
    createProjectUpdate,
    (command: CreateProjectCommand) =>
      record({
        actor: command.actor,
        action: 'create',
        fromStage: null,
        toStage: 'draft',
        comment: null,
        details: null,
        application: command.application,
        createdBy: command.actor.userId ?? undefined,
      }),
    {
      validator: (command: CreateProjectCommand) => {
        if (stage !== null) refuse(REFUSAL.wrongStage, '项目已创建');
        if (command.actor.role !== 'village') refuse(REFUSAL.wrongRole, '只有村级用户可以创建项目');
      },
    },
  );

  await condition(() => stage !== null && isTerminal(stage));
}
