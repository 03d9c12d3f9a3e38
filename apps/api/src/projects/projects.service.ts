import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { countyOf, isWithinScope } from '../../../../libs/auth/src/scope';
import { parseYuan, sumFen } from '../../../../libs/domain/src/money';
import { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import { RegionEntity } from '../../../../libs/persistence/src/entities/region.entity';
import { TemporalClient } from '../../../../libs/temporal/src/temporal-client.module';
import {
  createProjectUpdate,
  projectWorkflowId,
  type ProjectWorkflowInput,
} from '../../../../workflows/project/project.definitions';
import type { Actor, ApplicationData } from '../../../../workflows/project/project.types';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import type { ProjectApplicationFields } from './dto/project-application.dto';
import { projectView, type ProjectView } from './project.view';
import { translateWorkflowError } from './workflow-errors';

export function actorOf(user: AuthUser): Actor {
  return { userId: user.id, name: user.displayName, role: user.role, regionCode: user.regionCode, department: user.department };
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  /** Checks what a DTO cannot: the money adds up and the village is real and the caller's own. */
  private async toApplication(fields: ProjectApplicationFields, user: AuthUser): Promise<ApplicationData> {
    const total = parseYuan(fields.totalBudget);
    const sources = fields.fundingSources.map((f) => ({ source: f.source, amountFen: parseYuan(f.amount) }));
    if (sumFen(sources.map((s) => s.amountFen)) !== total) {
      throw ApiError.badRequest('FUNDING_MISMATCH', '各资金来源金额之和须等于总投资', {
        totalBudget: fields.totalBudget,
        fundingSources: fields.fundingSources,
      });
    }
    const village = await this.dataSource.getRepository(RegionEntity).findOne({ where: { code: fields.villageCode } });
    if (!village || village.level !== 'village') {
      throw ApiError.badRequest('UNKNOWN_VILLAGE', `村代码 ${fields.villageCode} 不存在`);
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

  /** Starts the project's workflow and creates the draft in one Update-with-Start round trip. */
  async create(fields: ProjectApplicationFields, user: AuthUser): Promise<ProjectView> {
    const application = await this.toApplication(fields, user);
    const projectId = randomUUID();
    const start = new WithStartWorkflowOperation('projectWorkflow', {
      workflowId: projectWorkflowId(projectId),
      taskQueue: this.temporal.projectTaskQueue,
      args: [{ projectId } satisfies ProjectWorkflowInput],
      workflowIdConflictPolicy: 'FAIL',
    });
    try {
      await this.temporal.workflow.executeUpdateWithStart(createProjectUpdate, {
        args: [{ actor: actorOf(user), application }],
        startWorkflowOperation: start,
      });
    } catch (error) {
      throw translateWorkflowError(error);
    }
    return this.findOne(projectId, user);
  }

  /** Another region's project answers exactly like a missing one: its existence is not disclosed. */
  async findEntity(id: string, user: AuthUser): Promise<ProjectEntity> {
    const project = await this.dataSource.getRepository(ProjectEntity).findOne({ where: { id } });
    if (!project || !isWithinScope(project.villageCode, user.regionCode)) throw ApiError.notFound('项目不存在');
    if (user.role === 'department' && project.departmentCode !== user.department) throw ApiError.notFound('项目不存在');
    return project;
  }

  async findOne(id: string, user: AuthUser): Promise<ProjectView> {
    return projectView(await this.findEntity(id, user));
  }
}
