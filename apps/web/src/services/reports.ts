/** 报表: the year-end self-evaluation (绩效自评报告) of a county. */
import type { components } from './api-schema';
import { api, download, unwrap } from './http';

export type SelfEvaluation = components['schemas']['SelfEvaluationBody'];
export type ReportSection = components['schemas']['ReportSectionBody'];
export type ClaimRow = components['schemas']['ClaimRowBody'];

/** What the county keeps: words per section (with {{指标代码}}) and the figures it means to report. */
export interface SelfEvaluationChange {
  text?: Partial<Record<string, string>>;
  claimed?: Partial<Record<string, string>>;
}

export function getSelfEvaluation(countyCode: string, year: number): Promise<SelfEvaluation> {
  return unwrap(api.GET('/reports/self-evaluation/{countyCode}/{year}', { params: { path: { countyCode, year } } }));
}

export function saveSelfEvaluation(countyCode: string, year: number, change: SelfEvaluationChange): Promise<SelfEvaluation> {
  return unwrap(
    api.PUT('/reports/self-evaluation/{countyCode}/{year}', {
      params: { path: { countyCode, year } },
      body: change as components['schemas']['SaveSelfEvaluationDto'],
    }),
  );
}

export function downloadSelfEvaluation(countyCode: string, year: number, format: 'docx' | 'xlsx'): Promise<void> {
  return download(`/reports/self-evaluation/${countyCode}/${year}?format=${format}`, `绩效自评报告-${year}.${format}`);
}
