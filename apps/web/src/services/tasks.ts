import { api, unwrap } from './http';
import type { DoneTask, OpenTask, Page } from './types';

export function openTasks(page = 1, pageSize = 20): Promise<Page<OpenTask>> {
  return unwrap(api.GET('/tasks', { params: { query: { status: 'open', page, pageSize } } }));
}

export function doneTasks(page = 1, pageSize = 20): Promise<Page<DoneTask>> {
  return unwrap(api.GET('/tasks', { params: { query: { status: 'done', page, pageSize } } }));
}
