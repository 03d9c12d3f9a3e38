import type { WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { writeMatchStep } from '../../../../libs/persistence/src/fund-match-rows';
import { withdrawMatchUpdate } from '../../../../workflows/funds/allocation.definitions';
import type { MatchStep } from '../../../../workflows/funds/allocation.types';
import { ApiError } from '../common/api-error';
import { isUnavailable } from '../common/unavailable';

/**
 * Records the match the allocation's workflow answered, before the county is answered, so its next
 * read shows it. PostgreSQL checks the project's budget across all allocations under the project's
 * row lock; a match it refuses is taken back from the workflow and the county gets the refusal.
 */
export async function recordAnsweredMatch(db: DataSource, workflow: WorkflowHandle, step: MatchStep): Promise<void> {
  let refusal: string | null;
  try {
    refusal = await db.transaction((m) => writeMatchStep(m, step));
  } catch (error) {
    // The workflow writes what no caller recorded, once PostgreSQL is back.
    if (isUnavailable(error)) throw new ApiError(503, 'RECORDING_DELAYED', '匹配已受理，但数据库暂时不可用：记录将在数据库恢复后自动补写，请勿重复提交');
    throw error;
  }
  if (refusal === null) return;
  const { withdrawn } = await workflow.executeUpdate(withdrawMatchUpdate, { args: [{ matchId: step.match.id, reason: refusal }] });
  if (!withdrawn) {
    // The workflow wrote it in the meantime, when the budget allowed it again: the match stands.
    const [written] = await db.query(`SELECT 1 FROM fund_matches WHERE id = $1`, [step.match.id]);
    if (written) return;
  }
  throw ApiError.unprocessable(refusal);
}
