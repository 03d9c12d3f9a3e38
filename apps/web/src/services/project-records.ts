/**
 * What a project's page reads besides the project itself: its process record (流程记录), its
 * audit trail (流转记录) and its money ledger (资金台账).
 */
import { api, unwrap } from './http';
import type { ProjectDetail, Stage } from './types';

/** 负面清单命中 */
export interface NegativeListHit {
  category: string;
  keyword: string;
  field: string;
}

/** 异议 */
export interface Objection {
  id: string;
  name: string;
  contact?: string;
  content: string;
  raisedAt: string;
  status: 'open' | 'upheld' | 'dismissed' | 'closed';
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface ChangeFields {
  totalBudget?: string | null;
  fundingSources?: { source: string; amount: string | null }[];
  content?: string;
  scale?: string | null;
  place?: string;
}

/** 变更申请 */
export interface ChangeRequest {
  id: string;
  kind: 'budget' | 'scope' | 'place';
  reason: string;
  proposed: ChangeFields;
  previous: ChangeFields | null;
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
}

/** 资产; the kind is a code, or the Chinese word older records carry. */
export interface Asset {
  name: string;
  kind: string;
  value: string | null;
  owner: string;
  caretaker: string;
}

/** 验收记录 */
export interface Acceptance {
  result: 'pass' | 'fail';
  findings: string;
  acceptedAt: string;
  assets: Asset[];
  recordedAt: string;
}

/** 流程记录: the process facts beyond the application. */
export interface ProjectProcess {
  returnedFrom: Stage | null;
  negativeList: { hits: NegativeListHit[]; clearedBy: string | null; clearedAt: string | null; clearReason: string | null } | null;
  library: { approvedAt: string; meetingRef: string | null } | null;
  publicity: { startAt: string; endAt: string; period: string } | null;
  objections: Objection[];
  procurement: { method: string; winner: string; contractAmount: string | null; contractDate: string; recordedAt: string } | null;
  progress: { percent: number; note: string; reportedAt: string }[];
  latestProgress: number;
  changes: ChangeRequest[];
  acceptanceRequestedAt: string | null;
  acceptances: Acceptance[];
}

/** 绩效目标 */
export interface PerformanceTarget {
  category: 'output' | 'benefit' | 'satisfaction';
  indicator: string;
  target: string;
}

/** 附件 (name and where it lives; the files themselves are uploaded elsewhere). */
export interface AttachmentRef {
  name: string;
  url: string;
}

/** The project as its page reads it, with the process record typed. */
export interface ProjectRecord extends Omit<ProjectDetail, 'process' | 'performanceTargets' | 'attachments'> {
  process: ProjectProcess;
  performanceTargets: PerformanceTarget[];
  attachments: AttachmentRef[];
  /** The county's approval must cite the standing meeting's minutes (the API decides from the policy). */
  meetingRefRequired?: boolean;
}

/** 流转记录: one step of the audit trail. */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  fromStage: Stage | null;
  toStage: Stage;
  comment: string | null;
  details: Record<string, unknown> | null;
}

export type LedgerKind = 'match' | 'unmatch' | 'payment' | 'retention_held' | 'retention_released' | string;

/** 资金台账: one money movement. */
export interface LedgerEntry {
  at: string;
  kind: LedgerKind;
  amount: string;
  batchId: string | null;
  docNumber: string | null;
  allocationId: string | null;
  matchId: string | null;
  paymentId: string | null;
  actor: string | null;
  note: string | null;
}

export interface Ledger {
  entries: LedgerEntry[];
  summary: { matched: string; paid: string; unpaid: string; retentionHeld: string; retentionReleased: string };
}

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
