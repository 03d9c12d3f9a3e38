import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProjectCommand } from './project.commands';
import type { Policy } from '../../libs/domain/src/policy';
import type { Actor, ApplicationData, ProjectDetails, ProjectOutcome, ProjectStatus, ProjectStep } from './project.types';

export const PROJECT_WORKFLOW_TYPE = 'projectWorkflow';

export function projectWorkflowId(projectId: string): string {
  return `project-${projectId}`;
}

/**
 * How long after a step the workflow writes it itself if nobody has confirmed it is recorded. The
 * API writes every step it receives at once; this only catches an API that died in between, and
 * one write then covers all the steps of a busy project's last seconds.
 */
export const WRITE_BEHIND_MS = 10_000;

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
}

/** 新建草稿: the first update, sent together with the workflow's start. */
export const createProjectUpdate = defineUpdate<ProjectOutcome, [CreateProjectCommand]>('createProject');

/** Every later action of every actor; the validator refuses what is not allowed now. */
export const projectActionUpdate = defineUpdate<ProjectOutcome, [ProjectActionInput]>('projectAction');

/** Where the project stands, straight from the workflow. */
export const projectStatusQuery = defineQuery<ProjectStatus>('projectStatus');

/**
 * The steps after a version that may not be recorded yet: a caller that finds the read model behind
 * the workflow (its own answer was lost) records them at once instead of waiting for the write-behind.
 */
export const unrecordedStepsQuery = defineQuery<ProjectStep[], [number]>('unrecordedSteps');

/** The full process record, as the workflow holds it. */
export const projectDetailsQuery = defineQuery<ProjectDetails>('projectDetails');
