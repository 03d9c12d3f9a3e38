import type { Policy } from '../../libs/domain/src/policy';
import type { PaymentInstruction, ProjectStep, TaskDeadlineEvent } from '../../workflows/project/project.types';

/** What the project workflow asks of the outside world; implemented over Postgres in activities/. */
export interface ProjectActivities {
  /**
   * Writes the projection, the audit row and the inbox for one step; idempotent per (project, seq).
   * Answers the policy now in force for the project's village, so the workflow's next deadlines use
   * it without a second round trip.
   */
  recordProjectStep(step: ProjectStep): Promise<Policy>;
  /** Marks the reminder or the overdue moment of an open task; idempotent. */
  recordTaskDeadline(event: TaskDeadlineEvent): Promise<void>;
  /**
   * Writes a payment, its household lines and its ledger line, after checking under the project's
   * row lock that paid stays within matched money and the works ceiling. Refuses with a
   * non-retryable RULE_BROKEN failure; idempotent per payment id.
   */
  recordPayment(instruction: PaymentInstruction): Promise<void>;
}
