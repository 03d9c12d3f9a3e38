import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { ApiErrors } from '../common/openapi';
import { ProjectDetail } from './dto/project.response';
import {
  AcceptanceDto,
  ChangeRequestDto,
  EmptyBodyDto,
  OptionalCommentDto,
  ProcurementDto,
  ProgressDto,
  RequiredCommentDto,
  ResolveObjectionDto,
  ReviewChangeDto,
  ReviewDto,
} from './dto/project-actions.dto';
import { acceptanceCommand, changeCommand, procurementCommand, progressCommand, reviewCommand } from './project-commands';
import { ApiProjectId, ProjectIdPipe, WORKFLOW_REFUSALS } from './projects.controller';
import { ProjectsService } from './projects.service';
import { ParseUUIDPipe } from '@nestjs/common';

/** Every action answers the project as it is once the action is taken. */
const Acted = () => ApiOkResponse({ type: ProjectDetail, description: '办理后的项目' });

const SubIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('记录不存在') });

/**
 * Every action on a project. Roles here only keep callers who can never take an action out; the
 * workflow decides whether this caller may take it in the project's current stage (409 / 403 / 422).
 */
@ApiTags('project actions')
@ApiBearerAuth()
@ApiProjectId()
@ApiErrors(WORKFLOW_REFUSALS)
@Controller('projects/:id')
export class ProjectActionsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post('submit')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  submit(@Param('id', ProjectIdPipe) id: string, @Body() _body: EmptyBodyDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'submit' });
  }

  @Post('withdraw')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  withdraw(@Param('id', ProjectIdPipe) id: string, @Body() body: OptionalCommentDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'withdraw', comment: body.comment ?? null });
  }

  @Post('review')
  @HttpCode(200)
  @Acted()
  @Roles('township', 'department', 'county')
  @ApiExtraModels(ReviewDto)
  @ApiBody({
    // Returning or rejecting needs a comment: the rule the DTO's ValidateIf enforces, as a schema can say it.
    schema: { allOf: [{ $ref: getSchemaPath(ReviewDto) }, { anyOf: [{ properties: { decision: { enum: ['approve'] } } }, { required: ['comment'] }] }] },
  })
  review(@Param('id', ProjectIdPipe) id: string, @Body() body: ReviewDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, reviewCommand(body));
  }

  /** 解除负面清单提示: the department states in writing why a flagged application is nonetheless allowed. */
  @Post('negative-list/clear')
  @HttpCode(200)
  @Acted()
  @Roles('department')
  clearFlag(@Param('id', ProjectIdPipe) id: string, @Body() body: RequiredCommentDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'clear_flag', comment: body.comment });
  }

  @Post('objections/:objectionId/resolve')
  @HttpCode(200)
  @Acted()
  @Roles('county')
  @ApiParam({ name: 'objectionId', format: 'uuid' })
  resolveObjection(
    @Param('id', ProjectIdPipe) id: string,
    @Param('objectionId', SubIdPipe) objectionId: string,
    @Body() body: ResolveObjectionDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.projects.act(id, user, { action: 'resolve_objection', objectionId, decision: body.decision, comment: body.comment });
  }

  @Post('procurement')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  procurement(@Param('id', ProjectIdPipe) id: string, @Body() body: ProcurementDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, procurementCommand(body));
  }

  @Post('progress')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  progress(@Param('id', ProjectIdPipe) id: string, @Body() body: ProgressDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, progressCommand(body));
  }

  @Post('changes')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  @ApiErrors({ 422: ['FUNDING_MISMATCH'] })
  @ApiExtraModels(ChangeRequestDto)
  @ApiBody({
    // What each kind of change must carry: the rule the DTO's ValidateIf enforces, as a schema can say it.
    schema: {
      allOf: [
        { $ref: getSchemaPath(ChangeRequestDto) },
        {
          anyOf: [
            { properties: { kind: { enum: ['budget'] } }, required: ['totalBudget', 'fundingSources'] },
            { properties: { kind: { enum: ['scope'] } }, required: ['content'] },
            { properties: { kind: { enum: ['place'] } }, required: ['place'] },
          ],
        },
      ],
    },
  })
  requestChange(@Param('id', ProjectIdPipe) id: string, @Body() body: ChangeRequestDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, changeCommand(body));
  }

  @Post('changes/:changeId/review')
  @HttpCode(200)
  @Acted()
  @Roles('county')
  @ApiParam({ name: 'changeId', format: 'uuid' })
  reviewChange(
    @Param('id', ProjectIdPipe) id: string,
    @Param('changeId', SubIdPipe) changeId: string,
    @Body() body: ReviewChangeDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.projects.act(id, user, { action: 'review_change', changeId, decision: body.decision, comment: body.comment });
  }

  @Post('acceptance/request')
  @HttpCode(200)
  @Acted()
  @Roles('village')
  requestAcceptance(@Param('id', ProjectIdPipe) id: string, @Body() body: OptionalCommentDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, { action: 'request_acceptance', comment: body.comment ?? null });
  }

  @Post('acceptance')
  @HttpCode(200)
  @Acted()
  @Roles('county')
  accept(@Param('id', ProjectIdPipe) id: string, @Body() body: AcceptanceDto, @CurrentUser() user: AuthUser) {
    return this.projects.act(id, user, acceptanceCommand(body));
  }
}
