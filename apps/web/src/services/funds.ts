/**
 * 资金批次 and 资金匹配: batches, their allocations per county, receipt and matches. Request bodies
 * come from the generated document; the answers are named here.
 */
import type { components, operations } from './api-schema';
import { api, unwrap } from './http';
import type { Page } from './types';

export type BatchLevel = 'central' | 'province' | 'city' | 'county';

/** Status the allocation workflow keeps on an allocation. */
export type AllocationStatus = 'allocated' | 'received' | 'warned' | 'overdue' | 'done' | string;

export interface Earmark {
  purpose: string;
  amount: string;
}

/** 资金匹配: money of one allocation put on one library project. */
export interface FundMatch {
  id: string;
  projectId: string;
  projectName: string;
  projectType: string;
  amount: string;
  purpose: string | null;
  matchedAt: string;
  matchedBy: string | null;
}

/** 资金分配: one county's share of a batch. */
export interface Allocation {
  id: string;
  countyCode: string;
  countyName: string;
  amount: string;
  earmarks: Earmark[];
  category: string | null;
  receivedAt: string | null;
  /** The exclusive deadline instant (start of the day after the last day). */
  dueAt: string | null;
  matched: string;
  unmatched: string;
  status: AllocationStatus;
  matches: FundMatch[];
}

/** 资金批次 */
export interface Batch {
  id: string;
  docNumber: string;
  title: string;
  level: BatchLevel;
  year: number;
  batchNo: number;
  issuedAt: string;
  total: string;
  allocations: Allocation[];
}

/** 产业发展资金占比 of a county's matched money in a year, against what the policy requires. */
export interface IndustryShare {
  year: number;
  industryMatched: string;
  totalMatched: string;
  share: string;
  required: string;
  previousYearShare: string | null;
  ok: boolean;
  warning: string | null;
}

/** One thing wrong with an uploaded allocation table (the file's row, its column, why). */
export interface ImportRowError {
  row: number | string;
  column?: string;
  message: string;
}

/** 到账与匹配进度 of a listed batch, counted within the caller's region only. */
export interface BatchProgress {
  counties: number;
  received: number;
  allocated: string;
  matched: string;
}

/** A row of GET /batches: the batch without its allocations, with its progress. */
export interface BatchListItem extends Omit<Batch, 'allocations'> {
  progress?: BatchProgress;
}

export type BatchListQuery = NonNullable<operations['BatchesController_list']['parameters']['query']>;
export type CreateBatchBody = components['schemas']['CreateBatchDto'];
export type BatchHeader = Omit<components['schemas']['BatchImportForm'], 'file'>;
export type MatchBody = components['schemas']['MatchDto'];

export function listBatches(query: BatchListQuery): Promise<Page<BatchListItem>> {
  return unwrap(api.GET('/batches', { params: { query } }));
}

export function getBatch(id: string): Promise<Batch> {
  return unwrap(api.GET('/batches/{id}', { params: { path: { id } } }));
}

export function createBatch(body: CreateBatchBody): Promise<Batch> {
  return unwrap(api.POST('/batches', { body }));
}

/** Multipart upload of an allocation table (field `file`) with the batch header as text fields. */
export function importBatch(header: BatchHeader, file: File): Promise<Batch> {
  const form = new FormData();
  for (const [key, value] of Object.entries(header)) form.append(key, String(value));
  form.append('file', file, file.name);
  // The typed body names the parts (the generated type has the file as a string); the form is what is sent.
  return unwrap(api.POST('/batches/import', { body: { ...header, file: file.name }, bodySerializer: () => form }));
}

export function receive(batchId: string, countyCode: string, receivedAt: string): Promise<Batch> {
  return unwrap(api.POST('/batches/{id}/allocations/{countyCode}/receipt', { params: { path: { id: batchId, countyCode } }, body: { receivedAt } }));
}

export function match(batchId: string, countyCode: string, body: MatchBody): Promise<{ matchId: string; batch: Batch; industryShare: IndustryShare }> {
  return unwrap(api.POST('/batches/{id}/allocations/{countyCode}/matches', { params: { path: { id: batchId, countyCode } }, body }));
}

export function unmatch(batchId: string, countyCode: string, matchId: string, reason: string): Promise<{ batch: Batch; industryShare: IndustryShare }> {
  return unwrap(
    api.DELETE('/batches/{id}/allocations/{countyCode}/matches/{matchId}', { params: { path: { id: batchId, countyCode, matchId } }, body: { reason } }),
  );
}
