import { api, unwrap } from './http';
import type { Page, PublicityNotice } from './types';

export function publicityNotices(page = 1, pageSize = 20): Promise<Page<PublicityNotice>> {
  return unwrap(api.GET('/public/publicity', { params: { query: { page, pageSize } } }));
}

export interface ObjectionInput {
  name: string;
  contact: string;
  content: string;
}

export function raiseObjection(projectId: string, objection: ObjectionInput): Promise<{ objectionId: string; status: string }> {
  return unwrap(api.POST('/projects/{id}/objections', { params: { path: { id: projectId } }, body: objection }));
}

export function resolveObjection(projectId: string, objectionId: string, decision: 'uphold' | 'dismiss', comment: string) {
  return unwrap(api.POST('/projects/{id}/objections/{objectionId}/resolve', { params: { path: { id: projectId, objectionId } }, body: { decision, comment } }));
}
