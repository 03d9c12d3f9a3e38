import type { DataSource } from 'typeorm';
import { stepAfter, type JointReview } from '../../../../libs/domain/src/approval-operations';
import { DEPARTMENTS, isDepartmentCode } from '../../../../libs/domain/src/project-types';
import { isStage, isTerminal, roleLabel, stageLabel, type Role, type Stage } from '../../../../libs/domain/src/stages';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import { atTaskDesk, type OperationAction } from '../../../../workflows/project/project.operations';
import type { OpenTask, ProjectDetails } from '../../../../workflows/project/project.types';
import type { AuthUser } from '../auth/auth-user';

export const departmentName = (code: string) => (isDepartmentCode(code) ? DEPARTMENTS[code] : code);

const RULE_LABELS = { all: '全部会签部门同意', any: '任一会签部门同意' } as const;

function jointView(joint: JointReview) {
  return {
    policyName: joint.policyName,
    rule: joint.rule,
    ratio: joint.ratio,
    ruleLabel: joint.rule === 'ratio' ? `同意的部门达到 ${joint.ratio} 的比例` : RULE_LABELS[joint.rule],
    departments: joint.departments.map((d) => {
      const a = joint.approvals.find((x) => x.department === d);
      return { department: d, departmentName: departmentName(d), approved: Boolean(a), by: a?.by ?? null, at: a?.at ?? null, comment: a?.comment ?? null };
    }),
  };
}

const OFFICIAL_ROLES: readonly Role[] = ['village', 'township', 'department', 'county', 'finance', 'admin', 'county_admin'];
const ADMIN_ROLES: readonly Role[] = ['admin', 'county_admin'];

/** The operations this user may take now; the workflow checks them again when they are sent. */
export function operationsFor(project: ProjectEntity, user: AuthUser): OperationAction[] {
  if (!isStage(project.stage) || isTerminal(project.stage)) return [];
  const details = project.details as Partial<ProjectDetails>;
  const task = details.task ?? null;
  const actor = { userId: user.id, name: user.displayName, role: user.role, regionCode: user.regionCode, department: user.department };
  const ops: OperationAction[] = [];
  const joint = Boolean(task?.departments?.length);
  if (task && !joint && atTaskDesk(actor, task) && (!task.assignee || task.assignee.userId === user.id) && !task.delegate) ops.push('transfer', 'delegate');
  if (task?.delegate?.userId === user.id) ops.push('delegate_opinion');
  if (OFFICIAL_ROLES.includes(user.role)) ops.push('cc');
  if (task && OFFICIAL_ROLES.includes(user.role) && !atTaskDesk(actor, task)) ops.push('urge');
  if (ADMIN_ROLES.includes(user.role) && task && !joint) ops.push('reassign');
  if (ADMIN_ROLES.includes(user.role)) ops.push('terminate');
  return ops;
}

interface Desk {
  role: Role;
  regionCode: string | null;
  departments: string[];
}

const asked = (desk: Desk | null): desk is Desk => Boolean(desk && desk.role !== 'system' && desk.regionCode);

/**
 * The active users at the desk acting now and at the one after (at most 20 each, by name) and the
 * names of their regions, in one statement: this preview is part of every action's answer.
 */
async function deskPreview(db: DataSource, next: Desk | null, after: Desk | null, codes: string[]) {
  const [n, a] = [asked(next) ? next : null, asked(after) ? after : null];
  const rows: Array<{ slot: 'next' | 'after' | 'region'; id: string; name: string }> = await db.query(
    `WITH desks (slot, role, region_code, departments) AS (VALUES ('next', $1::text, $2::text, $3::text[]), ('after', $4::text, $5::text, $6::text[]))
     SELECT d.slot, u.id::text AS id, u.display_name AS name FROM desks d
       CROSS JOIN LATERAL (
         SELECT id, display_name FROM users
          WHERE role = d.role AND region_code = d.region_code AND (cardinality(d.departments) = 0 OR department = ANY(d.departments)) AND NOT disabled
          ORDER BY display_name, id LIMIT 20) u
      WHERE d.role IS NOT NULL
     UNION ALL
     SELECT 'region', code, name FROM regions WHERE code = ANY($7::text[])
     ORDER BY slot, name, id`,
    [n?.role ?? null, n?.regionCode ?? null, n?.departments ?? [], a?.role ?? null, a?.regionCode ?? null, a?.departments ?? [], codes],
  );
  const people = (slot: 'next' | 'after') => rows.filter((r) => r.slot === slot).map((r) => ({ userId: r.id, name: r.name }));
  return { regionNames: new Map(rows.filter((r) => r.slot === 'region').map((r) => [r.id, r.name])), next: people('next'), after: people('after') };
}

function deskLabel(desk: Desk, regionNames: Map<string, string>): string {
  if (desk.role === 'system') return '系统（按时限自动办理）';
  const where = desk.regionCode ? (regionNames.get(desk.regionCode) ?? desk.regionCode) : '';
  const departments = desk.departments.map(departmentName).join('、');
  return [where, departments || roleLabel(desk.role)].filter(Boolean).join(' · ');
}

/** The desk that acts in a stage, for a project whose village is known. */
function deskOf(stage: Stage, role: Role, project: ProjectEntity): Desk {
  const v = project.villageCode;
  const regionCode = role === 'village' ? v : role === 'township' ? `${v.slice(0, 9)}000` : role === 'system' ? null : `${v.slice(0, 6)}000000`;
  return { role, regionCode, departments: role === 'department' ? [project.departmentCode] : [] };
}

/** 办理预告 and the state of the approval operations, as the project page shows them. */
export async function approvalView(db: DataSource, project: ProjectEntity, user: AuthUser) {
  const details = project.details as Partial<ProjectDetails>;
  const task: OpenTask | null = details.task ?? null;
  const stage = isStage(project.stage) ? project.stage : null;

  let nextDesk: (Desk & { stage: Stage }) | null = null;
  if (task && stage) {
    nextDesk = { stage, role: task.role, regionCode: task.regionCode, departments: task.departments?.length ? task.departments : task.department ? [task.department] : [] };
  } else if (stage === 'draft') {
    nextDesk = { stage, ...deskOf(stage, 'village', project) };
  } else if (stage === 'publicity') {
    nextDesk = { stage, role: 'system', regionCode: null, departments: [] };
  }
  const afterStep = stage ? stepAfter(stage, details.returnedFrom ?? null) : null;
  const afterDesk = afterStep ? { stage: afterStep.stage, ...deskOf(afterStep.stage, afterStep.role, project) } : null;

  const codes = [nextDesk?.regionCode, afterDesk?.regionCode].filter((c): c is string => Boolean(c));
  const holder = task?.delegate ?? task?.assignee ?? null;
  const { regionNames, next: nextPeople, after: afterPeople } = await deskPreview(db, holder ? null : nextDesk, afterDesk, codes);
  const step = (desk: (Desk & { stage: Stage }) | null, people: Array<{ userId: string; name: string }>) =>
    desk
      ? {
          stage: desk.stage,
          stageLabel: stageLabel(desk.stage),
          role: desk.role,
          roleLabel: roleLabel(desk.role),
          desk: deskLabel(desk, regionNames),
          people,
        }
      : null;

  return {
    assignee: task?.assignee ?? null,
    delegate: task?.delegate ?? null,
    opinions: task?.opinions ?? [],
    urge: task?.urge ?? null,
    ccs: details.ccs ?? [],
    jointReview: details.jointReview && stage === 'department_review' ? jointView(details.jointReview) : null,
    termination: details.termination ?? null,
    next: step(nextDesk, holder ? [{ userId: holder.userId, name: holder.name }] : nextPeople),
    after: step(afterDesk, afterPeople),
    operations: operationsFor(project, user),
  };
}

export type ApprovalView = Awaited<ReturnType<typeof approvalView>>;
