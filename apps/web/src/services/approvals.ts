/**
 * 审批操作: handing a task to a colleague, asking one to review first, copying people in, chasing a
 * task, and an administrator's reassignment and termination. Each answers the project as it stands.
 */
import type { components } from './api-schema';
import { api, unwrap } from './http';
import type { ProjectRecord } from './project-records';

type Schemas = components['schemas'];

export type ApprovalState = Schemas['ApprovalState'];
export type Candidate = Schemas['Candidate'];
export type CcTask = Schemas['CcTask'];
export type TerminationResult = Schemas['TerminationResult'];
export type ReassignResult = Schemas['ReassignResult'];
export type CandidatePurpose = 'transfer' | 'delegate' | 'reassign' | 'cc';

const path = (id: string) => ({ params: { path: { id } } });

export function candidates(id: string, purpose: CandidatePurpose): Promise<Candidate[]> {
  return unwrap(api.GET('/projects/{id}/candidates', { params: { path: { id }, query: { purpose } } }));
}

export function transferTask(id: string, userId: string, comment: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/transfer', { ...path(id), body: { userId, comment } }));
}

export function delegateTask(id: string, userId: string, comment: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/delegate', { ...path(id), body: { userId, comment } }));
}

export function giveOpinion(id: string, opinion: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/delegate-opinion', { ...path(id), body: { opinion } }));
}

export function copyTo(id: string, userIds: string[], comment?: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/cc', { ...path(id), body: comment ? { userIds, comment } : { userIds } }));
}

export function urgeTask(id: string, comment?: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/urge', { ...path(id), body: comment ? { comment } : {} }));
}

export function terminateProject(id: string, reason: string): Promise<TerminationResult> {
  return unwrap(api.POST('/projects/{id}/terminate', { ...path(id), body: { reason } }));
}

export function reassignTasks(body: Schemas['ReassignTasksDto']): Promise<ReassignResult> {
  return unwrap(api.POST('/admin/tasks/reassign', { body }));
}

export function copiedTasks(page = 1, pageSize = 20) {
  return unwrap(api.GET('/tasks', { params: { query: { status: 'cc', page, pageSize } } })) as Promise<Schemas['CcTaskPage']>;
}
