import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, ApplicationData, ProjectStatus } from './project.types';

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

/** 新建草稿: the first update, sent together with the workflow's start. */
export const createProjectUpdate = defineUpdate<ProjectStatus, [CreateProjectCommand]>('createProject');

/** Where the project stands, straight from the workflow. */
export const projectStatusQuery = defineQuery<ProjectStatus>('projectStatus');
