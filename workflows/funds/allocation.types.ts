import type { AllocationTotalsData } from '../../libs/domain/src/allocation-totals';
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
  /**
   * `database`: PostgreSQL decides each match under the allocation's row lock and the workflow keeps
   * the clock alone. Absent in every allocation started before, whose workflow answers matches itself.
   */
  matchGate?: 'database';
  /** What a previous run of the same allocation handed on when it continued as new. */
  carried?: AllocationCarried;
}

/** The state one run hands to the next, so the history stays bounded however long the county matches. */
export interface AllocationCarried {
  receivedAt: string | null;
  dueAt: number | null;
  warnings: { label: string; at: number; sent: boolean }[];
  overdueRecorded: boolean;
  version: number;
  totals: AllocationTotalsData;
  /** Matches answered but not yet known to be in PostgreSQL. */
  open: MatchStep[];
  /** How many runs came before this one. */
  runs: number;
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
  /**
   * The project's approved budget and what other allocations already matched to it, read by the API;
   * `matchedFen` counts every allocation's recorded matches, this one's included.
   */
  project: { budgetFen: string; matchedElsewhereFen: string; matchedFen?: string };
}

export interface UnmatchCommand {
  actor: Actor;
  matchId: string;
  reason: string;
  project: { matchedTotalFen: string; paidFen: string };
  /** The match as PostgreSQL holds it; a workflow that keeps sums rather than every match needs it. */
  match?: { projectId: string; amountFen: string; purpose: string | null };
}

/** Settles a match that was answered but that PostgreSQL refused to record when the caller wrote it. */
export interface WithdrawCommand {
  matchId: string;
  reason: string;
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
  /** How many runs of this allocation came before the current one (continued as new). */
  runs?: number;
  /** Set when PostgreSQL decides the matches: the sums are then those of the last deadline check. */
  matchGate?: 'database';
  /** When the sums were read from PostgreSQL; null before the first deadline check. */
  sumsCheckedAt?: string | null;
  /** The match just taken, for the caller to record before it answers. */
  step?: MatchStep;
}

export interface WithdrawOutcome extends AllocationStatus {
  /** False when the match is recorded and stands (or was never this allocation's). */
  withdrawn: boolean;
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

export interface MatchStep extends MatchingStep {
  match: { id: string; projectId: string; amountFen: string; purpose: string | null };
}

/** A point of the clock to check against the money PostgreSQL holds as matched. */
export interface MatchingDeadlineCheck {
  allocationId: string;
  countyCode: string;
  kind: 'warning' | 'overdue';
  label: string;
  dueAt: string;
  at: string;
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
