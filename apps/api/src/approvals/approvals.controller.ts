import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/openapi';
import { ProjectDetail } from '../projects/dto/project.response';
import { ApiProjectId, ProjectIdPipe, WORKFLOW_REFUSALS } from '../projects/projects.controller';
import { ProjectsService } from '../projects/projects.service';
import { Candidate } from './approval.response';
import { ApprovalsService } from './approvals.service';
import { CandidatesQuery, CcDto, DelegateOpinionDto, HandOverDto, TerminateDto, UrgeDto } from './dto/approval-operations.dto';
import { TerminationResult } from './termination.response';

const Acted = () => ApiOkResponse({ type: ProjectDetail, description: '办理后的项目' });
const STAFF = ['village', 'township', 'department', 'county', 'finance'] as const;
const ADMINS = ['admin', 'county_admin'] as const;

/**
 * 审批操作 on one project. Each is an update on the project's workflow, which checks who holds the
 * task now, so two people handing the same task on cannot both succeed.
 */
@ApiTags('approval operations')
@ApiBearerAuth()
@ApiProjectId()
@ApiErrors(WORKFLOW_REFUSALS)
@Controller('projects/:id')
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly projects: ProjectsService,
  ) {}

  /** 转办: the open task moves to a colleague at the same desk; the caller can no longer act on it. */
  @Post('transfer')
  @HttpCode(200)
  @Acted()
  @Roles(...STAFF)
  transfer(@Param('id', ProjectIdPipe) id: string, @Body() body: HandOverDto, @CurrentUser() user: AuthUser) {
    return this.approvals.handOver(id, user, 'transfer', body.userId, body.comment);
  }

  /** 委派: a colleague reviews first and gives an opinion; the task then comes back to the caller to decide. */
  @Post('delegate')
  @HttpCode(200)
  @Acted()
  @Roles(...STAFF)
  delegate(@Param('id', ProjectIdPipe) id: string, @Body() body: HandOverDto, @CurrentUser() user: AuthUser) {
    return this.approvals.handOver(id, user, 'delegate', body.userId, body.comment);
  }

  /** 提交委派意见 */
  @Post('delegate-opinion')
  @HttpCode(200)
  @Acted()
  @Roles(...STAFF)
  opinion(@Param('id', ProjectIdPipe) id: string, @Body() body: DelegateOpinionDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'delegate_opinion', opinion: body.opinion });
  }

  /** 抄送: the named people find the project under 抄送我的. */
  @Post('cc')
  @HttpCode(200)
  @Acted()
  @Roles(...STAFF, ...ADMINS)
  cc(@Param('id', ProjectIdPipe) id: string, @Body() body: CcDto, @CurrentUser() user: AuthUser) {
    return this.approvals.cc(id, user, body.userIds, body.comment?.trim() || null);
  }

  /** 催办: the task's holder sees the reminder in 待办 at once; again only after the policy's interval (429). */
  @Post('urge')
  @HttpCode(200)
  @Acted()
  @Roles(...STAFF, ...ADMINS)
  @ApiErrors({ 429: ['TOO_SOON'] })
  urge(@Param('id', ProjectIdPipe) id: string, @Body() body: UrgeDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'urge', comment: body.comment?.trim() || null });
  }

  /** 终止项目: the project ends; its matched money goes back to the allocations it came from. */
  @Post('terminate')
  @HttpCode(200)
  @Roles(...ADMINS)
  @ApiOkResponse({ type: TerminationResult })
  terminate(@Param('id', ProjectIdPipe) id: string, @Body() body: TerminateDto, @CurrentUser() user: AuthUser) {
    return this.approvals.terminate(id, user, body.reason);
  }

  /** 候选人: active users who can be named for transfer, delegation, reassignment or a copy. */
  @Get('candidates')
  @Roles(...STAFF, ...ADMINS)
  @ApiOkResponse({ type: [Candidate] })
  candidates(@Param('id', ProjectIdPipe) id: string, @Query() query: CandidatesQuery, @CurrentUser() user: AuthUser) {
    return this.approvals.candidates(id, user, query.purpose);
  }
}
