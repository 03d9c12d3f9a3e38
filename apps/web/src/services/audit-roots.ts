/** 存证根: each county's root over its audit chains, sealed at Shanghai midnight and public. */
import type { components } from './api-schema';
import { api, unwrap } from './http';

export type DayRoots = components['schemas']['DayRoots'];
export type DayRoot = components['schemas']['DayRootView'];

/** The latest sealed day's roots (or the given day's). */
export function auditRoots(day?: string): Promise<DayRoots> {
  return unwrap(api.GET('/public/audit-roots', { params: { query: day ? { day } : {} } }));
}
