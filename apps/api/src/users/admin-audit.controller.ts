import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { AdminAuditService } from './admin-audit.service';
import { ListAuditQuery } from './dto/list-audit.query';
import { AdminAuditPage } from './user.response';

@ApiTags('users')
@ApiBearerAuth()
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  /** 管理日志: every administrator's action on accounts, and the locks wrong passwords caused. */
  @Get()
  @Roles('admin', 'county_admin')
  @ApiOkResponse({ type: AdminAuditPage })
  list(@Query() query: ListAuditQuery, @CurrentUser() user: AuthUser) {
    return this.audit.list(query, user);
  }
}
