import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/openapi';
import { ApiProjectId, ProjectIdPipe } from '../projects/projects.controller';
import { DayRootsQuery } from './audit.dto';
import { DayRoots, ProjectChainVerification } from './audit.response';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** 存证核验: recomputes the project's chain of history and ledger rows; names the first row that no longer matches. */
  @Get('projects/:id/verify')
  @ApiBearerAuth()
  @ApiProjectId()
  @ApiOkResponse({ type: ProjectChainVerification })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  verify(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.audit.verifyProject(id, user);
  }

  /** 今日存证根: each county's root sealed at Shanghai midnight, for anyone to keep and compare later. */
  @Public()
  @Get('public/audit-roots')
  @ApiTags('public')
  @ApiOkResponse({ type: DayRoots })
  roots(@Query() query: DayRootsQuery) {
    return this.audit.roots(query.day, query.regionCode);
  }
}
