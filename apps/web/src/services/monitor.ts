/** 监测: the matching countdown, the county figures, warnings raised by the timers, and their exports. */
import type { components, operations } from './api-schema';
import { api, download, unwrap } from './http';
import type { Page } from './types';

/** One county's allocation of one batch and its matching clock (资金匹配监测), as the API documents it. */
export type MatchingRow = components['schemas']['MatchingRow'];
export type MatchingStatus = MatchingRow['status'];
/** One county and year (县级资金监测). */
export type CountyRow = components['schemas']['CountyRow'];
/** 预警通知 raised by an allocation's timers. */
export type Notification = components['schemas']['Notification'];

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
