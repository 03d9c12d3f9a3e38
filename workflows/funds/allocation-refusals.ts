import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { REFUSAL, refuse } from '../project/project.errors';

/** A database-side refusal (the project's budget, or what it has been paid) becomes the update's refusal. */
export async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) refuse(REFUSAL.ruleBroken, error.cause.message);
    throw error;
  }
}
