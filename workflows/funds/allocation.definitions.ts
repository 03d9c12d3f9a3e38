import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AllocationStatus, MatchCommand, ReceiveCommand, UnmatchCommand, WithdrawCommand, WithdrawOutcome } from './allocation.types';

export const ALLOCATION_WORKFLOW_TYPE = 'allocationWorkflow';

export function allocationWorkflowId(batchId: string, countyCode: string): string {
  return `batch-${batchId}-${countyCode}`;
}

/** 到账确认: starts the matching clock. Sent together with the workflow's start. */
export const receiveAllocationUpdate = defineUpdate<AllocationStatus, [ReceiveCommand]>('receiveAllocation');

/** 资金匹配: assigns part of the allocation to a library project. */
export const matchFundsUpdate = defineUpdate<AllocationStatus, [MatchCommand]>('matchFunds');

/**
 * For an answered match PostgreSQL refused (the project's budget across allocations): the workflow
 * writes it itself and stops counting it if it is refused again; `withdrawn` says whether it was.
 */
export const withdrawMatchUpdate = defineUpdate<WithdrawOutcome, [WithdrawCommand]>('withdrawMatch');

/** 撤销匹配, with a reason on record. */
export const unmatchFundsUpdate = defineUpdate<AllocationStatus, [UnmatchCommand]>('unmatchFunds');

export const allocationStatusQuery = defineQuery<AllocationStatus>('allocationStatus');
