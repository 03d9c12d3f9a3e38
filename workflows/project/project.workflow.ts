import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { ProjectActivities } from '../../activities/project/project-activities.types';
import { deadlineFromDuration } from '../../libs/domain/src/calendar';
import { durationText } from '../../libs/domain/src/duration';
import { percentText } from '../../libs/domain/src/ratio';
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
  unrecordedStepsQuery,
  type CallerContext,
  type CreateProjectCommand,
  type ProjectActionInput,
  type ProjectWorkflowInput,
} from './project.definitions';
import { emptyDetails } from './empty-details';
import { REFUSAL, refuse } from './project.errors';
import { applyOperation, isOperation, recordJointApproval } from './project.operations';
import { jointReviewFor, pendingDepartments } from '../../libs/domain/src/approval-operations';
import { acceptedTargets, checkCommand, checkPaymentCommand, paymentBook } from './project.rules';
import { scoreTargets } from '../../libs/domain/src/performance-targets';
import { isFullyPaid, retentionFen } from '../../libs/domain/src/payments';
import type { Actor, ApplicationData, LedgerLine, OpenTask, ProjectOutcome, ProjectStatus, ProjectStep } from './project.types';

/**
 * A step reaches PostgreSQL only after Temporal has recorded it: the API writes the steps an update
 * answers, and the update's answer exists only once its workflow task is in the history. Writing
 * inside the workflow task (a local activity) would let a task lost with a server restart leave the
 * database ahead of the workflow. The workflow writes itself only the steps no API request carries
 * (the calendar's) and, before a deadline mark or its end, whatever no caller has confirmed; these
 * are regular activities, retried while PostgreSQL is down.
 */
const { recordProjectSteps, recordTaskDeadline, recordPayment } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** How long a started workflow waits for the create it was started with. */
const CREATE_WAIT = '1 day';

const SYSTEM: Actor = { userId: null, name: '系统', role: 'system', regionCode: null };

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
  /** Steps taken and not yet known to be in PostgreSQL, oldest first. */
  const unrecorded: ProjectStep[] = [];

  const nowIso = () => new Date().toISOString();
  const status = (): ProjectStatus => ({ projectId: input.projectId, stage: stage ?? 'draft', version });

  const forgetRecorded = (upTo: number) => {
    while (unrecorded.length > 0 && unrecorded[0].seq <= upTo) unrecorded.shift();
  };

  /** An action that arrives after the API stopped waiting for it is not taken. */
  const refuseExpired = (context: ProjectActionInput) => {
    if (context.expiresAt && Date.now() > Date.parse(context.expiresAt)) refuse(REFUSAL.expired, '操作请求已超时，未予办理，请重新提交');
  };

  /** What the caller tells: the policy now in force, and how far the read model already is. */
  const takeContext = (context: CallerContext) => {
    if (context.policy) policy = context.policy;
    forgetRecorded(context.recordedVersion ?? 0);
  };

  const outcome = (context: CallerContext): ProjectOutcome => ({
    ...status(),
    steps: unrecorded.filter((s) => s.seq > (context.recordedVersion ?? 0)),
  });

  /** Writes whatever no caller has confirmed; the API has usually written it, making this a cheap check. */
  const recordUnconfirmed = async () => {
    const batch = unrecorded.slice();
    if (batch.length === 0) return;
    await recordProjectSteps(batch);
    forgetRecorded(batch[batch.length - 1].seq);
  };

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
    const joint = stage === 'department_review' && details.jointReview ? { departments: pendingDepartments(details.jointReview) } : {};
    return {
      ...joint,
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
      // State only: with no joint-review policy (as in every history before it existed) this is null and nothing differs.
      details.jointReview = jointReviewFor(policy.jointReview, a);
    }
    if (to === 'publicity' && from === 'county_review') {
      details.library = { approvedAt: at.toISOString(), meetingRef: command?.action === 'approve' ? command.meetingRef : null };
      // The period in force now stays with this publicity, whatever the policy says later.
      details.publicity = { startAt: at.toISOString(), endAt: deadlineFromDuration(at, policy.publicityPeriod).toISOString(), period: policy.publicityPeriod };
    }
  };

  /**
   * Takes the step in memory and queues it for recording. Updates run one at a time on the
   * workflow's state, so of two approvers racing exactly one finds the stage it needs.
   */
  const commit = (
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
    unrecorded.push({
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
  };

  const apply = async ({ actor, command }: ProjectActionInput): Promise<void> => {
    const to = checkCommand(actor, command, { stage: stage!, application: application!, details, policy, now: Date.now() });
    const at = nowIso();
    switch (command.action) {
      case 'edit':
        application = command.application;
        return commit(actor, 'edit', to, null, command);
      case 'approve':
        if (stage === 'department_review' && details.jointReview) recordJointApproval(details, actor, command.comment, at);
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
        // Values and score are state and step details only: no command differs, so older histories replay unchanged.
        const targets = acceptedTargets(command, application!);
        details.acceptances.push({
          result: command.result,
          findings: command.findings,
          acceptedAt: command.acceptedAt,
          assets: command.assets,
          recordedAt: at,
          ...(targets ? { targets } : {}),
        });
        const score = targets ? scoreTargets(targets) : null;
        const stepDetails = { result: command.result, ...(score ? { targetsMet: score.met, targetsTotal: score.total } : {}) };
        if (command.result === 'fail') return commit(actor, 'accept', to, command.findings, command, stepDetails);
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
        const ledger: LedgerLine[] = held > 0n ? [{ kind: 'retention_held', amountFen: held.toString(), note: `质保金比例 ${percentText(policy.retentionRate)}，质保期 ${durationText(policy.warrantyPeriod)}` }] : [];
        return commit(actor, 'accept', to, command.findings, command, stepDetails, ledger);
      }
      case 'pay':
        return pay(actor, command, to);
      default:
        if (isOperation(command)) {
          const { comment, extra } = applyOperation(actor, command, details, at);
          return commit(actor, command.action, to, comment, command, extra);
        }
    }
  };

  /** The money is written first, under the database's own check; the step follows only if it was accepted. */
  const pay = async (actor: Actor, command: Extract<ProjectCommand, { action: 'pay' }>, to: Stage): Promise<void> => {
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
    commit(actor, 'pay', to, null, command, { paymentId: payment.id, kind: payment.kind, amountFen: payment.amountFen });
    if (stage === 'disbursement' && isFullyPaid(paymentBook({ application: application!, details, policy }, BigInt(command.matchedFen)))) {
      commit(SYSTEM, 'complete', 'completed', '资金已全部拨付，项目办结', null);
    }
  };

  setHandler(projectStatusQuery, status);
  setHandler(projectDetailsQuery, () => details);
  setHandler(unrecordedStepsQuery, (since: number) => unrecorded.filter((s) => s.seq > since));

  setHandler(
    createProjectUpdate,
    (command: CreateProjectCommand): ProjectOutcome => {
      takeContext(command);
      application = command.application;
      createdBy = command.actor.userId;
      commit(command.actor, 'create', 'draft', null, null);
      return outcome(command);
    },
    {
      // A create has no expiry: refused, it would leave a started workflow without a project; a draft that
      // arrives late harms nothing, and a retry with the same Idempotency-Key finds it.
      validator: (command: CreateProjectCommand) => {
        if (application !== null) refuse(REFUSAL.wrongStage, '项目已创建');
        if (command.actor.role !== 'village') refuse(REFUSAL.wrongRole, '只有村级用户可以创建项目');
      },
    },
  );

  setHandler(
    projectActionUpdate,
    async (action: ProjectActionInput): Promise<ProjectOutcome> => {
      takeContext(action);
      await apply(action);
      return outcome(action);
    },
    {
      validator: (action: ProjectActionInput) => {
        refuseExpired(action);
        if (stage === null) refuse(REFUSAL.wrongStage, '项目尚未创建');
        checkCommand(action.actor, action.command, { stage, application: application!, details, policy: action.policy ?? policy, now: Date.now() });
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

  /**
   * The loop's one timer, kept across steps while no earlier wake is needed: a step then adds no
   * timer commands to the workflow task that answers its update, and a timer that fires before
   * anything is due only finds nothing to do and sets the next one.
   */
  type Timer = { at: number; scope: CancellationScope; fired: Promise<void>; done: boolean };
  let timer: Timer | null = null;
  const timerFor = (at: number | null): Promise<void> => {
    if (at !== null && (timer === null || timer.at > at)) {
      timer?.scope.cancel();
      const scope = new CancellationScope();
      const next = { at, scope, done: false, fired: Promise.resolve() };
      next.fired = scope.run(() => sleep(Math.max(1, at - Date.now()))).then(
        () => {
          next.done = true;
        },
        (error) => {
          if (!isCancellation(error)) throw error;
        },
      );
      timer = next;
    }
    return timer ? timer.fired : new Promise<void>(() => undefined);
  };

  // The create arrives with the start; should Temporal lose it (a restart before the first workflow task),
  // a retry with the same Idempotency-Key delivers it to this workflow. Nobody retrying, the workflow ends.
  if (!(await condition(() => stage !== null, CREATE_WAIT))) return;

  // The process itself: wait for people (updates) and for the calendar (timers) until the end.
  while (!(stage !== null && isTerminal(stage))) {
    const seen = version;
    if (details.task && deadlines.forTask !== details.task.openedSeq) Object.assign(deadlines, { forTask: details.task.openedSeq, reminded: false, overdue: false });
    const woken = () => version !== seen || publicityCanEnd();
    await Promise.race([condition(woken), timerFor(nextWake())]);
    if ((timer as Timer | null)?.done) timer = null;
    if (version !== seen) continue;
    // Steps the calendar takes have no API request behind them: the workflow writes them at once.
    if (publicityCanEnd()) {
      commit(SYSTEM, 'publicity_elapsed', 'implementation', `公示期满（${durationText(details.publicity!.period)}）无异议`, null);
      await recordUnconfirmed();
      continue;
    }
    const releaseAt = retentionDue();
    if (releaseAt !== null && Date.now() >= releaseAt) {
      details.retention!.releasedAt = nowIso();
      const held = details.retention!.heldFen;
      const ledger: LedgerLine[] = held === '0' ? [] : [{ kind: 'retention_released', amountFen: held, note: '质保期满' }];
      commit(SYSTEM, 'release_retention', 'disbursement', `质保期（${durationText(details.retention!.warrantyPeriod)}）已满，质保金可拨付`, null, null, ledger);
      await recordUnconfirmed();
      continue;
    }
    const task = details.task;
    if (!task) continue;
    const now = Date.now();
    const remind = task.remindAt !== null && !deadlines.reminded && now >= Date.parse(task.remindAt);
    const overdue = task.dueAt !== null && !deadlines.overdue && now >= Date.parse(task.dueAt);
    // The deadline marks update the task's inbox row, which must be written by then.
    if (remind || overdue) await recordUnconfirmed();
    if (remind) {
      deadlines.reminded = true;
      await recordTaskDeadline({ projectId: input.projectId, openedSeq: task.openedSeq, kind: 'reminded', at: new Date(now).toISOString() });
    }
    if (overdue && details.task === task) {
      deadlines.overdue = true;
      await recordTaskDeadline({ projectId: input.projectId, openedSeq: task.openedSeq, kind: 'overdue', at: new Date(now).toISOString() });
    }
  }
  // No later action will confirm the last steps, so the workflow makes sure of them before it closes.
  await condition(allHandlersFinished);
  await recordUnconfirmed();
}
