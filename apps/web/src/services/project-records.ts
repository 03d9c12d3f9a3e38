/**
 * What a project's page reads besides the project itself: its process record (流程记录), its
 * audit trail (流转记录) and its money ledger (资金台账).
 */
import type { components } from './api-schema';
import { api, unwrap } from './http';

type Schemas = components['schemas'];

export type NegativeListHit = Schemas['NegativeListHit'];
export type Objection = Schemas['Objection'];
export type ChangeFields = Schemas['ChangedFields'];
export type ChangeRequest = Schemas['ChangeRequest'];
/** 资产; the kind is a code, or the Chinese word older records carry. */
export type Asset = Schemas['Asset'];
export type Acceptance = Schemas['AcceptanceRecord'];
/** 流程记录: the process facts beyond the application. */
export type ProjectProcess = Schemas['ProjectProcess'];
export type PerformanceTarget = Schemas['PerformanceTarget'];
export type AttachmentRef = Schemas['Attachment'];
/** The project as its page reads it, with the actions its caller may take now. */
export type ProjectRecord = Schemas['ProjectDetail'];
/** 流转记录: one step of the audit trail. */
export type HistoryEntry = Schemas['HistoryEntry'];
/** 资金台账: one money movement. */
export type LedgerEntry = Schemas['LedgerEntry'];
export type LedgerKind = LedgerEntry['kind'];
export type Ledger = Schemas['Ledger'];

export function projectRecord(id: string): Promise<ProjectRecord> {
  return unwrap(api.GET('/projects/{id}', { params: { path: { id } } }));
}

export function projectHistory(id: string): Promise<HistoryEntry[]> {
  return unwrap(api.GET('/projects/{id}/history', { params: { path: { id } } }));
}

export function projectLedger(id: string): Promise<Ledger> {
  return unwrap(api.GET('/projects/{id}/ledger', { params: { path: { id } } }));
}

/** The comment of the latest return, which the village must answer when it revises. */
export function latestReturn(history: HistoryEntry[]): HistoryEntry | undefined {
  return history.findLast((h) => h.toStage === 'returned');
}
