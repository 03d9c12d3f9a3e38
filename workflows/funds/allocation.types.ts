import type { Actor } from '../project/project.types';

export interface EarmarkData {
  purpose: string;
  amountFen: string;
}

/** One county's share of one batch: the workflow `batch-<batchId>-<countyCode>` owns its matching. */
export interface AllocationWorkflowInput {
  allocationId: string;
  batchId: string;
  countyCode: string;
  amountFen: string;
  earmarks: EarmarkData[];
}

export interface ReceiveCommand {
  actor: Actor;
  receivedAt: string;
  /** The policy in force at receipt; the clock keeps it even if the policy changes later. */
  matchingDeadline: string;
  matchingWarnings: string[];
}

export interface MatchCommand {
  actor: Actor;
  match: { id: string; projectId: string; amountFen: string; purpose: string | null };
  /** The project's approved budget and what other allocations already matched to it, read by the API. */
  project: { budgetFen: string; matchedElsewhereFen: string };
}

export interface UnmatchCommand {
  actor: Actor;
  matchId: string;
  reason: string;
  project: { matchedTotalFen: string; paidFen: string };
}

export interface AllocationStatus {
  allocationId: string;
  receivedAt: string | null;
  dueAt: string | null;
  amountFen: string;
  matchedFen: string;
  unmatchedFen: string;
  overdue: boolean;
  version: number;
}

/** What the activities write for one change of the allocation. */
export interface MatchingStep {
  allocationId: string;
  batchId: string;
  countyCode: string;
  version: number;
  at: string;
  actor: Actor;
}

export interface MatchingDeadlineEvent {
  allocationId: string;
  countyCode: string;
  kind: 'warning' | 'overdue';
  /** For a warning, the policy point it belongs to, e.g. P5D. */
  label: string;
  unmatchedFen: string;
  dueAt: string;
  at: string;
}
