import { patched } from '@temporalio/workflow';
import { allocationClock } from './allocation-clock';
import { allocationAnsweredFromState } from './allocation-answered-from-state';
import { allocationRecordedInUpdates } from './allocation-recorded-in-updates';
import type { AllocationWorkflowInput } from './allocation.types';

/** Marks the runs that answer matches from their state; runs without it write each match inside its update. */
export const MATCHES_ANSWERED_FROM_STATE = 'matches-answered-from-state';

/**
 * 资金匹配时限: one county's allocation of one batch, from receipt until every fen is matched to
 * library projects, warning before the deadline and marking the allocation overdue when money is
 * still unmatched. The API starts new allocations with their matches decided in PostgreSQL; the
 * two designs before it stay for the allocations already running under them.
 */
export async function allocationWorkflow(input: AllocationWorkflowInput): Promise<void> {
  if (input.matchGate === 'database') return allocationClock(input);
  if (patched(MATCHES_ANSWERED_FROM_STATE)) return allocationAnsweredFromState(input);
  return allocationRecordedInUpdates(input);
}
