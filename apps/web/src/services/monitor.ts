/** 监测: the matching countdown, the county figures, warnings raised by the timers, and their exports. */
import type { operations } from './api-schema';
import { api, download, unwrap } from './http';
import type { Page } from './types';

export type MatchingStatus = 'overdue' | 'due_soon' | 'on_track' | 'not_received' | 'done';

/** One county's allocation of one batch and its matching clock (资金匹配监测). */
export interface MatchingRow {
  allocationId: string;
  batchId: string;
  docNumber: string;
  title: string;
  level: string;
  levelLabel: string;
  year: number;
  issuedAt: string;
  countyCode: string;
  countyName: string;
  allocated: string;
  receivedAt: string | null;
  dueAt: string | null;
  /** The last Shanghai calendar day that still counts. */
  dueDate: string | null;
  /** Calendar days to the last day: 0 on it, negative once overdue. */
  daysLeft: number | null;
  matched: string;
  unmatched: string;
  status: MatchingStatus;
  statusLabel: string;
  doneAt: string | null;
}

/** One county and year (县级资金监测). */
export interface CountyRow {
  countyCode: string;
  countyName: string;
  year: number;
  received: string;
  matched: string;
  unmatched: string;
  paid: string;
  executionRate: string | null;
  industryMatched: string;
  industryShare: string;
  industryShareMin: string;
  previousYearShare: string | null;
  industryShareRequired: string;
  industryShareOk: boolean;
  overdueBatches: number;
  overdueTasks: number;
  libraryProjects: number;
}

/** 预警通知 raised by an allocation's timers. */
export interface Notification {
  id: number;
  kind: 'matching_warning' | 'matching_overdue' | string;
  regionCode: string;
  regionName: string;
  batchId: string | null;
  docNumber: string | null;
  allocationId: string | null;
  message: string;
  createdAt: string;
}

export type MatchingQuery = Omit<NonNullable<operations['MonitorController_matching']['parameters']['query']>, 'format'>;
export type CountiesQuery = Omit<NonNullable<operations['MonitorController_counties']['parameters']['query']>, 'format'>;

export function matching(query: MatchingQuery): Promise<Page<MatchingRow>> {
  return unwrap(api.GET('/monitor/matching', { params: { query: { ...query, format: 'json' } } }));
}

export function counties(query: CountiesQuery): Promise<Page<CountyRow>> {
  return unwrap(api.GET('/monitor/counties', { params: { query: { ...query, format: 'json' } } }));
}

export function notifications(page = 1, pageSize = 10): Promise<Page<Notification>> {
  return unwrap(api.GET('/notifications', { params: { query: { page, pageSize } } }));
}

/** The export of a view with the filters on screen (every row, not one page). */
export function exportView(view: 'matching' | 'counties', query: MatchingQuery | CountiesQuery, format: 'csv' | 'xlsx'): Promise<void> {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '' && key !== 'page' && key !== 'pageSize') params.set(key, String(value));
  }
  const name = view === 'matching' ? '资金匹配监测' : '县级资金监测';
  return download(`/monitor/${view}?${params}`, `${name}.${format}`);
}
