import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { deadlineFromDuration } from '../../libs/domain/src/calendar';
import { matchNegativeList } from '../../libs/domain/src/negative-list';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { isTerminal, type Stage } from '../../libs/domain/src/stages';
import { reminderAt, taskFor, taskRegionCode } from '../../libs/domain/src/tasks';
import type { ProjectCommand } from './project.commands';
import {
  createProjectUpdate,
  projectActionUpdate,
  projectDetailsQuery,
  projectStatusQuery,
  type CreateProjectCommand,
  type ProjectActionInput,
  type ProjectWorkflowInput,
} from './project.definitions';
import { REFUSAL, refuse } from './project.errors';
import { checkCommand, checkPaymentCommand, paymentBook } from './project.rules';
import { isFullyPaid, retentionFen } from '../../libs/domain/src/payments';
import type { Actor, ApplicationData, LedgerLine, OpenTask, ProjectDetails, ProjectStatus } from './project.types';

/**
 * Regular activities, not local ones: a step reaches Postgres only after Temporal has recorded the
 * decision to take it. A local activity would write inside the workflow task that accepts the
 * update, and a task lost with a server restart would leave the database ahead of the workflow.
 * Postgres may be down for a while: the step is kept and retried until it is written.
 */
const { recordProjectStep, recordTaskDeadline, recordPayment } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const SYSTEM: Actor = { userId: null, name: '系统', role: 'system', regionCode: null };

function emptyDetails(): ProjectDetails {
  return {
    returnedFrom: null,
    negativeList: null,
    library: null,
    publicity: null,
    objections: [],
    procurement: null,
    progress: [],
    changes: [],
    acceptanceRequestedAt: null,
    acceptances: [],
    payments: [],
    householdsPaid: [],
    retention: null,
    task: null,
  };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** 项目流程: one project from the village's draft to the last payment. */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<void> {
  let stage: Stage | null = null;
  let version = 0;
  let application: ApplicationData | null = null;
  let policy: Policy = DEFAULT_POLICY;
  let createdBy: string | null = null;
  const details = emptyDetails();
  /** Which deadline events of the open task are already recorded (keyed by the step that opened it). */
  const deadlines = { forTask: 0, reminded: false, overdue: false };

  const nowIso = () => new Date().toISOString();
  const status = (): ProjectStatus => ({ projectId: input.projectId, stage: stage ?? 'draft', version });

  /**
   * The task the project waits on after this step. A step that leaves the same person owing the same
   * action (an edit while returned, a second objection, a progress report during a change review)
   * keeps the task as it was: its deadline runs from when it was first opened.
   */
  const openTask = (at: Date): OpenTask | null => {
    const spec = taskFor(stage!, {
      hasOpenObjection: details.objections.some((o) => o.status === 'open'),
      hasPendingChange: details.changes.some((c) => c.status === 'pending'),
    });
    if (!spec) return null;
    const regionCode = taskRegionCode(spec.role, application!.villageCode);
    const department = spec.role === 'department' ? application!.departmentCode : null;
    const current = details.task;
    if (current && current.role === spec.role && current.action === spec.action && current.regionCode === regionCode && current.department === department) {
      return current;
    }
    const due = spec.dueKey ? deadlineFromDuration(at, policy.taskDue[spec.dueKey]) : null;
    return {
      ...spec,
      regionCode,
      department,
      openedSeq: version,
      openedAt: at.toISOString(),
      dueAt: due?.toISOString() ?? null,
      remindAt: due ? reminderAt(at, due).toISOString() : null,
    };
  };

  /** What entering a stage sets up; runs before the step is written, so the record carries it. */
  const enter = (to: Stage, from: Stage | null, command: ProjectCommand | null, at: Date) => {
    if (to === 'returned') details.returnedFrom = from;
    if (from === 'returned' && to !== 'withdrawn') details.returnedFrom = null;
    if (to === 'department_review') {
      const a = application!;
      const hits = matchNegativeList({ name: a.name, content: a.content, place: a.place, scale: a.scale ?? '', farmerLink: a.farmerLink }, policy.negativeList);
      details.negativeList = { hits, clearedBy: null, clearedAt: null, clearReason: null };
    }
    if (to === 'publicity' && from === 'county_review') {
      details.library = { approvedAt: at.toISOString(), meetingRef: command?.action === 'approve' ? command.meetingRef : null };
      // The period in force now stays with this publicity, whatever the policy says later.
      details.publicity = { startAt: at.toISOString(), endAt: deadlineFromDuration(at, policy.publicityPeriod).toISOString(), period: policy.publicityPeriod };
    }
  };

  /**
   * Moves the in-memory state first and writes afterwards, so an update arriving while the write
   * is in flight is validated against the new stage: two approvers racing cannot both win.
   */
  const commit = async (
    actor: Actor,
    action: string,
    to: Stage,
    comment: string | null,
    command: ProjectCommand | null,
    extra: Record<string, unknown> | null = null,
    ledger: LedgerLine[] = [],
  ) => {
    const from = stage;
    const at = new Date();
    version += 1;
    if (to !== from) enter(to, from, command, at);
    stage = to;
    details.task = openTask(at);
    const after = status();
    policy = await recordProjectStep({
      projectId: input.projectId,
      seq: version,
      at: at.toISOString(),
      actor,
      action,
      fromStage: from,
      toStage: to,
      comment,
      details: extra,
      application: copy(application!),
      process: copy(details),
      createdBy: createdBy ?? undefined,
      ledger,
    });
    return after;
  };

  const apply = async ({ actor, command }: ProjectActionInput): Promise<ProjectStatus> => {
    const to = checkCommand(actor, command, { stage: stage!, application: application!, details, policy, now: Date.now() });
    const at = nowIso();
    switch (command.action) {
      case 'edit':
        application = command.application;
        return commit(actor, 'edit', to, null, command);
      case 'approve':
        return commit(actor, 'approve', to, command.comment, command, command.meetingRef ? { meetingRef: command.meetingRef } : null);
      case 'submit':
        return commit(actor, 'submit', to, null, command);
      case 'withdraw':
      case 'return':
      case 'reject':
      case 'request_acceptance':
        if (command.action === 'request_acceptance') details.acceptanceRequestedAt = at;
        return commit(actor, command.action, to, command.comment, command);
      case 'clear_flag':
        Object.assign(details.negativeList!, { clearedBy: actor.name, clearedAt: at, clearReason: command.comment });
        return commit(actor, 'clear_flag', to, command.comment, command, { hits: details.negativeList!.hits });
      case 'object':
        details.objections.push({ ...command.objection, raisedAt: at, status: 'open', resolvedAt: null, resolvedBy: null, resolution: null });
        return commit(actor, 'object', to, command.objection.content, command, { objectionId: command.objection.id });
      case 'resolve_objection': {
        const objection = details.objections.find((o) => o.id === command.objectionId)!;
        Object.assign(objection, { status: command.decision === 'uphold' ? 'upheld' : 'dismissed', resolvedAt: at, resolvedBy: actor.name, resolution: command.comment });
        if (command.decision === 'uphold') {
          // The plan goes back for revision; objections to the withdrawn version end with it.
          for (const other of details.objections.filter((o) => o.status === 'open')) {
            Object.assign(other, { status: 'closed', resolvedAt: at, resolvedBy: actor.name, resolution: '另一异议成立，项目已退回修改，本异议随之办结' });
          }
        }
        const comment = command.decision === 'uphold' ? `异议成立：${objection.content}；${command.comment}` : command.comment;
        return commit(actor, 'resolve_objection', to, comment, command, { objectionId: objection.id, decision: command.decision });
      }
      case 'record_procurement':
        details.procurement = { ...command.procurement, recordedAt: at };
        return commit(actor, 'record_procurement', to, null, command, { ...command.procurement });
      case 'report_progress':
        details.progress.push({ percent: command.percent, note: command.note, reportedAt: command.reportedAt });
        return commit(actor, 'report_progress', to, command.note, command, { percent: command.percent });
      case 'request_change':
        details.changes.push({ ...command.change, requestedAt: at, status: 'pending', decidedAt: null, decidedBy: null, comment: null, previous: null });
        return commit(actor, 'request_change', to, command.change.reason, command, { changeId: command.change.id, kind: command.change.kind });
      case 'review_change': {
        const change = details.changes.find((c) => c.id === command.changeId)!;
        Object.assign(change, { status: command.decision === 'approve' ? 'approved' : 'refused', decidedAt: at, decidedBy: actor.name, comment: command.comment });
        if (command.decision === 'approve') {
          const current = application!;
          const fields = (['totalBudgetFen', 'fundingSources', 'content', 'scale', 'place'] as const).filter((k) => change.proposed[k] !== undefined);
          const previous: Partial<ApplicationData> = Object.fromEntries(fields.map((k) => [k, current[k]]));
          const next: ApplicationData = { ...current, ...Object.fromEntries(fields.map((k) => [k, change.proposed[k]])) };
          change.previous = previous;
          application = next;
        }
        return commit(actor, 'review_change', to, command.comment, command, { changeId: change.id, decision: command.decision });
      }
      case 'accept': {
        details.acceptances.push({ result: command.result, findings: command.findings, acceptedAt: command.acceptedAt, assets: command.assets, recordedAt: at });
        if (command.result === 'fail') return commit(actor, 'accept', to, command.findings, command, { result: command.result });
        // The retention rate and warranty in force at acceptance stay with this project.
        const contract = BigInt(details.procurement?.contractAmountFen ?? application!.totalBudgetFen);
        const held = retentionFen(contract, policy.retentionRate);
        details.retention = {
          rate: policy.retentionRate,
          heldFen: held.toString(),
          warrantyPeriod: policy.warrantyPeriod,
          releaseAt: deadlineFromDuration(new Date(at), policy.warrantyPeriod).toISOString(),
          releasedAt: null,
        };
        const ledger: LedgerLine[] = held > 0n ? [{ kind: 'retention_held', amountFen: held.toString(), note: `质保金 ${policy.retentionRate}，质保期 ${policy.warrantyPeriod}` }] : [];
        return commit(actor, 'accept', to, command.findings, command, { result: command.result }, ledger);
      }
      case 'pay':
        return pay(actor, command, to);
    }
  };

  /** The money is written first, under the database's own check; the step follows only if it was accepted. */
  const pay = async (actor: Actor, command: Extract<ProjectCommand, { action: 'pay' }>, to: Stage): Promise<ProjectStatus> => {
    const verdict = checkPaymentCommand(command, { stage: stage!, application: application!, details, policy, now: Date.now() });
    const { payment } = command;
    try {
      await recordPayment({
        projectId: input.projectId,
        countyCode: application!.countyCode,
        payment,
        worksCeilingFen: verdict.worksCeilingFen.toString(),
        actor,
        at: nowIso(),
      });
    } catch (error) {
      if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) refuse(REFUSAL.ruleBroken, error.cause.message);
      throw error;
    }
    details.payments.push({ id: payment.id, kind: payment.kind, amountFen: payment.amountFen, paidAt: payment.paidAt, recordedAt: nowIso(), households: payment.households.length });
    const year = payment.paidAt.slice(0, 4);
    details.householdsPaid.push(...payment.households.map((h) => `${h.householdId}|${h.item}|${year}`));
    const result = await commit(actor, 'pay', to, null, command, { paymentId: payment.id, kind: payment.kind, amountFen: payment.amountFen });
    return stage === 'disbursement' && isFullyPaid(paymentBook({ application: application!, details, policy }, BigInt(command.matchedFen)))
      ? commit(SYSTEM, 'complete', 'completed', '资金已全部拨付，项目办结', null)
      : result;
  };

  setHandler(projectStatusQuery, status);
  setHandler(projectDetailsQuery, () => details);

  setHandler(
    createProjectUpdate,
    async (command: CreateProjectCommand) => {
      application = command.application;
      createdBy = command.actor.userId;
      return commit(command.actor, 'create', 'draft', null, null);
    },
    {
      validator: (command: CreateProjectCommand) => {
        if (application !== null) refuse(REFUSAL.wrongStage, '项目已创建');
        if (command.actor.role !== 'village') refuse(REFUSAL.wrongRole, '只有村级用户可以创建项目');
      },
    },
  );

  setHandler(
    projectActionUpdate,
    (action: ProjectActionInput) => apply(action),
    {
      validator: (action: ProjectActionInput) => {
        if (stage === null) refuse(REFUSAL.wrongStage, '项目尚未创建');
        checkCommand(action.actor, action.command, { stage, application: application!, details, policy, now: Date.now() });
      },
    },
  );

  const retentionDue = (): number | null =>
    stage === 'disbursement' && details.retention && !details.retention.releasedAt ? Date.parse(details.retention.releaseAt) : null;

  const publicityCanEnd = () =>
    stage === 'publicity' && details.publicity !== null && Date.now() >= Date.parse(details.publicity.endAt) && !details.objections.some((o) => o.status === 'open');

  /** The next moment a timer matters: the open task's reminder or due time, or the end of publicity. */
  const nextWake = (): number | null => {
    const times: number[] = [];
    const task = details.task;
    if (task && deadlines.forTask === task.openedSeq) {
      if (task.remindAt && !deadlines.reminded) times.push(Date.parse(task.remindAt));
      if (task.dueAt && !deadlines.overdue) times.push(Date.parse(task.dueAt));
    }
    // Once the period has ended, only the county's decision on an open objection moves the project on.
    if (stage === 'publicity' && details.publicity && Date.parse(details.publicity.endAt) > Date.now()) times.push(Date.parse(details.publicity.endAt));
    if (retentionDue() !== null) times.push(retentionDue()!);
    const future = times.filter((t) => t > Date.now());
    const due = times.filter((t) => t <= Date.now());
    if (due.length > 0) return Date.now();
    return future.length > 0 ? Math.min(...future) : null;
  };

  // The process itself: wait for people (updates) and for the calendar (timers), until the end.
  while (!(stage !== null && isTerminal(stage))) {
    const seen = version;
    if (details.task && deadlines.forTask !== details.task.openedSeq) Object.assign(deadlines, { forTask: details.task.openedSeq, reminded: false, overdue: false });
    const wake = nextWake();
    const woken = () => version !== seen || publicityCanEnd();
    if (wake === null) await condition(woken);
    else await condition(woken, Math.max(1, wake - Date.now()));
    if (version !== seen) continue;
    if (publicityCanEnd()) {
      await commit(SYSTEM, 'publicity_elapsed', 'implementation', `公示期满（${details.publicity!.period}）无异议`, null);
      continue;
    }
    const releaseAt = retentionDue();
    if (releaseAt !== null && Date.now() >= releaseAt) {
      details.retention!.releasedAt = nowIso();
      const held = details.retention!.heldFen;
      const ledger: LedgerLine[] = held === '0' ? [] : [{ kind: 'retention_released', amountFen: held, note: '质保期满' }];
      await commit(SYSTEM, 'release_retention', 'disbursement', `质保期（${details.retention!.warrantyPeriod}）已满，质保金可拨付`, null, null, ledger);
      continue;
    }
    const task = details.task;
    if (!task) continue;
    const now = Date.now();
    if (task.remindAt && !deadlines.reminded && now >= Date.parse(task.remindAt)) {
      deadlines.reminded = true;
      await recordTaskDeadline({ projectId: input.projectId, openedSeq: task.openedSeq, kind: 'reminded', at: new Date(now).toISOString() });
    }
    if (task.dueAt && !deadlines.overdue && now >= Date.parse(task.dueAt) && details.task === task) {
      deadlines.overdue = true;
      await recordTaskDeadline({ projectId: input.projectId, openedSeq: task.openedSeq, kind: 'overdue', at: new Date(now).toISOString() });
    }
  }
  await condition(allHandlersFinished);
}
