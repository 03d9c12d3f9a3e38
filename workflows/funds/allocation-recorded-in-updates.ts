import { condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import { checkMatch, checkUnmatch, matchedFen, unmatchedFen, type AllocationBook } from '../../libs/domain/src/matching';
import { REFUSAL, refuse } from '../project/project.errors';
import { guarded } from './allocation-refusals';
import { matchingClockOf } from './allocation-receipt';
import type { Actor } from '../project/project.types';
import { allocationStatusQuery, matchFundsUpdate, receiveAllocationUpdate, unmatchFundsUpdate } from './allocation.definitions';
import type { AllocationStatus, AllocationWorkflowInput, MatchCommand, MatchingStep, ReceiveCommand, UnmatchCommand } from './allocation.types';

/** Regular activities, as in the project workflow: nothing is written before Temporal has recorded the step. */
const { recordReceipt, recordMatch, recordUnmatch, recordMatchingDeadline } = proxyActivities<FundsActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * 资金匹配时限 as allocations started before matches were answered from the workflow's state run
 * it: each match and un-match is written by an activity inside its update. Kept so that those
 * allocations go on replaying; new ones take `allocationAnsweredFromState`.
 */
export async function allocationRecordedInUpdates(input: AllocationWorkflowInput): Promise<void> {
  const book: AllocationBook = {
    amountFen: BigInt(input.amountFen),
    earmarks: input.earmarks.map((e) => ({ purpose: e.purpose, amountFen: BigInt(e.amountFen) })),
    matches: [],
  };
  let receivedAt: string | null = null;
  let dueAt: number | null = null;
  let warnings: { label: string; at: number; sent: boolean }[] = [];
  let overdueRecorded = false;
  let version = 0;

  const status = (): AllocationStatus => ({
    allocationId: input.allocationId,
    receivedAt,
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    amountFen: input.amountFen,
    matchedFen: matchedFen(book).toString(),
    unmatchedFen: unmatchedFen(book).toString(),
    overdue: dueAt !== null && Date.now() >= dueAt && unmatchedFen(book) > 0n,
    version,
  });

  const step = (actor: Actor): MatchingStep => {
    version += 1;
    return { allocationId: input.allocationId, batchId: input.batchId, countyCode: input.countyCode, version, at: new Date().toISOString(), actor };
  };

  setHandler(allocationStatusQuery, status);

  setHandler(
    receiveAllocationUpdate,
    async (command: ReceiveCommand) => {
      receivedAt = command.receivedAt;
      ({ dueAt, warnings } = matchingClockOf(command));
      await recordReceipt({ ...step(command.actor), receivedAt: command.receivedAt, dueAt: new Date(dueAt).toISOString(), matchingDeadline: command.matchingDeadline, amountFen: input.amountFen });
      return status();
    },
    {
      validator: (command: ReceiveCommand) => {
        if (receivedAt !== null) refuse(REFUSAL.wrongStage, '该批资金已确认到账');
        matchingClockOf(command);
      },
    },
  );

  setHandler(
    matchFundsUpdate,
    async (command: MatchCommand) => {
      const match = { ...command.match, amountFen: BigInt(command.match.amountFen), active: true };
      book.matches.push(match);
      try {
        await guarded(recordMatch({ ...step(command.actor), match: command.match }));
      } catch (error) {
        match.active = false; // the database refused it: it never counted
        throw error;
      }
      return status();
    },
    {
      validator: (command: MatchCommand) => {
        if (receivedAt === null) refuse(REFUSAL.wrongStage, '资金尚未确认到账，不能匹配项目');
        const verdict = checkMatch(
          book,
          { projectId: command.match.projectId, amountFen: BigInt(command.match.amountFen), purpose: command.match.purpose },
          { budgetFen: BigInt(command.project.budgetFen), matchedElsewhereFen: BigInt(command.project.matchedElsewhereFen) },
        );
        if (!verdict.ok) refuse(REFUSAL.ruleBroken, verdict.message);
      },
    },
  );

  setHandler(
    unmatchFundsUpdate,
    async (command: UnmatchCommand) => {
      const match = book.matches.find((m) => m.id === command.matchId && m.active)!;
      match.active = false;
      try {
        await guarded(recordUnmatch({ ...step(command.actor), matchId: match.id, amountFen: match.amountFen.toString(), projectId: match.projectId, reason: command.reason }));
      } catch (error) {
        match.active = true;
        throw error;
      }
      return status();
    },
    {
      validator: (command: UnmatchCommand) => {
        if (!command.reason || command.reason.trim() === '') refuse(REFUSAL.invalidInput, '撤销匹配须说明理由');
        const verdict = checkUnmatch(book, command.matchId, { matchedTotalFen: BigInt(command.project.matchedTotalFen), paidFen: BigInt(command.project.paidFen) });
        if (!verdict.ok) refuse(verdict.message.includes('不存在') ? REFUSAL.notFound : REFUSAL.ruleBroken, verdict.message);
      },
    },
  );

  // The clock: warnings before the deadline, then overdue, only while money is still unmatched.
  for (;;) {
    await condition(() => dueAt !== null);
    const pending = [...warnings.filter((w) => !w.sent).map((w) => w.at), ...(overdueRecorded ? [] : [dueAt!])];
    if (pending.length === 0) break;
    const next = Math.min(...pending);
    if (next > Date.now()) await sleep(next - Date.now());
    const now = Date.now();
    for (const w of warnings.filter((x) => !x.sent && x.at <= now)) {
      w.sent = true;
      if (unmatchedFen(book) > 0n && now < dueAt!) {
        await recordMatchingDeadline({ allocationId: input.allocationId, countyCode: input.countyCode, kind: 'warning', label: w.label, unmatchedFen: unmatchedFen(book).toString(), dueAt: new Date(dueAt!).toISOString(), at: new Date(now).toISOString() });
      }
    }
    if (!overdueRecorded && now >= dueAt!) {
      overdueRecorded = true;
      if (unmatchedFen(book) > 0n) {
        await recordMatchingDeadline({ allocationId: input.allocationId, countyCode: input.countyCode, kind: 'overdue', label: 'due', unmatchedFen: unmatchedFen(book).toString(), dueAt: new Date(dueAt!).toISOString(), at: new Date(now).toISOString() });
      }
    }
  }
  // Past the deadline the county may still match or correct the allocation: the workflow keeps serving updates.
  await condition(() => false);
}
