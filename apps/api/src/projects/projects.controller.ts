import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { sendFile } from '../monitor/monitor-export';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { CreateProjectDto } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import { UpdateProjectDto } from './dto/project-actions.dto';
import { ProjectsService } from './projects.service';

/** A malformed id cannot name any project: answer 404 like any unknown id. */
export const ProjectIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('项目不存在') });

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @Roles('village')
  create(@Body() body: CreateProjectDto, @CurrentUser() user: AuthUser, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.projects.create(body, user, idempotencyKey);
  }

  /** 项目库: one page, or with `format=csv|xlsx` every project the filters match as a file. */
  @Get()
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async list(@Query() query: ListProjectsQuery, @CurrentUser() user: AuthUser) {
    if (query.format) return sendFile(await this.projects.export(query, user, query.format));
    return this.projects.list(query, user);
  }

  @Get(':id')
  findOne(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.projects.findOne(id, user);
  }

  @Patch(':id')
  @Roles('village')
  update(@Param('id', ProjectIdPipe) id: string, @Body() body: UpdateProjectDto, @CurrentUser() user: AuthUser) {
    return this.projects.update(id, body, user);
  }

  @Get(':id/history')
  history(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.projects.history(id, user);
  }
}
