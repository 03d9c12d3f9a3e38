import { ApplicationFailure } from '@temporalio/common';

/**
 * Refusal kinds an update validator raises. The API maps each to its HTTP status (409, 403, 422, …),
 * so the names are part of the contract between the workflow and the API.
 */
export const REFUSAL = {
  wrongStage: 'WRONG_STAGE',
  wrongRole: 'WRONG_ROLE',
  ruleBroken: 'RULE_BROKEN',
  invalidInput: 'INVALID_INPUT',
  notFound: 'NOT_FOUND',
  expired: 'EXPIRED',
  tooSoon: 'TOO_SOON',
} as const;

export type RefusalType = (typeof REFUSAL)[keyof typeof REFUSAL];

export function refuse(type: RefusalType, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}
