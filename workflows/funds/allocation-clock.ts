import { condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import { REFUSAL, refuse } from '../project/project.errors';
import { allocationStatusQuery, receiveAllocationUpdate } from './allocation.definitions';
import { matchingClockOf, type MatchingClock } from './allocation-receipt';
import type { AllocationStatus, AllocationWorkflowInput, ReceiveCommand } from './allocation.types';

const { recordReceipt, checkMatchingDeadline } = proxyActivities<FundsActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * 资金匹配时限 for an allocation whose matches PostgreSQL decides: the county's matches never wait
 * on this workflow, so any number of clerks can match the same allocation at once, each serialised
 * only for the moment PostgreSQL holds the allocation's row. The workflow is the clock: from the
 * receipt it waits for each warning point and the deadline, asks PostgreSQL what is still
 * unmatched, warns or marks the allocation overdue when anything is, and ends after the deadline.
 * Its history is the receipt and one timer and activity per point, however many matches are made.
 */
export async function allocationClock(input: AllocationWorkflowInput): Promise<void> {
  let receivedAt: string | null = null;
  let clock: MatchingClock | null = null;
  let sums = { matchedFen: '0', unmatchedFen: input.amountFen, checkedAt: null as string | null };

  const status = (): AllocationStatus => ({
    allocationId: input.allocationId,
    receivedAt,
    dueAt: clock === null ? null : new Date(clock.dueAt).toISOString(),
    amountFen: input.amountFen,
    matchedFen: sums.matchedFen,
    unmatchedFen: sums.unmatchedFen,
    overdue: clock !== null && Date.now() >= clock.dueAt && BigInt(sums.unmatchedFen) > 0n,
    version: receivedAt === null ? 0 : 1,
    matchGate: 'database',
    sumsCheckedAt: sums.checkedAt,
  });

  setHandler(allocationStatusQuery, status);

  setHandler(
    receiveAllocationUpdate,
    async (command: ReceiveCommand) => {
      const started = matchingClockOf(command);
      receivedAt = command.receivedAt;
      await recordReceipt({
        allocationId: input.allocationId,
        batchId: input.batchId,
        countyCode: input.countyCode,
        version: 1,
        at: new Date().toISOString(),
        actor: command.actor,
        receivedAt: command.receivedAt,
        dueAt: new Date(started.dueAt).toISOString(),
        matchingDeadline: command.matchingDeadline,
        amountFen: input.amountFen,
        matchGate: 'database',
      });
      clock = started;
      return status();
    },
    {
      validator: (command: ReceiveCommand) => {
        if (receivedAt !== null) refuse(REFUSAL.wrongStage, '该批资金已确认到账');
        matchingClockOf(command);
      },
    },
  );

  await condition(() => clock !== null);
  const { dueAt, warnings } = clock!;
  const points = [...warnings.map((w) => ({ kind: 'warning' as const, label: w.label, at: w.at })), { kind: 'overdue' as const, label: 'due', at: dueAt }].sort(
    (a, b) => a.at - b.at,
  );
  for (const point of points) {
    // A warning point already behind the receipt (a late receipt) is checked at once.
    if (point.at > Date.now()) await sleep(point.at - Date.now());
    // A warning past the deadline would say "不足 N 天" of a deadline already missed: only the overdue mark counts then.
    if (point.kind === 'warning' && Date.now() >= dueAt) continue;
    const checked = await checkMatchingDeadline({
      allocationId: input.allocationId,
      countyCode: input.countyCode,
      kind: point.kind,
      label: point.label,
      dueAt: new Date(dueAt).toISOString(),
      at: new Date().toISOString(),
    });
    sums = { ...checked, checkedAt: new Date().toISOString() };
  }
  // Past the deadline the county may still match or correct the allocation; PostgreSQL takes those, not this workflow.
}
