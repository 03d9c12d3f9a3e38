import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { sendFile } from '../monitor/monitor-export';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { ApiPageOrFile } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { HistoryEntry, ProjectDetail, ProjectPage } from './dto/project.response';
import { CreateProjectDto } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import { UpdateProjectDto } from './dto/project-actions.dto';
import { ProjectsService } from './projects.service';

/** A malformed id cannot name any project: answer 404 like any unknown id. */
export const ProjectIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('项目不存在') });

/** The project id of every `projects/:id` route, and the 404 an unknown or unseen one answers. */
export const ApiProjectId = () => ApiParam({ name: 'id', format: 'uuid', description: '项目 id' });

/** What the project's workflow may refuse an action with, beside the caller's role and region. */
export const WORKFLOW_REFUSALS = {
  400: ['INVALID_INPUT'],
  403: ['OUTSIDE_REGION'],
  404: ['NOT_FOUND'],
  409: ['WRONG_STAGE', 'CONFLICT'],
  422: ['RULE_BROKEN'],
  503: ['EXPIRED', 'RECORDING_DELAYED'],
} as const;

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @Roles('village')
  @ApiCreatedResponse({ type: ProjectDetail, description: '新建的草稿' })
  @ApiErrors({ 403: ['OUTSIDE_REGION'], 422: ['FUNDING_MISMATCH', 'UNKNOWN_VILLAGE', 'TARGET_SUBCATEGORY_MISMATCH', 'RULE_BROKEN'], 503: ['EXPIRED', 'RECORDING_DELAYED'] })
  create(@Body() body: CreateProjectDto, @CurrentUser() user: AuthUser, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.projects.create(body, user, idempotencyKey);
  }

  /** 项目库: one page, or with `format=csv|xlsx` every project the filters match as a file. */
  @Get()
  @ApiPageOrFile(ProjectPage, '一页项目，或 format=csv / xlsx 时符合筛选条件的全部项目')
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async list(@Query() query: ListProjectsQuery, @CurrentUser() user: AuthUser) {
    if (query.format) return sendFile(await this.projects.export(query, user, query.format));
    return this.projects.list(query, user);
  }

  @Get(':id')
  @ApiProjectId()
  @ApiOkResponse({ type: ProjectDetail })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  findOne(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.projects.findOne(id, user);
  }

  @Patch(':id')
  @Roles('village')
  @ApiProjectId()
  @ApiOkResponse({ type: ProjectDetail })
  @ApiErrors({ ...WORKFLOW_REFUSALS, 422: ['RULE_BROKEN', 'FUNDING_MISMATCH', 'UNKNOWN_VILLAGE', 'TARGET_SUBCATEGORY_MISMATCH'] })
  @ApiExtraModels(UpdateProjectDto)
  // An edit that changes nothing is refused (请至少修改一项申报内容).
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(UpdateProjectDto) }], minProperties: 1 } })
  update(@Param('id', ProjectIdPipe) id: string, @Body() body: UpdateProjectDto, @CurrentUser() user: AuthUser) {
    return this.projects.update(id, body, user);
  }

  @Get(':id/history')
  @ApiProjectId()
  @ApiOkResponse({ type: [HistoryEntry], description: '审计记录，最早的在前' })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  history(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.projects.history(id, user);
  }
}
