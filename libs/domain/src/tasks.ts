import type { TaskDue } from './policy';
import type { Stage } from './stages';

/** 待办事项 kinds: what the person in the inbox is asked to do. */
export type TaskAction = 'revise' | 'review' | 'resolve_objection' | 'implement' | 'review_change' | 'accept' | 'pay';

/** 待办: who must act on a project now, and which policy due time applies (null: no deadline). */
export interface TaskSpec {
  role: 'village' | 'township' | 'department' | 'county' | 'finance';
  action: TaskAction;
  dueKey: keyof TaskDue | null;
}

export interface TaskContext {
  hasOpenObjection: boolean;
  hasPendingChange: boolean;
}

/**
 * The one open task of a project in a stage. Publicity waits on the calendar, not on a person,
 * unless an objection needs the county's decision; implementation waits on the village, unless a
 * change request needs the county's approval.
 */
export function taskFor(stage: Stage, context: TaskContext): TaskSpec | null {
  switch (stage) {
    case 'returned':
      return { role: 'village', action: 'revise', dueKey: 'village' };
    case 'township_review':
      return { role: 'township', action: 'review', dueKey: 'township' };
    case 'department_review':
      return { role: 'department', action: 'review', dueKey: 'department' };
    case 'county_review':
      return { role: 'county', action: 'review', dueKey: 'county' };
    case 'publicity':
      return context.hasOpenObjection ? { role: 'county', action: 'resolve_objection', dueKey: 'county' } : null;
    case 'implementation':
      return context.hasPendingChange
        ? { role: 'county', action: 'review_change', dueKey: 'county' }
        : { role: 'village', action: 'implement', dueKey: null };
    case 'acceptance':
      return { role: 'county', action: 'accept', dueKey: 'county' };
    case 'disbursement':
      return { role: 'finance', action: 'pay', dueKey: null };
    default:
      return null;
  }
}

/** The region a task is addressed to: the village itself, its township, or its county. */
export function taskRegionCode(role: TaskSpec['role'], villageCode: string): string {
  if (role === 'village') return villageCode;
  if (role === 'township') return `${villageCode.slice(0, 9)}000`;
  return `${villageCode.slice(0, 6)}000000`;
}

/**
 * The reminder goes out when four fifths of the time has passed: a day before a five-day review,
 * two days before a ten-day one, and proportionally for the short periods of a demonstration.
 */
export function reminderAt(openedAt: Date, dueAt: Date): Date {
  const span = dueAt.getTime() - openedAt.getTime();
  return new Date(openedAt.getTime() + Math.floor((span * 4) / 5));
}

const TASK_LABELS: Record<TaskAction, string> = {
  revise: '修改后重新提交',
  review: '审核',
  resolve_objection: '处理公示异议',
  implement: '组织实施并报告进度',
  review_change: '审批变更申请',
  accept: '竣工验收',
  pay: '资金拨付',
};

export function taskLabel(action: TaskAction): string {
  return TASK_LABELS[action];
}
