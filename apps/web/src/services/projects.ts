import { api, download, unwrap } from './http';
import type { ProjectType } from '../../../../libs/domain/src/project-types';
import type { Page, ProjectDetail, ProjectSummary, Stage } from './types';

export interface ProjectFilters {
  stage?: Stage;
  type?: ProjectType;
  regionCode?: string;
  q?: string;
}

export function listProjects(filters: ProjectFilters, page = 1, pageSize = 20): Promise<Page<ProjectSummary>> {
  return unwrap(api.GET('/projects', { params: { query: { ...filters, page, pageSize } } }));
}

export function getProject(id: string): Promise<ProjectDetail> {
  return unwrap(api.GET('/projects/{id}', { params: { path: { id } } }));
}

/** The list as an XLSX file, with the same filters as on screen (every page). */
export function exportProjects(filters: ProjectFilters): Promise<void> {
  const query = new URLSearchParams({ format: 'xlsx' });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return download(`/projects?${query}`, '项目库.xlsx');
}
