import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOkAnyOf } from '../common/api-responses';
import { CcTaskPage, DoneTaskPage, OpenTaskPage } from './task.response';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { TasksQuery } from './tasks.query';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkAnyOf('status=open（默认）时为待办的一页，status=done 时为已办的一页，status=cc 时为抄送我的一页', OpenTaskPage, DoneTaskPage, CcTaskPage)
  list(@Query() query: TasksQuery, @CurrentUser() user: AuthUser) {
    if (query.status === 'cc') return this.tasks.copied(user, query);
    return query.status === 'done' ? this.tasks.done(user, query) : this.tasks.open(user, query);
  }
}
