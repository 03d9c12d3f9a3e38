/** 各县序时进度: a monitor's counties for one month, behind pace first, with their line month by month. */
import type { components } from './api-schema';
import { api, download, unwrap } from './http';

export type MonthlyPace = components['schemas']['MonthlyPaceBody'];
export type CountyPace = components['schemas']['CountyPaceBody'];

export function getMonthlyPace(regionCode: string, month: string): Promise<MonthlyPace> {
  return unwrap(api.GET('/reports/monthly-pace/{regionCode}/{month}', { params: { path: { regionCode, month } } }));
}

export function downloadMonthlyPace(regionCode: string, month: string): Promise<void> {
  return download(`/reports/monthly-pace/${regionCode}/${month}?format=xlsx`, `各县序时进度-${month}.xlsx`);
}
