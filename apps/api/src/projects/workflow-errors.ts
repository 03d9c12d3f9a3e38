import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL } from '../../../../workflows/project/project.errors';
import { ApiError } from '../common/api-error';

const STATUS_BY_REFUSAL: Record<string, number> = {
  [REFUSAL.wrongStage]: 409,
  [REFUSAL.wrongRole]: 403,
  [REFUSAL.ruleBroken]: 422,
  [REFUSAL.invalidInput]: 400,
  // 催办 again before the policy's interval: the client may retry later.
  [REFUSAL.tooSoon]: 429,
  [REFUSAL.notFound]: 404,
  // Not the client's fault: the action waited too long for a worker and was not taken.
  [REFUSAL.expired]: 503,
};

/** A workflow validator's refusal becomes the HTTP answer (an ApiError); anything else is left to the error filter. */
export function translateWorkflowError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const status = STATUS_BY_REFUSAL[error.cause.type ?? ''];
    if (status) return new ApiError(status, error.cause.type!, error.cause.message, error.cause.details?.[0] ?? null);
  }
  if (error instanceof WorkflowNotFoundError) return ApiError.notFound('项目不存在');
  return error;
}
