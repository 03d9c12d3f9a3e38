import type { MatchingDeadlineCheck, MatchingDeadlineEvent, MatchingStep, MatchStep } from '../../workflows/funds/allocation.types';

/** What the allocation workflow asks of the database; every write idempotent per allocation version. */
export interface FundsActivities {
  /** `matchGate` says where the workflow that records the receipt lets matches be decided. */
  recordReceipt(step: MatchingStep & { receivedAt: string; dueAt: string; matchingDeadline: string; amountFen: string; matchGate?: 'database' }): Promise<void>;
  /** Refuses (non-retryable RULE_BROKEN) when the project would get more than its budget across all allocations. */
  recordMatch(step: MatchingStep & { match: { id: string; projectId: string; amountFen: string; purpose: string | null } }): Promise<void>;
  /**
   * Writes the answered matches no caller has recorded yet; those already written are left alone.
   * A match the project's budget across all allocations no longer allows is not written but named.
   */
  recordMatches(steps: MatchStep[]): Promise<{ refused: { matchId: string; message: string }[] }>;
  /**
   * Refuses (non-retryable RULE_BROKEN) when the project would be left with more paid than matched.
   * Answers the money it took back, as the match's row holds it; null when this allocation had no
   * such active match. `amountFen` and `projectId` are the caller's copy, for its own records.
   */
  recordUnmatch(
    step: MatchingStep & { matchId: string; amountFen?: string; projectId?: string; reason: string },
  ): Promise<{ amountFen: string; purpose: string | null } | null>;
  recordMatchingDeadline(event: MatchingDeadlineEvent): Promise<void>;
  /**
   * For an allocation whose matches PostgreSQL decides: reads what is still unmatched and, when
   * anything is, records the warning or the overdue mark as recordMatchingDeadline does.
   */
  checkMatchingDeadline(check: MatchingDeadlineCheck): Promise<{ matchedFen: string; unmatchedFen: string }>;
}
