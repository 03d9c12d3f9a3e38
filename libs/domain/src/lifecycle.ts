import { isProjectAction, isReviewStage, isRole, isStage, type ProjectAction, type Role, type Stage } from './stages';

/** 异议处理决定：uphold 成立（退回）/ dismiss 不成立（继续公示） */
export type ObjectionDecision = 'uphold' | 'dismiss';
/** 验收结论：pass 合格 / fail 不合格（返回实施整改） */
export type AcceptanceResult = 'pass' | 'fail';
/** 变更审批决定：approve 同意 / refuse 不同意 */
export type ChangeDecision = 'approve' | 'refuse';
/** 处理决定 — only the actions whose outcome depends on a decision carry one. */
export type Decision = ObjectionDecision | AcceptanceResult | ChangeDecision;

/** 需要决定的操作及其可选决定 */
export const ACTION_DECISIONS: Readonly<Partial<Record<ProjectAction, readonly Decision[]>>> = {
  resolve_objection: ['uphold', 'dismiss'],
  accept: ['pass', 'fail'],
  review_change: ['approve', 'refuse'],
};

/**
 * 流转目标: a stage, 'same' (the action records something without moving the project), or
 * 'returnedFrom' (a resubmission goes back to whoever returned it, not through every review again).
 */
export type TransitionTarget = Stage | 'same' | 'returnedFrom';

/** 流转规则 — one allowed (stage, action, role[, decision]) and where it leads. */
export interface Transition {
  readonly stage: Stage;
  readonly action: ProjectAction;
  readonly role: Role;
  readonly decision?: Decision;
  readonly to: TransitionTarget;
}

/** 流转表 — the whole project state machine as data, so the UI, API and workflow read one source. */
export const TRANSITIONS: readonly Transition[] = [
  { stage: 'draft', action: 'edit', role: 'village', to: 'same' },
  { stage: 'draft', action: 'submit', role: 'village', to: 'township_review' },
  { stage: 'draft', action: 'withdraw', role: 'village', to: 'withdrawn' },
  { stage: 'returned', action: 'edit', role: 'village', to: 'same' },
  { stage: 'returned', action: 'submit', role: 'village', to: 'returnedFrom' },
  { stage: 'returned', action: 'withdraw', role: 'village', to: 'withdrawn' },
  // Allowed only until the township acts; the table cannot know that, the caller does.
  { stage: 'township_review', action: 'withdraw', role: 'village', to: 'withdrawn' },
  { stage: 'township_review', action: 'approve', role: 'township', to: 'department_review' },
  { stage: 'township_review', action: 'return', role: 'township', to: 'returned' },
  { stage: 'township_review', action: 'reject', role: 'township', to: 'rejected' },
  { stage: 'department_review', action: 'approve', role: 'department', to: 'county_review' },
  { stage: 'department_review', action: 'return', role: 'department', to: 'returned' },
  { stage: 'department_review', action: 'reject', role: 'department', to: 'rejected' },
  { stage: 'department_review', action: 'clear_flag', role: 'department', to: 'same' },
  { stage: 'county_review', action: 'approve', role: 'county', to: 'publicity' },
  { stage: 'county_review', action: 'return', role: 'county', to: 'returned' },
  { stage: 'county_review', action: 'reject', role: 'county', to: 'rejected' },
  { stage: 'publicity', action: 'object', role: 'public', to: 'same' },
  { stage: 'publicity', action: 'resolve_objection', role: 'county', decision: 'uphold', to: 'returned' },
  { stage: 'publicity', action: 'resolve_objection', role: 'county', decision: 'dismiss', to: 'same' },
  { stage: 'publicity', action: 'publicity_elapsed', role: 'system', to: 'implementation' },
  { stage: 'implementation', action: 'record_procurement', role: 'village', to: 'same' },
  { stage: 'implementation', action: 'report_progress', role: 'village', to: 'same' },
  { stage: 'implementation', action: 'request_change', role: 'village', to: 'same' },
  { stage: 'implementation', action: 'review_change', role: 'county', decision: 'approve', to: 'same' },
  { stage: 'implementation', action: 'review_change', role: 'county', decision: 'refuse', to: 'same' },
  { stage: 'implementation', action: 'request_acceptance', role: 'village', to: 'acceptance' },
  // Payments follow the works: against progress while building, the final sum and retention after acceptance.
  { stage: 'implementation', action: 'pay', role: 'finance', to: 'same' },
  { stage: 'acceptance', action: 'pay', role: 'finance', to: 'same' },
  { stage: 'acceptance', action: 'accept', role: 'county', decision: 'pass', to: 'disbursement' },
  { stage: 'acceptance', action: 'accept', role: 'county', decision: 'fail', to: 'implementation' },
  { stage: 'disbursement', action: 'pay', role: 'finance', to: 'same' },
  { stage: 'disbursement', action: 'complete', role: 'system', to: 'completed' },
  { stage: 'disbursement', action: 'release_retention', role: 'system', to: 'same' },
];

/** Why {@link decide} refused an action. */
export type DecideReason =
  /** Not a known project action. */
  | 'unknown_action'
  /** The role may take this action, but not in this stage (HTTP 409). */
  | 'wrong_stage'
  /** Someone else acts here, or this role never takes this action (HTTP 403). */
  | 'wrong_role'
  /** The action needs a decision and got none or a foreign one, or got one it does not take. */
  | 'invalid_decision'
  /** Resubmitting a returned project, but the stage it was returned from is missing or not a returning stage. */
  | 'invalid_returned_from';

/** 操作请求 */
export interface DecideInput {
  stage: Stage;
  action: ProjectAction;
  role: Role;
  decision?: Decision;
  /** The stage in which the project was returned; required to resubmit from `returned`. */
  returnedFrom?: Stage | null;
}

/** 判定结果 */
export type DecideResult = { ok: true; to: Stage } | { ok: false; reason: DecideReason };

/**
 * Where a resubmitted project goes. An upheld objection returns it from publicity, and the revised
 * plan must pass the county again before it is re-posted, so that maps to county_review.
 */
export function resubmitTarget(returnedFrom: Stage | null | undefined): Stage | null {
  if (returnedFrom === 'publicity') return 'county_review';
  return returnedFrom && isReviewStage(returnedFrom) ? returnedFrom : null;
}

/** Decides whether `role` may take `action` now and which stage the project then is in. */
export function decide(input: DecideInput): DecideResult {
  const { stage, action, role, decision } = input;
  if (!isProjectAction(action)) return { ok: false, reason: 'unknown_action' };
  if (!isStage(stage)) return { ok: false, reason: 'wrong_stage' };
  if (!isRole(role)) return { ok: false, reason: 'wrong_role' };

  const here = TRANSITIONS.filter((t) => t.stage === stage && t.action === action);
  if (here.length === 0) {
    const roleTakesItElsewhere = TRANSITIONS.some((t) => t.action === action && t.role === role);
    return { ok: false, reason: roleTakesItElsewhere ? 'wrong_stage' : 'wrong_role' };
  }
  const mine = here.filter((t) => t.role === role);
  if (mine.length === 0) return { ok: false, reason: 'wrong_role' };

  // A stray decision on an action that takes none means the caller mapped its request wrongly.
  const takesDecision = ACTION_DECISIONS[action] !== undefined;
  let row: Transition | undefined;
  if (takesDecision) row = mine.find((t) => t.decision === decision);
  else if (decision === undefined) row = mine[0];
  if (row === undefined) return { ok: false, reason: 'invalid_decision' };

  if (row.to === 'same') return { ok: true, to: stage };
  if (row.to === 'returnedFrom') {
    const to = resubmitTarget(input.returnedFrom);
    return to === null ? { ok: false, reason: 'invalid_returned_from' } : { ok: true, to };
  }
  return { ok: true, to: row.to };
}

/** The actions `role` may take in `stage`, in table order, without duplicates. */
export function availableActions(stage: Stage, role: Role): ProjectAction[] {
  const actions: ProjectAction[] = [];
  for (const t of TRANSITIONS) {
    if (t.stage === stage && t.role === role && !actions.includes(t.action)) actions.push(t.action);
  }
  return actions;
}

const NEXT_ACTOR: Record<Stage, Role | null> = {
  draft: 'village',
  returned: 'village',
  township_review: 'township',
  department_review: 'department',
  county_review: 'county',
  // The publicity timer moves the project on; an open objection making the county the actor is the caller's call.
  publicity: 'system',
  implementation: 'village',
  acceptance: 'county',
  disbursement: 'finance',
  completed: null,
  rejected: null,
  withdrawn: null,
  terminated: null,
};

/** 待办人 — the role the project is waiting on, or null once it has ended. */
export function nextActor(stage: Stage): Role | null {
  return NEXT_ACTOR[stage];
}
