/** 项目阶段 — ordered as a project normally moves, then the side exits. */
export const STAGES = [
  'draft',
  'township_review',
  'department_review',
  'county_review',
  'publicity',
  'implementation',
  'acceptance',
  'disbursement',
  'completed',
  'returned',
  'rejected',
  'withdrawn',
  'terminated',
] as const;

/** 项目阶段 */
export type Stage = (typeof STAGES)[number];

/** 审核阶段（乡镇审核、部门审查、县级审定） */
export const REVIEW_STAGES = ['township_review', 'department_review', 'county_review'] as const;

/** 审核阶段 */
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** 终结阶段：no action leaves them. `returned` is not terminal: the village revises and resubmits. */
export const TERMINAL_STAGES = ['completed', 'rejected', 'withdrawn', 'terminated'] as const;

/** 角色 — the login roles, then the non-login actors 群众 (public) and 系统 (timers). */
export const ROLES = [
  'village',
  'township',
  'department',
  'county',
  'finance',
  'monitor',
  'admin',
  'county_admin',
  'public',
  'system',
] as const;

/** 角色 */
export type Role = (typeof ROLES)[number];

/** 登录角色 — the roles a user account can hold. */
export const LOGIN_ROLES = ['village', 'township', 'department', 'county', 'finance', 'monitor', 'admin', 'county_admin'] as const;

/** 登录角色 */
export type LoginRole = (typeof LOGIN_ROLES)[number];

/** 项目操作 */
export const PROJECT_ACTIONS = [
  'edit',
  'submit',
  'withdraw',
  'approve',
  'return',
  'reject',
  'clear_flag',
  'object',
  'resolve_objection',
  'publicity_elapsed',
  'record_procurement',
  'report_progress',
  'request_change',
  'review_change',
  'request_acceptance',
  'accept',
  'pay',
  'complete',
  'release_retention',
  'transfer',
  'delegate',
  'delegate_opinion',
  'cc',
  'urge',
  'reassign',
  'terminate',
] as const;

/** 项目操作 */
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

const STAGE_LABELS: Record<Stage, string> = {
  draft: '草稿',
  township_review: '乡镇审核',
  department_review: '部门审查',
  county_review: '县级审定',
  publicity: '公示中',
  implementation: '实施中',
  acceptance: '验收中',
  disbursement: '拨付中',
  completed: '已完成',
  returned: '已退回',
  rejected: '不予通过',
  withdrawn: '已撤回',
  terminated: '已终止',
};

const ROLE_LABELS: Record<Role, string> = {
  village: '村级/项目单位',
  township: '乡镇',
  department: '行业主管部门',
  county: '县级',
  finance: '财政',
  monitor: '监管',
  admin: '管理员',
  county_admin: '县级管理员',
  public: '群众',
  system: '系统',
};

const ACTION_LABELS: Record<ProjectAction, string> = {
  edit: '修改申报',
  submit: '提交申报',
  withdraw: '撤回',
  approve: '审核通过',
  return: '退回修改',
  reject: '不予通过',
  clear_flag: '解除负面清单提示',
  object: '提出异议',
  resolve_objection: '处理异议',
  publicity_elapsed: '公示期满',
  record_procurement: '登记采购',
  report_progress: '报告进度',
  request_change: '申请变更',
  review_change: '审批变更',
  request_acceptance: '申请验收',
  accept: '竣工验收',
  pay: '资金拨付',
  complete: '办结',
  release_retention: '质保期满释放质保金',
  transfer: '转办',
  delegate: '委派',
  delegate_opinion: '提交委派意见',
  cc: '抄送',
  urge: '催办',
  reassign: '管理员改派',
  terminate: '终止项目',
};

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Narrows an untrusted string (query parameter, stored row) to a {@link Stage}. */
export function isStage(value: unknown): value is Stage {
  return includes(STAGES, value);
}

/** Narrows an untrusted string to a {@link Role}. */
export function isRole(value: unknown): value is Role {
  return includes(ROLES, value);
}

/** Narrows an untrusted string to a {@link LoginRole}. */
export function isLoginRole(value: unknown): value is LoginRole {
  return includes(LOGIN_ROLES, value);
}

/** Narrows an untrusted string to a {@link ProjectAction}. */
export function isProjectAction(value: unknown): value is ProjectAction {
  return includes(PROJECT_ACTIONS, value);
}

/** True for the three review stages. */
export function isReviewStage(stage: Stage): stage is ReviewStage {
  return includes(REVIEW_STAGES, stage);
}

/** True when no further action can leave the stage. */
export function isTerminal(stage: Stage): boolean {
  return includes(TERMINAL_STAGES, stage);
}

/** Chinese label of a stage, e.g. county_review → 县级审定. */
export function stageLabel(stage: Stage): string {
  return STAGE_LABELS[stage];
}

/** Chinese label of a role. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

/** Chinese label of an action. */
export function actionLabel(action: ProjectAction): string {
  return ACTION_LABELS[action];
}
