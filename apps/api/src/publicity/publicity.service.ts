import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatYuan } from '../../../../libs/domain/src/money';
import { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import type { ProjectDetails } from '../../../../workflows/project/project.types';
import { ApiError } from '../common/api-error';
import { pageOf, type Page, type PageQuery } from '../common/pagination';
import { ProjectsService } from '../projects/projects.service';
import { fundingSourcesView } from '../projects/project.view';
import type { ObjectionDto } from '../projects/dto/project-actions.dto';
import { deadlineText } from '../../../../libs/domain/src/calendar';
import { publicAttachmentsOf, type PublicAttachmentView } from '../attachments/attachment-rows';

export interface PublicityNotice {
  id: string;
  name: string;
  type: string;
  place: string;
  content: string;
  scale: string | null;
  totalBudget: string;
  fundingSources: { source: string; amount: string }[];
  beneficiaries: unknown;
  farmerLink: string;
  villageCode: string;
  periodStart: string;
  periodEnd: string;
  howToObject: string;
  attachments: PublicAttachmentView[];
}

/** 公告公示: what the public may read, and the objections it may raise, while a project is posted. */
@Injectable()
export class PublicityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  private notice(p: ProjectEntity, attachments: PublicAttachmentView[]): PublicityNotice {
    const publicity = (p.details as Partial<ProjectDetails>).publicity!;
    return {
      id: p.id,
      name: p.name,
      type: p.type,
      place: p.place,
      content: p.content,
      scale: p.scale,
      totalBudget: formatYuan(BigInt(p.totalBudgetFen)),
      fundingSources: fundingSourcesView(p),
      beneficiaries: p.beneficiaries,
      farmerLink: p.farmerLink,
      villageCode: p.villageCode,
      periodStart: publicity.startAt,
      periodEnd: publicity.endAt,
      attachments,
      howToObject: `公示期内（截至 ${deadlineText(new Date(publicity.endAt))}）任何人可提交异议：POST /projects/${p.id}/objections，内容包括姓名、联系方式和异议内容。`,
    };
  }

  async list(query: PageQuery): Promise<Page<PublicityNotice>> {
    const { page, pageSize, offset } = pageOf(query);
    const [rows, total] = await this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .where('p.stage = :stage', { stage: 'publicity' })
      .orderBy('p.library_at', 'DESC')
      .addOrderBy('p.id')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const attachments = await publicAttachmentsOf(this.dataSource, rows.map((p) => p.id));
    return { items: rows.map((p) => this.notice(p, attachments.get(p.id) ?? [])), total, page, pageSize };
  }

  /** A project not under publicity does not exist for the public. */
  async raiseObjection(projectId: string, dto: ObjectionDto): Promise<{ objectionId: string; projectId: string; status: 'open' }> {
    const project = await this.dataSource.getRepository(ProjectEntity).findOne({ where: { id: projectId, stage: 'publicity' } });
    if (!project) throw ApiError.notFound('该项目不在公示期内');
    const objectionId = randomUUID();
    await this.projects.send(project, { userId: null, name: dto.name, role: 'public', regionCode: null }, {
      action: 'object',
      objection: { id: objectionId, name: dto.name, contact: dto.contact, content: dto.content },
    });
    return { objectionId, projectId, status: 'open' };
  }
}
