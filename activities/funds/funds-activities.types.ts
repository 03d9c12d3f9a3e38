import type { MatchingDeadlineEvent, MatchingStep } from '../../workflows/funds/allocation.types';

/** What the allocation workflow asks of the database; every write idempotent per allocation version. */
export interface FundsActivities {
  recordReceipt(step: MatchingStep & { receivedAt: string; dueAt: string; matchingDeadline: string; amountFen: string }): Promise<void>;
  /** Refuses (non-retryable RULE_BROKEN) when the project would get more than its budget across all allocations. */
  recordMatch(step: MatchingStep & { match: { id: string; projectId: string; amountFen: string; purpose: string | null } }): Promise<void>;
  /** Refuses (non-retryable RULE_BROKEN) when the project would be left with more paid than matched. */
  recordUnmatch(step: MatchingStep & { matchId: string; amountFen: string; projectId: string; reason: string }): Promise<void>;
  recordMatchingDeadline(event: MatchingDeadlineEvent): Promise<void>;
}
