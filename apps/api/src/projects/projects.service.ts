import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { countyOf, isWithinScope, NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { formatYuan, parseYuan, sumFen } from '../../../../libs/domain/src/money';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import { actionLabel, isStage, isTerminal, stageLabel } from '../../../../libs/domain/src/stages';
import { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import { RegionEntity } from '../../../../libs/persistence/src/entities/region.entity';
import { TemporalClient } from '../../../../libs/temporal/src/temporal-client.module';
import type { ProjectCommand } from '../../../../workflows/project/project.commands';
import {
  ACTION_ANSWER_WAIT_MS,
  ACTION_EXPIRY_MS,
  createProjectUpdate,
  PROJECT_WORKFLOW_TYPE,
  projectActionUpdate,
  projectWorkflowId,
  unrecordedStepsQuery,
  type ProjectWorkflowInput,
} from '../../../../workflows/project/project.definitions';
import type { Actor, ApplicationData, ProjectDetails, ProjectOutcome, ProjectStep } from '../../../../workflows/project/project.types';
import { projectionOf, writeProjectSteps } from '../../../../libs/persistence/src/project-steps';
import { closeStepIntent, openStepIntent } from '../../../../libs/persistence/src/step-intents';
import { loadProject, loadProjectOpeningIntent } from '../../../../libs/persistence/src/project-rows';
import { PolicyCacheService } from '../policies/policy-cache.service';
import { needsMeetingRef } from '../../../../libs/domain/src/meeting-ref';
import { isSubCategoryOf, TARGET_CATEGORY_LABELS, TARGET_SUBCATEGORIES, TARGET_SUBCATEGORY_LABELS } from '../../../../libs/domain/src/performance-targets';
import type { Policy } from '../../../../libs/domain/src/policy';
import { isUnavailable } from '../common/unavailable';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { pageOf, type Page } from '../common/pagination';
import type { ProjectApplicationFields } from './dto/project-application.dto';
import type { UpdateProjectDto } from './dto/project-actions.dto';
import type { ListProjectsQuery } from './dto/list-projects.query';
import { exportFile, type ExportFile, type ExportFormat } from '../monitor/monitor-export';
import { PROJECT_EXPORT_COLUMNS, PROJECT_EXPORT_LIMIT } from './project-export';
import { allowedActions } from './project-permissions';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { projectView, type ProjectView } from './project.view';

/** One project as its page shows it: the record, what the caller may do to it now, and what the county's approval will need. */
function detailView(project: ProjectEntity, user: AuthUser, policy: Policy, approval: ApprovalView) {
  return {
    approval,
    ...projectView(project, user.role === 'village' ? 'applicant' : 'official'),
    allowedActions: allowedActions(project, user),
    meetingRefRequired: needsMeetingRef(project.type, BigInt(project.totalBudgetFen), policy.meetingRequiredAbove),
    targetsRequired: policy.performanceTargetsRequired === true,
  };
}
export type ProjectDetailView = ReturnType<typeof detailView>;
import { translateWorkflowError } from './workflow-errors';
import { idForKey } from '../idempotency/idempotency-key';
import { approvalView, type ApprovalView } from '../approvals/approval-view';
import { AttachmentRules } from '../attachments/attachment-rules';

const CATCH_UP_DEADLINE_MS = 2_000;

const expiry = () => new Date(Date.now() + ACTION_EXPIRY_MS).toISOString();

/** A UUID (version 8, name-based) from the caller and the request's Idempotency-Key. */
export function projectIdFor(userId: string, idempotencyKey: string): string {
  return idForKey('project', userId, idempotencyKey);
}

export function actorOf(user: AuthUser): Actor {
  return { userId: user.id, name: user.displayName, role: user.role, regionCode: user.regionCode, department: user.department };
}

/** The application as the village entered it, in the request's shape, to merge a PATCH into. */
function fieldsOf(p: ProjectEntity): ProjectApplicationFields {
  const yuan = (fen: string) => formatYuan(BigInt(fen));
  return {
    name: p.name,
    type: p.type,
    villageCode: p.villageCode,
    place: p.place,
    content: p.content,
    scale: p.scale ?? undefined,
    totalBudget: yuan(p.totalBudgetFen),
    fundingSources: p.fundingSources.map((f) => ({ source: f.source, amount: yuan(f.amountFen) })),
    beneficiaries: p.beneficiaries,
    farmerLink: p.farmerLink,
    departmentCode: p.departmentCode,
    performanceTargets: p.performanceTargets as ProjectApplicationFields['performanceTargets'],
    attachments: p.attachments as ProjectApplicationFields['attachments'],
  };
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
    private readonly policies: PolicyCacheService,
    private readonly attachmentRules: AttachmentRules,
  ) {}

  /** Checks what a DTO cannot: the money adds up and the village is real and the caller's own. */
  private async toApplication(fields: ProjectApplicationFields, user: AuthUser): Promise<ApplicationData> {
    const total = parseYuan(fields.totalBudget);
    const sources = fields.fundingSources.map((f) => ({ source: f.source, amountFen: parseYuan(f.amount) }));
    if (sumFen(sources.map((s) => s.amountFen)) !== total) {
      throw ApiError.unprocessable('各资金来源金额之和须等于总投资', 'FUNDING_MISMATCH', {
        totalBudget: fields.totalBudget,
        fundingSources: fields.fundingSources,
      });
    }
    // Each part of a row is well formed on its own; that they do not fit together is the content's fault (422).
    // Free-text rows of older projects, carried through an edit of other fields, have no sub-category to check.
    const misplaced = (fields.performanceTargets ?? []).findIndex((t) => t.subCategory !== undefined && !isSubCategoryOf(t.category, t.subCategory));
    if (misplaced >= 0) {
      const row = fields.performanceTargets![misplaced];
      throw ApiError.unprocessable(
        `第 ${misplaced + 1} 项绩效目标「${row.indicator}」的二级指标须为${TARGET_CATEGORY_LABELS[row.category]}下的 ${TARGET_SUBCATEGORIES[row.category].map((s) => TARGET_SUBCATEGORY_LABELS[s]).join('、')} 之一`,
        'TARGET_SUBCATEGORY_MISMATCH',
        { field: `performanceTargets[${misplaced}].subCategory` },
      );
    }
    const village = await this.dataSource.getRepository(RegionEntity).findOne({ where: { code: fields.villageCode } });
    if (!village || village.level !== 'village') {
      throw ApiError.unprocessable(`村代码 ${fields.villageCode} 不存在`, 'UNKNOWN_VILLAGE');
    }
    if (!isWithinScope(fields.villageCode, user.regionCode)) {
      throw ApiError.forbidden('只能为本村（本单位所在村）申报项目', 'OUTSIDE_REGION');
    }
    return {
      name: fields.name,
      type: fields.type,
      villageCode: fields.villageCode,
      countyCode: countyOf(fields.villageCode),
      departmentCode: fields.departmentCode,
      place: fields.place,
      content: fields.content,
      scale: fields.scale ?? null,
      totalBudgetFen: total.toString(),
      fundingSources: sources.map((s) => ({ source: s.source, amountFen: s.amountFen.toString() })),
      beneficiaries: {
        householdsLifted: fields.beneficiaries.householdsLifted,
        householdsMonitored: fields.beneficiaries.householdsMonitored,
        people: fields.beneficiaries.people,
      },
      farmerLink: fields.farmerLink,
      performanceTargets: fields.performanceTargets?.map((t) => ({ ...t })) ?? [],
      attachments: fields.attachments?.map((a) => ({ ...a })) ?? [],
    };
  }

  /**
   * Starts the project's workflow and creates the draft in one Update-with-Start round trip. With an
   * Idempotency-Key the project id derives from it, so a retry after a lost answer (a 503 while the
   * draft was in fact created) finds that draft instead of creating a second one; a retry that finds
   * the workflow running without its draft (Temporal lost the first create) delivers the create to
   * it; a finished project's id is never started again.
   */
  async create(fields: ProjectApplicationFields, user: AuthUser, idempotencyKey?: string): Promise<ProjectDetailView> {
    const application = await this.toApplication(fields, user);
    const projectId = idempotencyKey ? projectIdFor(user.id, idempotencyKey) : randomUUID();
    const start = new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
      workflowId: projectWorkflowId(projectId),
      taskQueue: this.temporal.workflowTaskQueue,
      args: [{ projectId } satisfies ProjectWorkflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const policy = await this.policies.forRegion(application.villageCode);
    const intent = await openStepIntent(this.dataSource, projectId);
    let created: ProjectOutcome | null = null;
    try {
      created = await this.answerOf(() =>
        this.temporal.workflow.executeUpdateWithStart(createProjectUpdate, {
          args: [{ actor: actorOf(user), application, policy, recordedVersion: 0 }],
          startWorkflowOperation: start,
        }),
      );
    } catch (error) {
      const refusal = await this.refused(error, intent);
      // A retry after a lost answer: the draft exists (refused as already created, or the workflow has
      // finished), perhaps only in the workflow so far.
      const alreadyCreated = error instanceof WorkflowExecutionAlreadyStartedError || (refusal instanceof ApiError && refusal.getStatus() === 409);
      if (!(idempotencyKey && alreadyCreated)) throw refusal;
      await this.catchUp(projectId, 0);
      await this.forget(intent);
    }
    if (created) await this.record(created.steps, intent);
    return this.findOne(projectId, user);
  }

  /** PATCH: the given fields replace the current ones; the workflow decides whether editing is allowed now. */
  async update(id: string, patch: UpdateProjectDto, user: AuthUser): Promise<ProjectDetailView> {
    const changed = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (changed.length === 0) throw ApiError.badRequest('VALIDATION_FAILED', '请至少修改一项申报内容');
    const cleared = changed.find(([, v]) => v === null);
    if (cleared) throw ApiError.badRequest('VALIDATION_FAILED', `${cleared[0]} 不能为 null：不修改的字段请不要发送`);
    const current = await this.findEntity(id, user);
    const merged = { ...fieldsOf(current), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const application = await this.toApplication(merged as ProjectApplicationFields, user);
    return this.act(id, user, { action: 'edit', application }, current);
  }

  /**
   * Sends one command to the project's workflow and answers with the project as it now stands.
   * A caller that has already loaded (and so scope-checked) the project passes it along.
   */
  async act(id: string, user: AuthUser, command: ProjectCommand, loaded?: ProjectEntity): Promise<ProjectDetailView> {
    const { project, intent } = loaded ? { project: loaded, intent: await openStepIntent(this.dataSource, loaded.id) } : await this.findForAction(id, user);
    // A finished project's workflow has closed; say why nothing more can happen rather than "not found".
    if (isStage(project.stage) && isTerminal(project.stage)) {
      await this.forget(intent);
      throw ApiError.conflict(`项目已${stageLabel(project.stage)}，不能再${actionLabel(command.action)}`);
    }
    try {
      await this.attachmentRules.check(project, command.action, await this.policies.forRegion(project.villageCode));
    } catch (error) {
      await this.forget(intent);
      throw error;
    }
    const { outcome, recorded } = await this.sendUnrecorded(project, actorOf(user), command, intent);
    const last = outcome.steps.at(-1);
    if (!last) {
      await recorded;
      const unchanged = await this.findEntity(id, user);
      return detailView(unchanged, user, await this.policies.forRegion(unchanged.villageCode), await approvalView(this.dataSource, unchanged, user));
    }
    // The row as this action leaves it, without reading it back; who acts next is read from
    // reference rows while the steps are written, and no one is answered before they are.
    const current = projectionOf(last, project.createdAt);
    const [, approval] = await Promise.all([recorded, approvalView(this.dataSource, current, user)]);
    return detailView(current, user, await this.policies.forRegion(current.villageCode), approval);
  }

  /**
   * Sends one command to the project's workflow with the policy in force now, then records the steps
   * it took before anyone is answered, so the caller's next read shows them. The action's step
   * intent is opened here unless the caller already did.
   */
  async send(project: ProjectEntity, actor: Actor, command: ProjectCommand, opened?: string): Promise<ProjectOutcome> {
    const { outcome, recorded } = await this.sendUnrecorded(project, actor, command, opened);
    await recorded;
    return outcome;
  }

  /** As `send`, answering as soon as the workflow has: `recorded` settles once the steps are written. */
  private async sendUnrecorded(project: ProjectEntity, actor: Actor, command: ProjectCommand, opened?: string): Promise<{ outcome: ProjectOutcome; recorded: Promise<void> }> {
    const policy = await this.policies.forRegion(project.villageCode);
    const intent = opened ?? (await openStepIntent(this.dataSource, project.id));
    let outcome: ProjectOutcome;
    try {
      outcome = await this.answerOf(() =>
        this.temporal.workflow
          .getHandle(projectWorkflowId(project.id))
          .executeUpdate(projectActionUpdate, { args: [{ actor, command, policy, recordedVersion: project.stateVersion, expiresAt: expiry() }] }),
      );
    } catch (error) {
      const refusal = await this.refused(error, intent);
      // Refused for the stage or for who may act in it: perhaps this very action went through before and
      // its answer was lost (a township's approval retried finds the department's stage: 403). Then the
      // read model is behind the workflow; bring it up now so the client sees why.
      if (refusal instanceof ApiError && [403, 409].includes(refusal.getStatus())) await this.catchUp(project.id, project.stateVersion);
      throw refusal;
    }
    return { outcome, recorded: this.record(outcome.steps, intent) };
  }

  /** Waits for an update's answer no longer than the workflow would still take the action. */
  private answerOf<T>(update: () => Promise<T>): Promise<T> {
    return this.temporal.withDeadline(Date.now() + ACTION_ANSWER_WAIT_MS, update);
  }

  /**
   * What an update call's failure means for its intent: a refusal took no step, so the intent goes at
   * once; after any other failure (Temporal away, the wait over) the step may still have been taken,
   * and the intent stays for the sweeper.
   */
  private async refused(error: unknown, intent: string): Promise<unknown> {
    const refusal = translateWorkflowError(error);
    if (refusal instanceof ApiError) await this.forget(intent);
    return refusal;
  }

  private async forget(intent: string): Promise<void> {
    try {
      await closeStepIntent(this.dataSource, intent);
    } catch {
      // Left for the sweeper, which finds nothing to record and removes it.
    }
  }

  /** Records the steps the workflow has taken beyond `since`; best effort, the sweeper follows anyway. */
  private async catchUp(projectId: string, since: number): Promise<void> {
    try {
      // A short deadline: a client already waiting for a refusal must not wait on a busy worker too.
      const steps = await this.temporal.withDeadline(Date.now() + CATCH_UP_DEADLINE_MS, () =>
        this.temporal.workflow.getHandle(projectWorkflowId(projectId)).query(unrecordedStepsQuery, since),
      );
      await writeProjectSteps(this.dataSource, steps);
    } catch {
      // The workflow has closed (its steps were all recorded first) or a service is away: nothing to add.
    }
  }

  /**
   * The workflow has taken these steps; should PostgreSQL fail now, the sweeper records them once
   * the database is back (the intent stays), so the answer says the action stands rather than that it failed.
   */
  private async record(steps: ProjectStep[], intent: string): Promise<void> {
    if (steps.length === 0) return this.forget(intent);
    try {
      await writeProjectSteps(this.dataSource, steps, intent);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      throw new ApiError(503, 'RECORDING_DELAYED', '操作已受理，但数据库暂时不可用：记录将在数据库恢复后自动补写，请勿重复提交');
    }
  }

  async findEntity(id: string, user: AuthUser): Promise<ProjectEntity> {
    return this.scoped(await loadProject(this.dataSource, id), user);
  }

  /** The project an action is for, read in the same round trip that opens the action's step intent. */
  private async findForAction(id: string, user: AuthUser): Promise<{ project: ProjectEntity; intent: string }> {
    const intent = randomUUID();
    const project = await loadProjectOpeningIntent(this.dataSource, id, intent);
    try {
      return { project: this.scoped(project, user), intent };
    } catch (error) {
      if (project) await this.forget(intent);
      throw error;
    }
  }

  /** Another region's project answers exactly like a missing one: its existence is not disclosed. */
  private scoped(project: ProjectEntity | null, user: AuthUser): ProjectEntity {
    if (!project || !isWithinScope(project.villageCode, user.regionCode)) throw ApiError.notFound('项目不存在');
    // 会签: the other departments of a joint review see the project as its own department does.
    const joint = (project.details as Partial<ProjectDetails>).jointReview?.departments ?? [];
    if (user.role === 'department' && project.departmentCode !== user.department && !joint.includes(user.department ?? '')) throw ApiError.notFound('项目不存在');
    return project;
  }

  async findOne(id: string, user: AuthUser): Promise<ProjectDetailView> {
    const project = await this.findEntity(id, user);
    return detailView(project, user, await this.policies.forRegion(project.villageCode), await approvalView(this.dataSource, project, user));
  }

  /** The projects in the caller's region that match the list filters, newest change first. */
  private filtered(query: ListProjectsQuery, user: AuthUser) {
    let scope = user.regionCode;
    if (query.regionCode) {
      if (isWithinScope(query.regionCode, user.regionCode)) scope = query.regionCode;
      else if (!isWithinScope(user.regionCode, query.regionCode)) throw ApiError.notFound('地区不存在或不在您的管辖范围内', 'REGION_NOT_FOUND');
    }
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    if (scope !== NATIONAL_REGION_CODE) qb.andWhere('p.village_code LIKE :prefix', { prefix: `${regionPrefix(scope)}%` });
    if (user.role === 'department') qb.andWhere('p.department_code = :department', { department: user.department });
    if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.type) qb.andWhere('p.type = :type', { type: query.type });
    if (query.q) {
      qb.andWhere("(p.name ILIKE :q ESCAPE '\\' OR p.place ILIKE :q ESCAPE '\\' OR p.content ILIKE :q ESCAPE '\\')", {
        q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return qb.orderBy('p.updated_at', 'DESC').addOrderBy('p.id');
  }

  async list(query: ListProjectsQuery, user: AuthUser): Promise<Page<ProjectView>> {
    const { page, pageSize, offset } = pageOf(query);
    const [rows, total] = await this.filtered(query, user).skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((p) => projectView(p, 'official')), total, page, pageSize };
  }

  /**
   * 项目库导出: every project the filters match (not one page), as the list shows them. Bounded, so
   * one request cannot ask the database for a whole province's history at once.
   */
  async export(query: ListProjectsQuery, user: AuthUser, format: ExportFormat, now = new Date()): Promise<ExportFile> {
    const rows = await this.filtered(query, user).take(PROJECT_EXPORT_LIMIT + 1).getMany();
    if (rows.length > PROJECT_EXPORT_LIMIT) {
      throw ApiError.unprocessable(`符合条件的项目超过 ${PROJECT_EXPORT_LIMIT} 个，请缩小筛选范围后再导出`, 'EXPORT_TOO_LARGE');
    }
    return exportFile(
      format,
      { asciiBase: 'projects', chineseBase: '项目库', sheetName: '项目库', date: shanghaiDate(now) },
      PROJECT_EXPORT_COLUMNS,
      rows.map((p) => projectView(p, 'official')),
    );
  }

  async history(id: string, user: AuthUser) {
    await this.findEntity(id, user);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT seq, at, actor_name, role, action, from_stage, to_stage, comment, details
       FROM project_events WHERE project_id = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((r) => ({
      seq: r.seq,
      at: (r.at as Date).toISOString(),
      actor: r.actor_name,
      role: r.role,
      action: r.action,
      fromStage: r.from_stage,
      toStage: r.to_stage,
      comment: r.comment,
      details: r.details,
    }));
  }
}
