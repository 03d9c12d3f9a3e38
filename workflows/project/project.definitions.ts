import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProjectCommand } from './project.commands';
import type { Actor, ApplicationData, ProjectDetails, ProjectStatus } from './project.types';

export const PROJECT_WORKFLOW_TYPE = 'projectWorkflow';

export function projectWorkflowId(projectId: string): string {
  return `project-${projectId}`;
}

export interface ProjectWorkflowInput {
  projectId: string;
}

export interface CreateProjectCommand {
  actor: Actor;
  application: ApplicationData;
}

export interface ProjectActionInput {
  actor: Actor;
  command: ProjectCommand;
}

/** 新建草稿: the first update, sent together with the workflow's start. */
export const createProjectUpdate = defineUpdate<ProjectStatus, [CreateProjectCommand]>('createProject');

/** Every later action of every actor; the validator refuses what is not allowed now. */
export const projectActionUpdate = defineUpdate<ProjectStatus, [ProjectActionInput]>('projectAction');

/** Where the project stands, straight from the workflow. */
export const projectStatusQuery = defineQuery<ProjectStatus>('projectStatus');

/** The full process record, as the workflow holds it. */
export const projectDetailsQuery = defineQuery<ProjectDetails>('projectDetails');
