import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProjectCommand } from './project.commands';
import type { Policy } from '../../libs/domain/src/policy';
import type { Actor, ApplicationData, ProjectDetails, ProjectOutcome, ProjectStatus, ProjectStep } from './project.types';

export const PROJECT_WORKFLOW_TYPE = 'projectWorkflow';

export function projectWorkflowId(projectId: string): string {
  return `project-${projectId}`;
}

/**
 * An action the workflow has not taken this long after the API sent it is refused: by then the API
 * has stopped waiting (ACTION_ANSWER_WAIT_MS) and told its client the action failed (503), so it
 * must not happen later behind the client's back, say once a worker that was down comes back.
 */
export const ACTION_EXPIRY_MS = 15_000;

/** How long the API waits for an update's answer; longer than the expiry, so a late answer still arrives. */
export const ACTION_ANSWER_WAIT_MS = ACTION_EXPIRY_MS + 5_000;

export interface ProjectWorkflowInput {
  projectId: string;
}

/**
 * What the caller of an update knows that the workflow cannot look up itself: the policy in force
 * for the project's village now, and the version the read model already holds.
 */
export interface CallerContext {
  /** Applies from this action on; without it the workflow keeps the policy it last had. */
  policy?: Policy;
  /** Steps up to this version are in PostgreSQL; the answer carries only the later ones. */
  recordedVersion?: number;
}

export interface CreateProjectCommand extends CallerContext {
  actor: Actor;
  application: ApplicationData;
}

export interface ProjectActionInput extends CallerContext {
  actor: Actor;
  command: ProjectCommand;
  /** ISO time after which the action is refused (ACTION_EXPIRY_MS after it was sent). */
  expiresAt?: string;
}

/** 新建草稿: the first update, sent together with the workflow's start. */
export const createProjectUpdate = defineUpdate<ProjectOutcome, [CreateProjectCommand]>('createProject');

/** Every later action of every actor; the validator refuses what is not allowed now. */
export const projectActionUpdate = defineUpdate<ProjectOutcome, [ProjectActionInput]>('projectAction');

/** Where the project stands, straight from the workflow. */
export const projectStatusQuery = defineQuery<ProjectStatus>('projectStatus');

/**
 * The steps after a version that may not be recorded yet: a caller that finds the read model behind
 * the workflow (its own answer was lost) records them at once, and so does the sweeper of stale
 * step intents.
 */
export const unrecordedStepsQuery = defineQuery<ProjectStep[], [number]>('unrecordedSteps');

/** The full process record, as the workflow holds it. */
export const projectDetailsQuery = defineQuery<ProjectDetails>('projectDetails');
