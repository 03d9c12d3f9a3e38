import {
  jointReviewPassed,
  minutesLeft,
  pendingDepartments,
  urgeWaitMs,
  type TaskUser,
} from '../../libs/domain/src/approval-operations';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { DEPARTMENTS, isDepartmentCode } from '../../libs/domain/src/project-types';
import { isTerminal, type Role, type Stage } from '../../libs/domain/src/stages';
import type { ProjectCommand } from './project.commands';
import { REFUSAL, refuse } from './project.errors';
import type { Actor, OpenTask, ProjectDetails } from './project.types';

/** The user an operation names, as the API found them among active accounts. */
export interface OperationTarget extends TaskUser {
  role: Role;
  regionCode: string | null;
  department: string | null;
}

/** 审批操作: they move the task between people (or end the project), not the project between stages. */
export const OPERATION_ACTIONS = ['transfer', 'delegate', 'delegate_opinion', 'cc', 'urge', 'reassign', 'terminate'] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];
export type OperationCommand = Extract<ProjectCommand, { action: OperationAction }>;

export function isOperation(command: ProjectCommand): command is OperationCommand {
  return (OPERATION_ACTIONS as readonly string[]).includes(command.action);
}

const ADMIN_ROLES: readonly Role[] = ['admin', 'county_admin'];
const MAX_CC = 20;

function requireText(value: string | null | undefined, what: string): void {
  if (!value || value.trim() === '') refuse(REFUSAL.invalidInput, `${what}不能为空`);
}

const departmentName = (code: string) => (isDepartmentCode(code) ? DEPARTMENTS[code] : code);

/** Whether the actor sits at the desk the task is addressed to: its role, region and department. */
export function atTaskDesk(actor: Actor, task: OpenTask): boolean {
  return actor.role === task.role && actor.regionCode === task.regionCode && (task.department === null || actor.department === task.department);
}

/**
 * An ordinary action by the task's role: once the task was handed to a named user, only they take
 * it; while a delegate is reviewing, nobody decides.
 */
export function checkTaskHolder(actor: Actor, details: ProjectDetails): void {
  const task = details.task;
  if (!task || actor.role !== task.role) return;
  if (task.delegate) refuse(REFUSAL.wrongStage, `该待办已委派${task.delegate.name}审阅，待其提交意见后方可办理`);
  if (task.assignee && task.assignee.userId !== actor.userId) refuse(REFUSAL.wrongRole, `该待办已转交${task.assignee.name}办理，您不能再办理`);
}

/** 会签: a department outside the joint review cannot decide it; one that has approved waits for the others. */
export function checkJointMember(actor: Actor, details: ProjectDetails, approving: boolean): 'passed' | 'pending' | null {
  const joint = details.jointReview;
  if (!joint) return null;
  if (!actor.department || !joint.departments.includes(actor.department)) refuse(REFUSAL.wrongRole, '本部门不在该项目的会签部门之列');
  if (!approving) return null;
  if (joint.approvals.some((a) => a.department === actor.department)) refuse(REFUSAL.wrongStage, '本部门已会签同意，等待其他部门办理');
  const next = { ...joint, approvals: [...joint.approvals, { department: actor.department, by: actor.name, at: '', comment: null }] };
  return jointReviewPassed(next) ? 'passed' : 'pending';
}

/** Records a department's joint approval; the task then waits on the departments still to approve. */
export function recordJointApproval(details: ProjectDetails, actor: Actor, comment: string | null, at: string): void {
  const joint = details.jointReview!;
  joint.approvals.push({ department: actor.department!, by: actor.name, at, comment });
  if (details.task) details.task.departments = pendingDepartments(joint);
}

function requireHolder(actor: Actor, task: OpenTask | null, what: string): asserts task is OpenTask {
  if (!task) refuse(REFUSAL.wrongStage, `项目当前没有待办，不能${what}`);
  if (task.departments && task.departments.length > 0) refuse(REFUSAL.wrongStage, `会签期间不能${what}，请各会签部门直接办理`);
  if (!atTaskDesk(actor, task)) refuse(REFUSAL.wrongRole, `只有当前待办的办理人可以${what}`);
  if (task.assignee && task.assignee.userId !== actor.userId) refuse(REFUSAL.wrongRole, `该待办已转交${task.assignee.name}办理，您不能${what}`);
  if (task.delegate) refuse(REFUSAL.wrongStage, `该待办已委派${task.delegate.name}审阅，待其提交意见后方可${what}`);
}

function requireColleague(task: OpenTask, to: OperationTarget, what: string): void {
  const sameDesk = to.role === task.role && to.regionCode === task.regionCode && (task.department === null || to.department === task.department);
  if (!sameDesk) {
    const where = task.department ? `、同一部门（${departmentName(task.department)}）` : '';
    refuse(REFUSAL.ruleBroken, `${what}对象须为与该待办同一地区、同一岗位${where}的在岗用户`);
  }
}

export interface OperationContext {
  stage: Stage;
  details: ProjectDetails;
  policy: Policy;
  now: number;
}

/** Decides whether `actor` may take the operation now; throws a refusal; returns the stage afterwards. */
export function checkOperation(actor: Actor, command: OperationCommand, ctx: OperationContext): Stage {
  const { stage, details } = ctx;
  const task = details.task;
  if (isTerminal(stage)) refuse(REFUSAL.wrongStage, '项目已结束，不能再办理');
  switch (command.action) {
    case 'transfer':
    case 'delegate': {
      const what = command.action === 'transfer' ? '转办' : '委派';
      requireHolder(actor, task, what);
      requireText(command.comment, `${what}说明`);
      requireColleague(task, command.to, what);
      if (command.to.userId === actor.userId) refuse(REFUSAL.invalidInput, `不能${what}给自己`);
      return stage;
    }
    case 'delegate_opinion':
      if (!task?.delegate || task.delegate.userId !== actor.userId) refuse(REFUSAL.wrongRole, '只有受委派审阅的人可以提交意见');
      requireText(command.opinion, '委派意见');
      return stage;
    case 'cc': {
      if (actor.role === 'public' || actor.role === 'system') refuse(REFUSAL.wrongRole, '只有工作人员可以抄送');
      if (command.to.length === 0 || command.to.length > MAX_CC) refuse(REFUSAL.invalidInput, `抄送对象须为 1 到 ${MAX_CC} 人`);
      const ids = command.to.map((t) => t.userId);
      if (new Set(ids).size !== ids.length) refuse(REFUSAL.invalidInput, '抄送对象不能重复');
      if (ids.includes(actor.userId ?? '')) refuse(REFUSAL.invalidInput, '不能抄送给自己');
      const already = command.to.find((t) => (details.ccs ?? []).some((c) => c.userId === t.userId));
      if (already) refuse(REFUSAL.wrongStage, `已抄送过${already.name}`);
      return stage;
    }
    case 'urge': {
      if (!task) refuse(REFUSAL.wrongStage, '项目当前没有待办，无需催办');
      if (actor.role === 'public' || actor.role === 'system') refuse(REFUSAL.wrongRole, '只有工作人员可以催办');
      if (atTaskDesk(actor, task)) refuse(REFUSAL.wrongRole, '不能催办自己岗位的待办');
      const wait = urgeWaitMs(task.urge?.at, ctx.now, ctx.policy.urgeInterval ?? DEFAULT_POLICY.urgeInterval);
      if (wait > 0) refuse(REFUSAL.tooSoon, `该待办刚催办过，请 ${minutesLeft(wait)} 分钟后再催办`, { retryAfterSeconds: Math.ceil(wait / 1000) });
      return stage;
    }
    case 'reassign':
      if (!ADMIN_ROLES.includes(actor.role)) refuse(REFUSAL.wrongRole, '只有管理员可以改派待办');
      if (!task) refuse(REFUSAL.wrongStage, '项目当前没有待办，无需改派');
      if (task.departments && task.departments.length > 0) refuse(REFUSAL.wrongStage, '会签期间不能改派，请各会签部门直接办理');
      requireText(command.comment, '改派说明');
      requireColleague(task, command.to, '改派');
      if (task.assignee?.userId === command.to.userId && !task.delegate) refuse(REFUSAL.wrongStage, `该待办已由${command.to.name}办理`);
      return stage;
    case 'terminate':
      if (!ADMIN_ROLES.includes(actor.role)) refuse(REFUSAL.wrongRole, '只有管理员可以终止项目');
      requireText(command.reason, '终止理由');
      return 'terminated';
  }
}

const person = (t: OperationTarget): TaskUser => ({ userId: t.userId, name: t.name });

/**
 * Takes the operation on the workflow's state; answers the step's comment and details for the
 * history, which name the target.
 */
export function applyOperation(actor: Actor, command: OperationCommand, details: ProjectDetails, at: string): { comment: string | null; extra: Record<string, unknown> } {
  const task = details.task;
  switch (command.action) {
    case 'transfer':
      task!.assignee = person(command.to);
      return { comment: command.comment, extra: { to: person(command.to), from: actor.name } };
    case 'reassign': {
      const from = task!.delegate?.name ?? task!.assignee?.name ?? null;
      task!.assignee = person(command.to);
      task!.delegate = null;
      return { comment: command.comment, extra: { to: person(command.to), from } };
    }
    case 'delegate':
      // The task comes back to whoever delegated it, not to the whole desk.
      task!.assignee = { userId: actor.userId!, name: actor.name };
      task!.delegate = { ...person(command.to), at, comment: command.comment };
      return { comment: command.comment, extra: { to: person(command.to) } };
    case 'delegate_opinion':
      task!.opinions = [...(task!.opinions ?? []), { userId: actor.userId!, name: actor.name, opinion: command.opinion, at }];
      task!.delegate = null;
      return { comment: command.opinion, extra: { to: task!.assignee ?? null } };
    case 'cc':
      details.ccs = [...(details.ccs ?? []), ...command.to.map((t) => ({ ...person(t), by: actor.name, at, comment: command.comment }))];
      return { comment: command.comment, extra: { to: command.to.map(person) } };
    case 'urge': {
      const count = (task!.urge?.count ?? 0) + 1;
      task!.urge = { by: actor.name, at, comment: command.comment, count };
      const holder = task!.delegate ?? task!.assignee ?? null;
      return { comment: command.comment, extra: { to: holder ? { userId: holder.userId, name: holder.name } : null, role: task!.role, regionCode: task!.regionCode, count } };
    }
    case 'terminate':
      details.termination = { by: actor.name, at, reason: command.reason };
      return { comment: command.reason, extra: { by: actor.name } };
  }
}
