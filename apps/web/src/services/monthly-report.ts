/** 报表: the monthly spending report (月度支出) and the national monitoring export of a county. */
import type { components } from './api-schema';
import { api, download, unwrap } from './http';

export type MonthlyReport = components['schemas']['MonthlyReportBody'];
export type MonthlyBatch = components['schemas']['MonthlyBatchBody'];
export type MonthlyProject = components['schemas']['MonthlyProjectBody'];

export function getMonthlyReport(countyCode: string, month: string): Promise<MonthlyReport> {
  return unwrap(api.GET('/reports/monthly/{countyCode}/{month}', { params: { path: { countyCode, month } } }));
}

export function downloadMonthlyReport(countyCode: string, month: string, format: 'docx' | 'xlsx'): Promise<void> {
  return download(`/reports/monthly/${countyCode}/${month}?format=${format}`, `月度支出报表-${month}.${format}`);
}

export function downloadNationalExport(countyCode: string, year: number): Promise<void> {
  return download(`/exports/national-monitoring/${countyCode}/${year}`, `全国防返贫监测信息系统录入数据-${year}.xlsx`);
}
