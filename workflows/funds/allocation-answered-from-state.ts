import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FundsActivities } from '../../activities/funds/funds-activities.types';
import {
  applyMatch,
  checkAllocationShare,
  checkProjectBudget,
  checkUnmatchAmount,
  emptyTotals,
  totalMatchedFen,
  totalsFromData,
  totalsToData,
} from '../../libs/domain/src/allocation-totals';
import { REFUSAL, refuse } from '../project/project.errors';
import type { Actor } from '../project/project.types';
import { allocationStatusQuery, matchFundsUpdate, receiveAllocationUpdate, unmatchFundsUpdate, withdrawMatchUpdate } from './allocation.definitions';
import { guarded } from './allocation-refusals';
import { matchingClockOf } from './allocation-receipt';
import type {
  AllocationCarried,
  AllocationStatus,
  AllocationWorkflowInput,
  MatchCommand,
  MatchingStep,
  MatchStep,
  ReceiveCommand,
  UnmatchCommand,
  WithdrawCommand,
} from './allocation.types';

const { recordReceipt, recordMatches, recordUnmatch, recordMatchingDeadline } = proxyActivities<FundsActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * How long the API has to record a match it was answered before the workflow writes it itself. The
 * API writes at once; this only covers an API that stopped between the answer and its write.
 */
export const RECORDING_GRACE_MS = 60_000;

/**
 * Open matches written in one go, at most; once this many are open the oldest are written at once,
 * so neither an activity's input nor the state carried to the next run grows with a busy county.
 */
export const OPEN_WRITE_BATCH = 100;

/**
 * Events after which a run hands its state to a fresh one: far below Temporal's hard limits
 * (51,200 events, 50 MB), so a county matching all year never reaches them.
 */
export const RUN_HISTORY_LIMIT = 4_000;

/**
 * Updates after which a run hands on, whatever its history: Temporal keeps every update of a run in
 * the state it rewrites on each workflow task, and refuses updates past 2,000 in one run.
 */
export const RUN_UPDATE_LIMIT = 1_000;

const NOT_FOUND = '匹配记录不存在或已撤销';

/** A match answered from the workflow's state and not yet known to be in PostgreSQL. */
interface OpenMatch {
  step: MatchStep;
  /** A write of it is under way; its outcome is known once it ends. */
  writing: boolean;
  outcome: 'recorded' | 'refused' | null;
}

const moneyOf = (match: { amountFen: string; purpose: string | null }) => ({ amountFen: BigInt(match.amountFen), purpose: match.purpose });

/**
 * 资金匹配时限 with matches answered from the workflow's state, the way the project workflow takes
 * its steps: updates run one at a time on the sums, so concurrent matches cannot over-commit the
 * allocation or an earmark, and none waits for another's database write. The API records the match
 * it was answered, under the project's row lock, where the project's budget across all allocations
 * is checked; a match that check refuses is withdrawn here. What no caller recorded within
 * RECORDING_GRACE_MS the workflow writes itself, and before a deadline mark it writes everything
 * still open, so a warning counts only money that stands. Long-lived allocations continue as new
 * with their clock, sums and open matches.
 */
export async function allocationAnsweredFromState(input: AllocationWorkflowInput): Promise<void> {
  const carried = input.carried;
  const earmarks = input.earmarks.map((e) => ({ purpose: e.purpose, amountFen: BigInt(e.amountFen) }));
  const amountFen = BigInt(input.amountFen);
  const totals = carried ? totalsFromData(amountFen, earmarks, carried.totals) : emptyTotals(amountFen, earmarks);
  let receivedAt: string | null = carried?.receivedAt ?? null;
  let dueAt: number | null = carried?.dueAt ?? null;
  let warnings = carried?.warnings.map((w) => ({ ...w })) ?? [];
  let overdueRecorded = carried?.overdueRecorded ?? false;
  let version = carried?.version ?? 0;
  const runs = carried?.runs ?? 0;
  let open: OpenMatch[] = (carried?.open ?? []).map((step) => ({ step, writing: false, outcome: null }));
  let updatesThisRun = 0;
  /** Un-matches under way: a second one for the same match is refused rather than counted twice. */
  const unmatching = new Set<string>();

  const unmatched = () => amountFen - totalMatchedFen(totals);

  const status = (): AllocationStatus => ({
    allocationId: input.allocationId,
    receivedAt,
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    amountFen: input.amountFen,
    matchedFen: totalMatchedFen(totals).toString(),
    unmatchedFen: unmatched().toString(),
    overdue: dueAt !== null && Date.now() >= dueAt && unmatched() > 0n,
    version,
    runs,
  });

  const step = (actor: Actor): MatchingStep => {
    version += 1;
    return { allocationId: input.allocationId, batchId: input.batchId, countyCode: input.countyCode, version, at: new Date().toISOString(), actor };
  };

  const openMatch = (matchId: string) => open.find((e) => e.step.match.id === matchId);

  const settle = (entry: OpenMatch, outcome: 'recorded' | 'refused') => {
    entry.outcome = outcome;
    if (outcome === 'refused') applyMatch(totals, moneyOf(entry.step.match), -1);
    open = open.filter((e) => e !== entry);
  };

  /** Writes open matches no other write has taken up; one the project's budget refuses stops counting. */
  const write = async (entries: OpenMatch[]) => {
    const batch = entries.filter((e) => !e.writing && e.outcome === null).slice(0, OPEN_WRITE_BATCH);
    if (batch.length === 0) return;
    for (const e of batch) e.writing = true;
    try {
      const { refused } = await recordMatches(batch.map((e) => e.step));
      const refusedIds = new Set(refused.map((r) => r.matchId));
      for (const e of batch) settle(e, refusedIds.has(e.step.match.id) ? 'refused' : 'recorded');
    } finally {
      for (const e of batch) e.writing = false;
    }
  };

  /** Until the match's outcome is known: waits for a write under way, or writes it now. */
  const outcomeOf = async (entry: OpenMatch) => {
    if (entry.writing) await condition(() => !entry.writing);
    if (entry.outcome === null) await write([entry]);
    return entry.outcome;
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
    (command: MatchCommand) => {
      updatesThisRun += 1;
      const taken: MatchStep = { ...step(command.actor), match: { ...command.match } };
      applyMatch(totals, moneyOf(command.match));
      open.push({ step: taken, writing: false, outcome: null });
      return { ...status(), step: taken };
    },
    {
      validator: (command: MatchCommand) => {
        if (receivedAt === null) refuse(REFUSAL.wrongStage, '资金尚未确认到账，不能匹配项目');
        const money = moneyOf(command.match);
        const share = checkAllocationShare(totals, money);
        if (!share.ok) refuse(REFUSAL.ruleBroken, share.message);
        const project = { budgetFen: BigInt(command.project.budgetFen), matchedFen: BigInt(command.project.matchedFen ?? command.project.matchedElsewhereFen) };
        const budget = checkProjectBudget(project, money.amountFen);
        if (!budget.ok) refuse(REFUSAL.ruleBroken, budget.message);
        if (openMatch(command.match.id)) refuse(REFUSAL.invalidInput, '匹配编号重复');
      },
    },
  );

  // The caller's word that the database refused is checked against the database: the workflow
  // writes the match itself, so a match that does stand is never taken back from the sums.
  setHandler(withdrawMatchUpdate, async (command: WithdrawCommand) => {
    updatesThisRun += 1;
    const entry = openMatch(command.matchId);
    const outcome = entry ? await outcomeOf(entry) : null;
    return { ...status(), withdrawn: outcome === 'refused' };
  });

  setHandler(
    unmatchFundsUpdate,
    async (command: UnmatchCommand) => {
      updatesThisRun += 1;
      unmatching.add(command.matchId);
      try {
        const entry = openMatch(command.matchId);
        // Written first, so that the un-match finds it and a later write of it cannot bring it back.
        if (entry && (await outcomeOf(entry)) === 'refused') refuse(REFUSAL.notFound, NOT_FOUND);
        const known = entry?.step.match ?? command.match;
        const removed = await guarded(
          recordUnmatch({ ...step(command.actor), matchId: command.matchId, amountFen: known?.amountFen, projectId: known?.projectId, reason: command.reason }),
        );
        if (!removed) refuse(REFUSAL.notFound, NOT_FOUND);
        applyMatch(totals, moneyOf(removed), -1);
        return status();
      } finally {
        unmatching.delete(command.matchId);
      }
    },
    {
      validator: (command: UnmatchCommand) => {
        if (!command.reason || command.reason.trim() === '') refuse(REFUSAL.invalidInput, '撤销匹配须说明理由');
        if (unmatching.has(command.matchId)) refuse(REFUSAL.notFound, NOT_FOUND);
        // Without the caller's copy of the match, the database's check under the project's lock decides alone.
        const match = openMatch(command.matchId)?.step.match ?? command.match;
        if (!match) return;
        const verdict = checkUnmatchAmount(BigInt(match.amountFen), { matchedTotalFen: BigInt(command.project.matchedTotalFen), paidFen: BigInt(command.project.paidFen) });
        if (!verdict.ok) refuse(REFUSAL.ruleBroken, verdict.message);
      },
    },
  );

  const pendingDeadlines = () => (dueAt === null ? [] : [...warnings.filter((w) => !w.sent).map((w) => w.at), ...(overdueRecorded ? [] : [dueAt])]);
  const writeDueAt = (e: OpenMatch) => Date.parse(e.step.at) + RECORDING_GRACE_MS;
  const waiting = () => open.filter((e) => !e.writing && e.outcome === null);
  const nextWake = (): number => {
    // A full batch is written now, whatever its age.
    if (waiting().length >= OPEN_WRITE_BATCH) return -Infinity;
    const times = [...pendingDeadlines(), ...waiting().map(writeDueAt)];
    return times.length === 0 ? Infinity : Math.min(...times);
  };
  const continueDue = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= RUN_HISTORY_LIMIT || updatesThisRun >= RUN_UPDATE_LIMIT;

  /** The clock: warnings before the deadline, then overdue, only while money is still unmatched. */
  const markDeadlines = async (now: number) => {
    if (!pendingDeadlines().some((at) => at <= now)) return;
    while (waiting().length > 0) await write(waiting());
    for (const w of warnings.filter((x) => !x.sent && x.at <= now)) {
      w.sent = true;
      if (unmatched() > 0n && now < dueAt!) {
        await recordMatchingDeadline({ allocationId: input.allocationId, countyCode: input.countyCode, kind: 'warning', label: w.label, unmatchedFen: unmatched().toString(), dueAt: new Date(dueAt!).toISOString(), at: new Date(now).toISOString() });
      }
    }
    if (!overdueRecorded && now >= dueAt!) {
      overdueRecorded = true;
      if (unmatched() > 0n) {
        await recordMatchingDeadline({ allocationId: input.allocationId, countyCode: input.countyCode, kind: 'overdue', label: 'due', unmatchedFen: unmatched().toString(), dueAt: new Date(dueAt!).toISOString(), at: new Date(now).toISOString() });
      }
    }
  };

  // Past the deadline the county may still match or correct the allocation: the workflow keeps serving updates.
  while (!continueDue()) {
    const wake = nextWake();
    if (wake > Date.now()) {
      const woken = () => continueDue() || nextWake() < wake;
      if (wake === Infinity) await condition(woken);
      else await condition(woken, wake - Date.now());
      continue;
    }
    const now = Date.now();
    const due = waiting().filter((e) => writeDueAt(e) <= now);
    await write(due.length > 0 ? due : waiting());
    await markDeadlines(now);
  }
  await condition(allHandlersFinished);
  const handedOn: AllocationCarried = {
    receivedAt,
    dueAt,
    warnings,
    overdueRecorded,
    version,
    totals: totalsToData(totals),
    open: open.filter((e) => e.outcome === null).map((e) => e.step),
    runs: runs + 1,
  };
  await continueAsNew<(input: AllocationWorkflowInput) => Promise<void>>({ ...input, carried: handedOn });
}
