import { decide, type Decision } from '../../libs/domain/src/lifecycle';
import { formatYuan, parseYuan } from '../../libs/domain/src/money';
import { needsMeetingRef } from '../../libs/domain/src/meeting-ref';
import { judgeTargets, missingCategories, TARGET_CATEGORY_LABELS, type TargetResult } from '../../libs/domain/src/performance-targets';
import { checkPayment, type PaymentBook, type PaymentVerdict } from '../../libs/domain/src/payments';
import type { Policy } from '../../libs/domain/src/policy';
import { actionLabel, roleLabel, stageLabel, type Stage } from '../../libs/domain/src/stages';
import type { ProjectCommand } from './project.commands';
import { REFUSAL, refuse } from './project.errors';
import { checkJointMember, checkOperation, checkTaskHolder, isOperation } from './project.operations';
import type { Actor, ApplicationData, ProjectDetails } from './project.types';

function decisionOf(command: ProjectCommand): Decision | undefined {
  switch (command.action) {
    case 'resolve_objection':
    case 'review_change':
      return command.decision;
    case 'accept':
      return command.result;
    default:
      return undefined;
  }
}

function requireText(value: string | null | undefined, what: string): void {
  if (!value || value.trim() === '') refuse(REFUSAL.invalidInput, `${what}不能为空`);
}

export interface RuleContext {
  stage: Stage;
  application: ApplicationData;
  details: ProjectDetails;
  policy: Policy;
  now: number;
}

/**
 * Decides, before anything is written, whether `actor` may give `command` now: the state machine
 * first (stage, role), then the business rules of the action. Throws a refusal; returns the stage
 * the project moves to.
 */
export function checkCommand(actor: Actor, command: ProjectCommand, ctx: RuleContext): Stage {
  const { stage, application, details, policy } = ctx;
  if (isOperation(command)) return checkOperation(actor, command, ctx);
  const verdict = decide({ stage, action: command.action, role: actor.role, decision: decisionOf(command), returnedFrom: details.returnedFrom });
  if (!verdict.ok) {
    const what = actionLabel(command.action);
    if (verdict.reason === 'wrong_role') refuse(REFUSAL.wrongRole, `${roleLabel(actor.role)}不能在「${stageLabel(stage)}」阶段${what}`);
    if (verdict.reason === 'wrong_stage') refuse(REFUSAL.wrongStage, `项目当前处于「${stageLabel(stage)}」阶段，不能${what}`);
    refuse(REFUSAL.invalidInput, `${what}的处理决定不合法`);
  }
  checkTaskHolder(actor, details);
  if (stage === 'department_review' && (command.action === 'return' || command.action === 'reject')) checkJointMember(actor, details, false);

  switch (command.action) {
    case 'submit': {
      // Policies recorded before the requirement existed lack the key: off, as it was.
      const missing = policy.performanceTargetsRequired === true ? missingCategories(application.performanceTargets) : [];
      if (missing.length > 0) {
        const names = missing.map((c) => TARGET_CATEGORY_LABELS[c]).join('、');
        refuse(REFUSAL.ruleBroken, `绩效目标表缺少${names}：提交前须填写产出、效益、满意度指标各至少一项`, { missingCategories: missing });
      }
      break;
    }
    case 'return':
      requireText(command.comment, '退回意见');
      break;
    case 'reject':
      requireText(command.comment, '不予通过的理由');
      break;
    case 'approve':
      if (stage === 'department_review' && details.negativeList && details.negativeList.hits.length > 0 && !details.negativeList.clearedAt) {
        const categories = [...new Set(details.negativeList.hits.map((h) => h.category))].join('、');
        refuse(REFUSAL.ruleBroken, `项目内容命中负面清单（${categories}），须由主管部门书面说明理由解除提示后方可通过`, {
          hits: details.negativeList.hits,
        });
      }
      if (stage === 'county_review' && !command.meetingRef && needsMeetingRef(application.type, BigInt(application.totalBudgetFen), policy.meetingRequiredAbove)) {
        refuse(REFUSAL.ruleBroken, `产业项目总投资超过 ${formatYuan(parseYuan(policy.meetingRequiredAbove))} 元，须填写县政府常务会议纪要文号（meetingRef）`);
      }
      // 会签: until the rule is met, an approval is recorded and the project stays with the departments.
      if (stage === 'department_review' && checkJointMember(actor, details, true) === 'pending') return stage;
      break;
    case 'clear_flag':
      requireText(command.comment, '解除负面清单提示的理由');
      if (!details.negativeList || details.negativeList.hits.length === 0) refuse(REFUSAL.wrongStage, '项目没有负面清单提示，无需解除');
      if (details.negativeList.clearedAt) refuse(REFUSAL.wrongStage, '负面清单提示已解除');
      break;
    case 'object':
      if (!details.publicity || ctx.now >= Date.parse(details.publicity.endAt)) refuse(REFUSAL.wrongStage, '公示期已结束，不能再提出异议');
      break;
    case 'resolve_objection': {
      requireText(command.comment, '异议处理意见');
      const objection = details.objections.find((o) => o.id === command.objectionId);
      if (!objection) refuse(REFUSAL.notFound, '异议不存在');
      if (objection.status !== 'open') refuse(REFUSAL.wrongStage, '该异议已处理');
      break;
    }
    case 'record_procurement': {
      const contract = BigInt(command.procurement.contractAmountFen);
      const worksPaid = details.payments.filter((p) => p.kind !== 'household').reduce((s, p) => s + BigInt(p.amountFen), 0n);
      if (contract < worksPaid) refuse(REFUSAL.ruleBroken, `合同金额 ${formatYuan(contract)} 元低于已拨付的 ${formatYuan(worksPaid)} 元`);
      if (contract > BigInt(application.totalBudgetFen)) {
        refuse(REFUSAL.ruleBroken, `合同金额 ${formatYuan(contract)} 元超过批复预算 ${formatYuan(BigInt(application.totalBudgetFen))} 元；如需调整须先申请变更`);
      }
      break;
    }
    case 'report_progress': {
      const last = details.progress.at(-1)?.percent ?? 0;
      if (command.percent < last) refuse(REFUSAL.ruleBroken, `进度只能增加：上次报告为 ${last}%`);
      break;
    }
    case 'request_change':
      if (details.changes.some((c) => c.status === 'pending')) refuse(REFUSAL.wrongStage, '已有待审批的变更申请，请等待县级审批');
      break;
    case 'review_change': {
      requireText(command.comment, '变更审批意见');
      const change = details.changes.find((c) => c.id === command.changeId);
      if (!change) refuse(REFUSAL.notFound, '变更申请不存在');
      if (change.status !== 'pending') refuse(REFUSAL.wrongStage, '该变更申请已审批');
      break;
    }
    case 'request_acceptance': {
      const last = details.progress.at(-1)?.percent ?? 0;
      if (last < 100) refuse(REFUSAL.ruleBroken, `实施进度为 ${last}%，达到 100% 后方可申请验收`);
      break;
    }
    case 'accept':
      requireText(command.findings, '验收意见');
      acceptedTargets(command, application);
      break;
    case 'pay':
      checkPaymentCommand(command, ctx);
      break;
    default:
      break;
  }
  return verdict.to;
}

/**
 * The achieved values of an accept command judged against the table: required on a pass, taken if
 * given on a fail. Null for a command that carries none (one recorded before values were taken, or a
 * failed inspection that records none).
 */
export function acceptedTargets(command: Extract<ProjectCommand, { action: 'accept' }>, application: ApplicationData): TargetResult[] | null {
  if (command.targets === undefined) return null;
  const rows = application.performanceTargets;
  if (command.result === 'fail' && command.targets.length === 0) return null;
  const judged = judgeTargets(rows, command.targets);
  // Well-formed values that do not fit this project's table: the content cannot be taken (422), not a malformed request.
  if (!judged.ok) refuse(REFUSAL.ruleBroken, judged.message, { field: judged.row === null ? 'targets' : `targets.${judged.row}.achieved` });
  return judged.results;
}

/** 拨付台账 of the project as the workflow knows it, with the matched money the request brought. */
export function paymentBook(ctx: Omit<RuleContext, 'now' | 'stage'>, matchedFen: bigint): PaymentBook {
  const { application, details, policy } = ctx;
  const paid = { progress: 0n, final: 0n, retention: 0n, household: 0n };
  for (const p of details.payments) paid[p.kind] += BigInt(p.amountFen);
  return {
    contractFen: BigInt(details.procurement?.contractAmountFen ?? application.totalBudgetFen),
    retentionRate: details.retention?.rate ?? policy.retentionRate,
    latestPercent: details.progress.at(-1)?.percent ?? 0,
    accepted: details.acceptances.some((a) => a.result === 'pass'),
    retentionReleased: details.retention?.releasedAt != null,
    matchedFen,
    paid,
  };
}

export function checkPaymentCommand(command: Extract<ProjectCommand, { action: 'pay' }>, ctx: RuleContext): PaymentVerdict {
  const { payment } = command;
  // A keyed request names its payment by its key: the same request arriving twice pays once.
  if (ctx.details.payments.some((p) => p.id === payment.id)) refuse(REFUSAL.wrongStage, '该笔拨付已登记，不能重复拨付');
  const year = payment.paidAt.slice(0, 4);
  if (payment.kind === 'household') {
    if (payment.households.length === 0) refuse(REFUSAL.invalidInput, '到户补助须列出受益户');
    const empty = payment.households.find((h) => BigInt(h.amountFen) <= 0n);
    if (empty) refuse(REFUSAL.invalidInput, `农户 ${empty.householdId} 的补助金额须大于零`);
    const keys = payment.households.map((h) => `${h.householdId}|${h.item}|${year}`);
    const repeated = keys.find((k, i) => keys.indexOf(k) !== i || ctx.details.householdsPaid.includes(k));
    if (repeated) {
      const [householdId, item] = repeated.split('|');
      refuse(REFUSAL.ruleBroken, `农户 ${householdId} 的“${item}”补助 ${year} 年已发放，同一项目同一事项每年只能发放一次`);
    }
    const total = payment.households.reduce((acc, h) => acc + BigInt(h.amountFen), 0n);
    if (total !== BigInt(payment.amountFen)) refuse(REFUSAL.invalidInput, '各户补助金额之和须等于本次拨付金额');
  } else if (payment.households.length > 0) {
    refuse(REFUSAL.invalidInput, '只有到户补助（household）才列出受益户');
  }
  const verdict = checkPayment(paymentBook(ctx, BigInt(command.matchedFen)), payment.kind, BigInt(payment.amountFen));
  if (!verdict.ok) refuse(REFUSAL.ruleBroken, verdict.message);
  return verdict;
}

