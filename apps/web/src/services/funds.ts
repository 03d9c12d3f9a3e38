/**
 * 资金批次 and 资金匹配: batches, their allocations per county, receipt and matches, in the shapes the
 * generated document gives them.
 */
import type { components, operations } from './api-schema';
import { api, unwrap } from './http';
import type { Page } from './types';

type Schemas = components['schemas'];

export type Earmark = Schemas['Earmark'];
/** 资金匹配: money of one allocation put on one library project. */
export type FundMatch = Schemas['FundMatch'];
/** 资金分配: one county's share of a batch. */
export type Allocation = Schemas['Allocation'];
export type AllocationStatus = Allocation['status'];
/** 资金批次 */
export type Batch = Schemas['Batch'];
export type BatchLevel = Batch['level'];
/** 产业发展资金占比 of a county's matched money in a year, against what the policy requires. */
export type IndustryShare = Schemas['IndustryShare'];

/** One thing wrong with an uploaded allocation table (the file's row, its column, why). */
export interface ImportRowError {
  row: number | string;
  column?: string;
  message: string;
}

/** 到账与匹配进度 of a listed batch, counted within the caller's region only. */
export type BatchProgress = Schemas['BatchProgress'];
/** A row of GET /batches: the batch without its allocations, with its progress. */
export type BatchListItem = Schemas['BatchListItem'];

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
