import type { PaymentInstruction, ProjectStep, TaskDeadlineEvent } from '../../workflows/project/project.types';

/** What the project workflow asks of the outside world; implemented over Postgres in activities/. */
export interface ProjectActivities {
  /**
   * Writes steps (one project's, in seq order) that no API request carries or confirmed,
   * with their projection, audit rows, inbox and ledger lines; idempotent per (project, seq), and
   * nearly free when the API has already written them.
   */
  recordProjectSteps(steps: ProjectStep[]): Promise<void>;
  /** Marks the reminder or the overdue moment of an open task; idempotent. */
  recordTaskDeadline(event: TaskDeadlineEvent): Promise<void>;
  /**
   * Writes a payment, its household lines and its ledger line, after checking under the project's
   * row lock that paid stays within matched money and the works ceiling. Refuses with a
   * non-retryable RULE_BROKEN failure; idempotent per payment id.
   */
  recordPayment(instruction: PaymentInstruction): Promise<void>;
}
