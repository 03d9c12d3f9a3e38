import { availableActions } from '../../../../libs/domain/src/lifecycle';
import { isStage, type ProjectAction } from '../../../../libs/domain/src/stages';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import type { ProjectDetails } from '../../../../workflows/project/project.types';
import type { AuthUser } from '../auth/auth-user';

/** Actions that exist in the state machine only when there is something for them to act on. */
const NEEDS_SUBJECT: Partial<Record<ProjectAction, (d: Partial<ProjectDetails>) => boolean>> = {
  clear_flag: (d) => (d.negativeList?.hits.length ?? 0) > 0 && !d.negativeList?.clearedAt,
  resolve_objection: (d) => (d.objections ?? []).some((o) => o.status === 'open'),
  review_change: (d) => (d.changes ?? []).some((c) => c.status === 'pending'),
  request_change: (d) => !(d.changes ?? []).some((c) => c.status === 'pending'),
};

/**
 * What this user may do to the project now, read from the same transition table the workflow
 * enforces, so a client shows exactly the buttons that can succeed instead of keeping rules of its own.
 * The caller has already scope-checked the project for the user (region, department).
 */
export function allowedActions(project: ProjectEntity, user: AuthUser): ProjectAction[] {
  if (!isStage(project.stage)) return [];
  const details = project.details as Partial<ProjectDetails>;
  // A task handed to a named colleague, or out for a delegate's review, is not this user's to decide.
  const task = details.task;
  if (task && task.role === user.role && (task.delegate || (task.assignee && task.assignee.userId !== user.id))) return [];
  const joint = details.jointReview;
  if (task?.departments?.length && user.role === 'department' && joint && !task.departments.includes(user.department ?? '')) return [];
  return availableActions(project.stage, user.role).filter((action) => NEEDS_SUBJECT[action]?.(details) ?? true);
}
