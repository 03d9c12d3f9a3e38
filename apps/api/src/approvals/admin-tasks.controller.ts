import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/openapi';
import { ReassignResult } from './approval.response';
import { ApprovalsService } from './approvals.service';
import { ReassignTasksDto } from './dto/approval-operations.dto';

/** 管理员干预: hand over open tasks, e.g. every task of a person who has left. */
@ApiTags('approval operations')
@ApiBearerAuth()
@Controller('admin/tasks')
export class AdminTasksController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** 批量改派: each task is reassigned through its project's workflow; the answer lists each project's outcome. */
  @Post('reassign')
  @HttpCode(200)
  @Roles('admin', 'county_admin')
  @ApiOkResponse({ type: ReassignResult })
  @ApiErrors({ 422: ['RULE_BROKEN'], 503: ['EXPIRED', 'RECORDING_DELAYED'] })
  @ApiExtraModels(ReassignTasksDto)
  @ApiBody({
    // Whose tasks: a person's, or the named projects' (at least one), as the service insists.
    schema: {
      allOf: [
        { $ref: getSchemaPath(ReassignTasksDto) },
        { anyOf: [{ required: ['fromUserId'] }, { required: ['projectIds'], properties: { projectIds: { type: 'array', minItems: 1 } } }] },
      ],
    },
  })
  reassign(@Body() body: ReassignTasksDto, @CurrentUser() user: AuthUser) {
    return this.approvals.reassign(body, user);
  }
}
