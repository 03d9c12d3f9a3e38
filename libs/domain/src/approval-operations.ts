import { durationToMs, parseDuration } from './duration';
import { normalizeForMatch } from './negative-list';
import { compareRatios, parseRatio } from './ratio';
import type { Role, Stage } from './stages';

/** 经办人: a named user a task is handed to, copied to, or delegated to. */
export interface TaskUser {
  userId: string;
  name: string;
}

/** 会签规则: all 全部同意 · any 任一同意 · ratio 同意的部门达到比例 */
export type JointRule = 'all' | 'any' | 'ratio';
export const JOINT_RULES: readonly JointRule[] = ['all', 'any', 'ratio'];

/**
 * 会签政策: projects of these types (none listed: any type) whose name or content holds one of these
 * words (none listed: every such project) are reviewed by these departments as well as their own.
 */
export interface JointReviewPolicy {
  name: string;
  projectTypes: string[];
  keywords: string[];
  departments: string[];
  rule: JointRule;
  /** Only for `ratio`: the share of departments that must approve, e.g. "0.5". */
  ratio: string | null;
}

/** 会签进度 of one project at department review. */
export interface JointReview {
  policyName: string;
  /** The project's own department first. */
  departments: string[];
  rule: JointRule;
  ratio: string | null;
  approvals: Array<{ department: string; by: string; at: string; comment: string | null }>;
}

interface ProjectText {
  type: string;
  name: string;
  content: string;
  departmentCode: string;
}

/** The joint review a project needs on entering department review, from the first policy that names it; null when its own department decides alone. */
export function jointReviewFor(policies: readonly JointReviewPolicy[] | undefined, project: ProjectText): JointReview | null {
  const text = normalizeForMatch(`${project.name} ${project.content}`);
  for (const p of policies ?? []) {
    if (p.projectTypes.length > 0 && !p.projectTypes.includes(project.type)) continue;
    if (p.keywords.length > 0 && !p.keywords.some((k) => text.includes(normalizeForMatch(k)))) continue;
    const departments = [project.departmentCode, ...p.departments.filter((d) => d !== project.departmentCode)];
    // A policy naming only the project's own department asks nothing beyond the usual review.
    if (departments.length < 2) continue;
    return { policyName: p.name, departments: [...new Set(departments)], rule: p.rule, ratio: p.rule === 'ratio' ? p.ratio : null, approvals: [] };
  }
  return null;
}

/** The departments that have not yet given their approval. */
export function pendingDepartments(joint: JointReview): string[] {
  return joint.departments.filter((d) => !joint.approvals.some((a) => a.department === d));
}

/** Whether the approvals so far carry the joint review. */
export function jointReviewPassed(joint: JointReview): boolean {
  const approved = joint.departments.filter((d) => joint.approvals.some((a) => a.department === d)).length;
  if (joint.rule === 'any') return approved >= 1;
  if (joint.rule === 'all') return approved === joint.departments.length;
  const share = { numerator: BigInt(approved), denominator: BigInt(joint.departments.length) };
  return compareRatios(share, parseRatio(joint.ratio ?? '1')) >= 0;
}

/** How long before the task may be urged again (0: now), given when it was last urged and the policy's interval. */
export function urgeWaitMs(lastUrgedAt: string | null | undefined, now: number, interval: string): number {
  if (!lastUrgedAt) return 0;
  const next = Date.parse(lastUrgedAt) + durationToMs(parseDuration(interval));
  return Math.max(0, next - now);
}

/** Minutes, rounded up, for a message such as "请 12 分钟后再催办". */
export function minutesLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** 下一办理环节: the stage an approval leads to and who acts there. */
const AFTER_APPROVAL: Partial<Record<Stage, { stage: Stage; role: Role }>> = {
  draft: { stage: 'township_review', role: 'township' },
  returned: { stage: 'township_review', role: 'township' },
  township_review: { stage: 'department_review', role: 'department' },
  department_review: { stage: 'county_review', role: 'county' },
  county_review: { stage: 'publicity', role: 'system' },
  publicity: { stage: 'implementation', role: 'village' },
  implementation: { stage: 'acceptance', role: 'county' },
  acceptance: { stage: 'disbursement', role: 'finance' },
  disbursement: { stage: 'completed', role: 'system' },
};

/** Who comes after the present step when it goes ahead; a returned project goes back to whoever returned it. */
export function stepAfter(stage: Stage, returnedFrom: Stage | null): { stage: Stage; role: Role } | null {
  if (stage === 'returned' && returnedFrom) {
    const back = returnedFrom === 'publicity' ? 'county_review' : returnedFrom;
    const role = back === 'township_review' ? 'township' : back === 'department_review' ? 'department' : 'county';
    return { stage: back, role };
  }
  return AFTER_APPROVAL[stage] ?? null;
}
