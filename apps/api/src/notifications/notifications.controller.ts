import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotificationPage } from './notification.response';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { pageOf, PageQuery } from '../common/pagination';

/** 预警通知: matching warnings and overdue marks raised by the workflows' timers, newest first, within the caller's region. */
@ApiTags('monitor')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Roles('monitor', 'county', 'finance', 'admin')
  @ApiOkResponse({ type: NotificationPage })
  async list(@Query() query: PageQuery, @CurrentUser() user: AuthUser) {
    const { page, pageSize, offset } = pageOf(query);
    const prefix = user.regionCode === NATIONAL_REGION_CODE ? '' : regionPrefix(user.regionCode);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT n.id, n.kind, n.region_code, r.name AS region_name, n.allocation_id, a.batch_id, b.doc_number, n.message, n.created_at, count(*) OVER () AS total
       FROM notifications n JOIN regions r ON r.code = n.region_code
       LEFT JOIN allocations a ON a.id = n.allocation_id LEFT JOIN fund_batches b ON b.id = a.batch_id
       WHERE n.region_code LIKE $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
      [`${prefix}%`, pageSize, offset],
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        regionCode: r.region_code,
        regionName: r.region_name,
        batchId: r.batch_id,
        docNumber: r.doc_number,
        allocationId: r.allocation_id,
        message: r.message,
        createdAt: (r.created_at as Date).toISOString(),
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }
}
