import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { describeChainBreak } from '../../../../libs/domain/src/audit-chain';
import { NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { verifyProjectChain } from '../../../../libs/persistence/src/audit-chain-verify';
import { dayRoots } from '../../../../libs/persistence/src/audit-day-roots';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import type { AuthUser } from '../auth/auth-user';
import { ProjectsService } from '../projects/projects.service';
import type { DayRoots, ProjectChainVerification } from './audit.response';

/** 存证: a project's chain recomputed from its rows, and the county roots sealed each day. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  async verifyProject(id: string, user: AuthUser): Promise<ProjectChainVerification> {
    const project = await this.projects.findEntity(id, user);
    // One snapshot for rows and head: a step recorded meanwhile must not look like a broken head.
    const verdict = await this.dataSource.transaction('REPEATABLE READ', (m) => verifyProjectChain(m, project.id, project.countyCode));
    return {
      projectId: project.id,
      ok: verdict.broken === null,
      length: verdict.length,
      historyRows: verdict.historyRows,
      ledgerRows: verdict.ledgerRows,
      headHash: verdict.headHash,
      broken: verdict.broken && { ...verdict.broken, message: describeChainBreak(verdict.broken) },
      checkedAt: new Date().toISOString(),
    };
  }

  /** Public: a root says nothing about any project, and publishing it is what makes a later rewrite visible. */
  async roots(day: string | undefined, regionCode: string | undefined): Promise<DayRoots> {
    const prefix = regionCode && regionCode !== NATIONAL_REGION_CODE ? regionPrefix(regionCode) : '';
    const found = await dayRoots(this.dataSource, day ?? null, prefix);
    const names = new Map<string, string>(
      ((await this.dataSource.query(`SELECT code, name FROM regions WHERE code = ANY($1)`, [found.roots.map((r) => r.countyCode)])) as Array<{ code: string; name: string }>).map(
        (r) => [r.code, r.name],
      ),
    );
    return { day: found.day, roots: found.roots.map((r) => ({ ...r, countyName: names.get(r.countyCode) ?? r.countyCode })) };
  }
}
